"""Messages that widgets, dialogs and workers post; the reading screen handles them with @on.

Widgets never call into the app or the screen: they say what happened, and the screen,
which owns the state, decides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from reader.core.services.workspace import AnchorJob
    from reader.core.suggest.engine import Suggestion


class ViewChanged(Message):
    """An article view's cursor, selection or search changed (for the status line)."""

    def __init__(self, view: Any) -> None:
        super().__init__()
        self.view = view


class JumpRequested(Message):
    """Go to an annotation (from a panel or the dispute map)."""

    def __init__(self, ann_id: str) -> None:
        super().__init__()
        self.ann_id = ann_id


class DeleteRequested(Message):
    """Delete an annotation (from the annotations panel)."""

    def __init__(self, ann_id: str) -> None:
        super().__init__()
        self.ann_id = ann_id


class SuggestionPreviewed(Message):
    """A suggestion (or a candidate answer) is highlighted in a list: show both passages.
    ``go``: Enter, go there (the panel closes, both articles stay on the pair)."""

    def __init__(self, suggestion: Suggestion, go: bool = False) -> None:
        super().__init__()
        self.suggestion = suggestion
        self.go = go


class SuggestionDecided(Message):
    """Accept (make the link) or reject (remember) a suggestion."""

    def __init__(self, suggestion: Suggestion, accept: bool, choose: bool = False) -> None:
        super().__init__()
        self.suggestion = suggestion
        self.accept = accept
        self.choose = choose  # accept, with the relation (and a note) chosen in the picker


class PanelClosed(Message):
    """A side panel asks to be closed (Esc)."""

    def __init__(self, panel: Any) -> None:
        super().__init__()
        self.panel = panel


class SuggestionsReady(Message):
    """The suggestions worker finished."""

    def __init__(self, suggestions: list[Suggestion], key: tuple[str, str], engine: Any) -> None:
        super().__init__()
        self.suggestions = suggestions
        self.key = key
        self.engine = engine  # built once per pair of texts: the screen keeps it


class AnswersReady(Message):
    """Candidates for "what answers this?" are ready."""

    def __init__(self, candidates: list[Suggestion], side: str, span: tuple[int, int], engine: Any,
                 key: tuple[str, str]) -> None:
        super().__init__()
        self.candidates = candidates
        self.side = side
        self.span = span
        self.engine = engine
        self.key = key


class Progress(Message):
    """A worker's progress, for the status line."""

    def __init__(self, label: str, done: int, total: int) -> None:
        super().__init__()
        self.label = label
        self.done = done
        self.total = total


class AnchorsReady(Message):
    """Annotations of changed articles have been placed by a worker."""

    def __init__(self, results: list[tuple[str, str, Any]], jobs: list[AnchorJob]) -> None:
        super().__init__()
        self.results = results
        self.jobs = jobs


class DisputeReady(Message):
    """The dispute map was built by a worker, with its claims in the order shown."""

    def __init__(self, dispute: Any, claims: list[Any]) -> None:
        super().__init__()
        self.dispute = dispute
        self.claims = claims


class RefreshReady(Message):
    """A source was fetched or read again, and compared with the version shown."""

    def __init__(self, side: str, result: Any, effects: list[Any]) -> None:
        super().__init__()
        self.side = side
        self.result = result
        self.effects = effects


class WorkDone(Message):
    """A worker (export, copy) finished: a message for the person, and how serious; ``status``
    is the short form the status line keeps (a toast alone goes after a few seconds)."""

    def __init__(self, text: str, severity: str = "information", timeout: float = 4.0, status: str = "") -> None:
        super().__init__()
        self.text = text
        self.severity = severity
        self.timeout = timeout
        self.status = status


class VersionsListed(Message):
    """The kept versions of an article, read in a worker (newest first)."""

    def __init__(self, side: str, key: str, versions: list[Any]) -> None:
        super().__init__()
        self.side = side
        self.key = key
        self.versions = versions


class VersionReady(Message):
    """A kept version of an article, made ready to show in a worker."""

    def __init__(self, side: str, doc: Any) -> None:
        super().__init__()
        self.side = side
        self.doc = doc


class LayoutReady(Message):
    """An article wrapped at a new width in a worker (a long one: see ArticleView._relayout)."""

    def __init__(self, doc: Any, layout: Any) -> None:
        super().__init__()
        self.doc = doc
        self.layout = layout
