#!/usr/bin/env bash
# Install the system packages the PDF reports need (xelatex, pandoc, pdftotext, DejaVu fonts).
# As root it installs them with apt-get; otherwise it names what is missing and how to install it.
set -euo pipefail
PKGS="texlive-xetex texlive-fonts-recommended texlive-plain-generic pandoc poppler-utils fonts-dejavu-core fonts-dejavu-extra"
missing=()
command -v xelatex >/dev/null 2>&1 || missing+=(xelatex)
command -v pandoc >/dev/null 2>&1 || missing+=(pandoc)
command -v pdftotext >/dev/null 2>&1 || missing+=(pdftotext)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "system tools missing: ${missing[*]}"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $PKGS >/dev/null
  echo "installed: $PKGS"
else
  echo "Please install them with your package manager, e.g.:" >&2
  echo "  sudo apt-get install $PKGS" >&2
  exit 1
fi
