"""Charts for the per-source tables: one function per chart, each returning its ``Axes``.

Every function takes a tidy DataFrame first and keyword-only column names whose defaults
follow the frame contracts in ``docs/architecture.md``. ``ax=None`` draws on the current
axes (a figure sized for the chart is created when none is open). No function calls
``show()`` or ``savefig()``, and importing this module changes no global setting: the
shared look (Okabe–Ito colour-blind-safe palette, hatches for grayscale print, DejaVu Sans
for Latin, Cyrillic, Armenian and Azerbaijani letters) is applied inside each call through
a private :func:`matplotlib.rc_context`.

Empty input gives an Axes with a centred "no data" text; missing columns raise
``ValueError`` naming the missing columns and the ones present.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> import pandas as pd
>>> from toolkit import plots
>>> table = pd.DataFrame({"source": ["A", "B"], "actor": ["X", "X"],
...                       "sentiment": [0.2, -0.4], "ci_low": [0.0, -0.6], "ci_high": [0.4, -0.2]})
>>> fig, ax = plt.subplots()
>>> ax = plots.actor_sentiment(table, ax=ax)
>>> [t.get_text() for t in ax.get_yticklabels()]
['X']
"""

from toolkit._plot_actors import (
    actor_sentiment,
    agency,
    attention,
    naming_shares,
    sentiment_heatmap,
)
from toolkit._plot_framing import coverage, frames_mix, keyness, loaded_rates, verb_classes, voice

__all__ = [
    "actor_sentiment",
    "agency",
    "attention",
    "coverage",
    "frames_mix",
    "keyness",
    "loaded_rates",
    "naming_shares",
    "sentiment_heatmap",
    "verb_classes",
    "voice",
]
