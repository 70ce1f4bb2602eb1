"""Draft autosave: every edit is journaled to disk at once and saved as the draft ~1 s later."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from whatdesk.flows import Flow, to_dict
from whatdesk.ui import tasks

log = logging.getLogger(__name__)

# One writer thread for every journal: writes of one flow land in the order they were made,
# and the file work never runs on the UI thread.
_journal_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="flow-journal")


class DraftAutosaver(QObject):
    """Attach to an editor's Flow: each change writes `<data>/flow-drafts/<id>.wdflow.json`
    (atomic, fsynced) and restarts a ~1 s timer that stores the draft through
    FlowService.save_draft; once stored, the journal goes. A crash in between leaves the
    journal, which the flows page offers to restore the next time the flow is opened."""

    saved = Signal(object)  # FlowRow
    failed = Signal(str)  # the draft could not be stored (the journal keeps the edit)
    dirtied = Signal()  # the flow changed since the last save

    def __init__(self, flow: Flow, flow_id: str, service: Any, *, delay_ms: int = 1000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.flow_id = flow_id
        self.service = service
        self._generation = 0  # bumped by every change
        self._saved_generation = 0
        self._journal: Future[Any] | None = None
        self._saving: asyncio.Task[Any] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._save_soon)
        flow.flow_changed.connect(self._changed)
        # destroyed with its editor: the document must not call into a deleted object
        self.destroyed.connect(lambda _o=None, f=flow, c=self._changed: _forget(f, c))

    @property
    def dirty(self) -> bool:
        return self._generation != self._saved_generation

    def _changed(self) -> None:
        self._generation += 1
        self.flow.id = self.flow_id
        document = to_dict(self.flow)
        self._journal = _journal_writer.submit(self._write_journal, document)
        self._timer.start()
        self.dirtied.emit()

    def _write_journal(self, document: dict[str, Any]) -> None:
        try:
            self.service.write_journal(self.flow_id, document)
        except OSError:
            log.warning("flow draft journal not written", exc_info=True)

    def _save_soon(self) -> None:
        self._saving = tasks.spawn(self.save(), on_error=self.failed.emit)

    async def save(self) -> Any:
        """Store the document as the draft now (if it changed), then drop the journal."""
        self._timer.stop()
        if not self.dirty:
            return None
        generation = self._generation
        self.flow.id = self.flow_id
        row = await self.service.save_draft(to_dict(self.flow))
        self._saved_generation = max(self._saved_generation, generation)
        if not self.dirty:  # nothing newer than what was stored: the journal has served
            await asyncio.wrap_future(_journal_writer.submit(self.service.drop_journal,
                                                             self.flow_id))
        self.saved.emit(row)
        return row

    async def journal_written(self) -> None:
        """Wait for the journal writes made so far (tests, and before a risky step)."""
        if self._journal is not None:
            await asyncio.wrap_future(self._journal)

    async def close(self) -> None:
        """The editor closes: save what is left and stop listening."""
        self._timer.stop()
        _forget(self.flow, self._changed)
        await self.journal_written()
        if self.dirty:
            await self.save()


def _forget(flow: Flow, slot: Any) -> None:
    try:
        flow.flow_changed.disconnect(slot)
    except ValueError:
        pass  # already
