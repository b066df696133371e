"""Link suggestion: which passages of one article answer which of the other.

``Engine`` (engine.py) is the entry point; ``Suggester`` is the older, thinner one.
"""

from reader.core.suggest.engine import Engine, Options, Suggester, Suggestion
from reader.core.suggest.units import Unit

__all__ = ["Engine", "Options", "Suggester", "Suggestion", "Unit"]
