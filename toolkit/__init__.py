"""media-toolkit: measure how news sources frame actors."""

from toolkit.errors import CorpusError

__all__ = ["CorpusError"]
__version__ = "0.1.0"
