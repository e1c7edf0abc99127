"""Matter search for the screens: the pinyin index is built on a worker thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from kiosk.catalog import Catalog, MatterInfo
from kiosk.search import SearchIndex, searchable


class _IndexJob(QRunnable):
    def __init__(self, catalog: Catalog, done: Callable[[Catalog, SearchIndex], None]) -> None:
        super().__init__()
        self.catalog, self.done = catalog, done

    def run(self) -> None:
        items = [
            searchable(m.code, m.name, m.name_en, m.spec.keywords) for m in self.catalog.matters
        ]
        self.done(self.catalog, SearchIndex(items))  # a queued signal emit


class Finder(QObject):
    """Searches the current catalogue; plain substring search until the index is ready."""

    ready = Signal()
    _built = Signal(object, object)  # catalog, index: emitted by the worker, queued here

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog: Catalog | None = None
        self.index: SearchIndex | None = None
        self._indexed: Catalog | None = None
        self._pool = QThreadPool(self)
        self._built.connect(self._on_built)

    def update(self, catalog: Catalog) -> None:
        """A fresh catalogue; the index is rebuilt when the matters changed."""
        old = self.catalog
        self.catalog = catalog
        if old is None or [m.code for m in old.matters] != [m.code for m in catalog.matters]:
            self.index = None
            self._pool.start(_IndexJob(catalog, self._built.emit))

    def _on_built(self, catalog: Catalog, index: SearchIndex) -> None:
        if catalog is self.catalog or self.index is None:
            self.index = index
            self.ready.emit()

    def wait(self, timeout_ms: int = 10000) -> bool:
        """Wait for the index worker (shutdown, tests)."""
        return self._pool.waitForDone(timeout_ms)

    def search(self, query: str, zone: str | None = None) -> list[MatterInfo]:
        """Matters matching `query` (all for an empty one), best first, within `zone`."""
        catalog = self.catalog
        if catalog is None:
            return []
        if self.index is not None:
            found = [catalog.matter(code) for code in self.index.search(query)]
            matters = [m for m in found if m is not None]
        else:
            q = query.strip().lower()
            matters = [m for m in catalog.matters if q in m.name or q in m.name_en.lower()]
        return [m for m in matters if zone is None or m.zone == zone]
