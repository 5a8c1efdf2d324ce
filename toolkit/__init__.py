"""media-toolkit: measure how news sources frame actors.

The public API, in the order of the data flow (see ``docs/architecture.md``)::

    load_corpus → split_sentences → find_mentions → measures → analyze → plots / report

``toolkit.agency`` is left as the module (use ``toolkit.agency.agency``): exporting the
function under the same name would hide the module.
"""

from toolkit import plots
from toolkit.actors import ActorDictionary, find_mentions, load_actors, suggest_actors
from toolkit.agency import agency_table
from toolkit.analysis import Analysis, analyze
from toolkit.attribution import find_quotes, verb_classes, voice
from toolkit.compare import actor_sentiment, bootstrap_mean_ci, evidence, keyness
from toolkit.corpus import corpus_info, load_corpus
from toolkit.errors import CorpusError, ToolkitWarning
from toolkit.framing import (
    find_naming,
    frames,
    frames_mix,
    load_naming,
    loaded_language,
    loaded_rates,
    naming_shares,
)
from toolkit.highlight import highlight
from toolkit.report import build_report
from toolkit.sentiment import TargetSentimentModel, sentence_sentiment, target_sentiment
from toolkit.text import kwic, split_sentences, tokenize, word_count

__all__ = [
    "ActorDictionary",
    "Analysis",
    "CorpusError",
    "TargetSentimentModel",
    "ToolkitWarning",
    "actor_sentiment",
    "agency_table",
    "analyze",
    "bootstrap_mean_ci",
    "build_report",
    "corpus_info",
    "evidence",
    "find_mentions",
    "find_naming",
    "find_quotes",
    "frames",
    "frames_mix",
    "highlight",
    "keyness",
    "kwic",
    "load_actors",
    "load_corpus",
    "load_naming",
    "loaded_language",
    "loaded_rates",
    "naming_shares",
    "plots",
    "sentence_sentiment",
    "split_sentences",
    "suggest_actors",
    "target_sentiment",
    "tokenize",
    "verb_classes",
    "voice",
    "word_count",
]
__version__ = "0.1.0"
