"""Inbox benchmark on 100,000 tickets and 1,000,000 messages, offscreen.

    python bench/inbox.py [--cache DIR] [--rebuild]

The database is made once by bench/inbox_data.py (in a subprocess, so its memory does not
count) and cached in bench/.cache; each run works on a fresh copy. Then:

* ``start_ms``: process start → first event-loop iteration after the main window's show(),
  running the real ``python -m whatdesk --data-dir COPY`` (bench/inbox_start.py).
* In this process, an InboxPage on the same copy (the signed-in agent owns the long chat):
  ``list_first_paint_ms`` (page.load() → the ticket list's first paint with rows),
  ``open_chat_ms`` (page.open_ticket(long chat) → its message view painted with rows),
  ``scroll_worst_frame_ms`` (the slowest frame scrolling up through 2,000 messages),
  ``filter_ms`` (the waiting list filtered by a queue, painted),
  ``search_ms`` (a word typed in the Search pane → first page of results painted),
  ``rss_mb`` (peak resident memory of this process and of the start probe).
* ``baseline``, measured the same way in the same run on the same machine: an empty Qt
  window's start and a plain QListView's worst scroll frame (what this machine costs with no
  work of ours).

A measurement whose widget does not exist yet prints null. The LAST line printed is one JSON
object with those keys.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SCROLL_MESSAGES = 2_000
WAIT_S = 30.0  # longest we wait for one widget to fill before calling it missing
POLL_S = 0.001  # how often a wait looks again (the timings are at most this much late)


def _log(*args: object) -> None:
    print(*args, file=sys.stderr, flush=True)


def ensure_data(cache: Path, rebuild: bool) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    import inbox_data

    out = cache / f"inbox-v{inbox_data.GENERATOR_VERSION}-default"
    if rebuild and out.exists():
        shutil.rmtree(out)
    if not (out / "bench.json").exists():
        _log("building the benchmark database (once; cached in", cache, ")")
        code = ("import sys; sys.path[:0] = [%r, %r]; from pathlib import Path; "
                "import inbox_data; inbox_data.cached(Path(%r))" % (str(HERE), str(ROOT),
                                                                      str(cache)))
        subprocess.run([sys.executable, "-c", code], check=True)
    upgrade_cached(out / "whatdesk.db")
    return json.loads((out / "bench.json").read_text())


def upgrade_cached(db_file: Path) -> None:
    """Bring the cached database to this code's schema once, so that no measured start pays
    for a migration (and its safety copy) that a real install runs only once."""
    from whatdesk.store import Database, sqlite_url
    from whatdesk.store.db import head_revision

    marker = db_file.with_name("schema.txt")
    head = head_revision()
    if marker.exists() and marker.read_text().strip() == head:
        return
    _log("upgrading the cached benchmark database to", head)
    Database.open(sqlite_url(db_file)).close()
    for copy in db_file.parent.glob(db_file.name + ".*.bak"):
        copy.unlink()  # the pre-upgrade safety copy: not part of the data
    marker.write_text(head + "\n")


BARE_START = """
import json, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1366, 768)
window.show()
QTimer.singleShot(0, lambda: (print(json.dumps({"ready_wall": time.time()}), flush=True),
                              app.quit()))
app.exec()
"""


def measure_bare_start() -> float | None:
    """The baseline: a Python process that only opens an empty Qt window, timed the same way
    (process start → first loop iteration after show) on this machine, in this run."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.time()
    proc = subprocess.run([sys.executable, "-c", BARE_START], env=env, capture_output=True,
                          text=True, timeout=120)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("{"):
            return round((json.loads(line)["ready_wall"] - started) * 1000, 1)
    return None


async def _bare_scroll_worst_frame() -> float | None:
    """The baseline frame: a plain QListView of 2,000 one-line rows (Qt's own delegate)
    scrolled the same way; what a frame costs on this machine with no work of ours."""
    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import QListView

    view = QListView()
    view.setModel(QStringListModel([f"mensagem {i}" for i in range(SCROLL_MESSAGES)], view))
    view.resize(700, 700)
    view.show()
    view.scrollToBottom()
    await asyncio.sleep(0.05)
    bar = view.verticalScrollBar()
    step = max(1, view.viewport().height() // 3)
    worst = 0.0
    while bar.value() > 0:
        t0 = time.perf_counter()
        bar.setValue(bar.value() - step)
        view.viewport().repaint()
        await asyncio.sleep(0)
        worst = max(worst, time.perf_counter() - t0)
    view.close()
    return round(worst * 1000, 1)


def measure_start(data_dir: Path) -> tuple[float | None, float | None]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    started = time.time()
    proc = subprocess.run([sys.executable, str(HERE / "inbox_start.py"), "--data-dir",
                           str(data_dir)], env=env, capture_output=True, text=True,
                          timeout=300)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("{"):
            info = json.loads(line)
            return round((info["ready_wall"] - started) * 1000, 1), info["rss_mb"]
    _log("start probe failed:", proc.returncode, proc.stderr[-2000:])
    return None, None


# ---- in-process measurements ------------------------------------------------------------

def _views_in(widget: Any) -> list[Any]:
    from PySide6.QtWidgets import QAbstractItemView

    return [v for v in widget.findChildren(QAbstractItemView) if v.isVisible()]


def _filled_view(widget: Any, preferred: Any = None) -> Any:
    """The visible item view inside ``widget`` that has rows (``preferred`` first)."""
    candidates = ([preferred] if preferred is not None else []) + _views_in(widget)
    for view in candidates:
        model = view.model() if view is not None else None
        if model is not None and view.isVisible() and model.rowCount() > 0:
            return view
    return None


async def _wait_for_rows(widget: Any, preferred: Any = None) -> Any:
    """The view once it has rows; None at once when ``widget`` has no item view at all
    (that part of the inbox is not built yet)."""
    if preferred is None and not _views_in(widget):
        return None
    return await _wait_for(lambda: _filled_view(widget, preferred))


async def _wait_for(predicate: Callable[[], Any], timeout: float = WAIT_S) -> Any:
    deadline = time.perf_counter() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.perf_counter() > deadline:
            return None
        # A short sleep, not sleep(0): a busy poll would hold the GIL and starve the database
        # reader threads the app is waiting for (an idle app sits in Qt's event loop instead).
        await asyncio.sleep(POLL_S)


def _painted(view: Any) -> float:
    """Paint the view now (synchronously, as the next frame would) and return the time."""
    view.viewport().repaint()
    return time.perf_counter()


def _ms(t0: float, t1: float | None) -> float | None:
    return None if t1 is None else round((t1 - t0) * 1000, 1)


async def measure_in_process(data_dir: Path, meta: dict[str, Any],
                             settings_path: Path) -> dict[str, float | None]:
    from PySide6.QtCore import QSettings

    from whatdesk.services.runtime import Runtime, tune_gc
    from whatdesk.ui.bridge import Bridge
    from whatdesk.ui.inbox.context import InboxContext
    from whatdesk.ui.inbox.page import InboxPage
    from whatdesk.ui.inbox.search import SearchPane

    out: dict[str, float | None] = {}
    runtime = Runtime.open(data_dir)
    tune_gc()
    try:
        agents = await runtime.agents.list()
        agent = next(a for a in agents if a.id == meta["agent_id"])
        ctx = InboxContext(runtime, Bridge(runtime.bus), agent,
                           QSettings(str(settings_path), QSettings.Format.IniFormat))
        page = InboxPage(ctx)
        page.resize(1366, 768)
        page.show()
        await asyncio.sleep(0)

        # ticket list: load → first paint with rows
        t0 = time.perf_counter()
        await page.load()
        view = await _wait_for_rows(page.tickets)
        out["list_first_paint_ms"] = _ms(t0, _painted(view)) if view else None
        await runtime.tickets.counts()  # the main window's load() reads the totals too

        # the 10,000-message chat: open → first paint with rows
        chat_view_attr = getattr(page.chat, "view", None)
        t0 = time.perf_counter()
        page.open_ticket(meta["long_chat_ticket"])
        chat = await _wait_for_rows(page.chat, chat_view_attr)
        out["open_chat_ms"] = _ms(t0, _painted(chat)) if chat else None
        out["scroll_worst_frame_ms"] = await _scroll_worst_frame(chat) if chat else None

        out["filter_ms"] = await _filter(page, meta)

        # search: a word → first page painted (the Search tab's pane, else a standalone one)
        pane = next(iter(page.findChildren(SearchPane)), None)
        if pane is None:
            pane = SearchPane(ctx)
            pane.resize(420, 768)
            pane.show()
        await asyncio.sleep(0)
        done: list[str] = []
        pane.searched.connect(done.append)
        pane.field.setText(meta["search_word"])
        t0 = time.perf_counter()
        pane.run_search()  # what the debounce timer calls once the agent stops typing
        ok = await _wait_for(lambda: done and pane.model.rowCount() > 0)
        out["search_ms"] = _ms(t0, _painted(pane.view)) if ok else None
        page.close()
    finally:
        await runtime.close()
    return out


async def _scroll_worst_frame(view: Any) -> float | None:
    """Scroll up a third of a screen per frame until 2,000 messages went by (older pages load
    as the chat reaches its top); the slowest frame's synchronous work, in ms."""
    import gc

    bar = view.verticalScrollBar()
    model = view.model()
    step = max(1, view.viewport().height() // 3)
    worst = 0.0
    frames: list[float] = []
    slow: list[tuple[float, str]] = []  # (ms, what else happened in that frame)
    collected: list[float] = []
    gc_start = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_start[0] = time.perf_counter()
        else:
            collected.append((time.perf_counter() - gc_start[0]) * 1000)

    gc.callbacks.append(on_gc)
    passed: set[int] = set()
    stalls = 0
    while len(passed) < SCROLL_MESSAGES and stalls < 2000:
        before = (bar.value(), model.rowCount())
        t0 = time.perf_counter()
        bar.setValue(bar.value() - step)
        view.viewport().repaint()
        frame = time.perf_counter() - t0
        top = view.indexAt(view.viewport().rect().topLeft()).row()
        bottom = view.indexAt(view.viewport().rect().bottomLeft()).row()
        if top >= 0:  # counted by message id: rows come and go as pages load and trim
            for r in range(top, (bottom if bottom >= 0 else top) + 1):
                msg = getattr(model.items[r], "msg", None)
                if msg is not None:
                    passed.add(msg.id)
        t0 = time.perf_counter()
        await asyncio.sleep(0)  # the loop runs: fetches land, rows get inserted
        frame += time.perf_counter() - t0
        frames.append(frame)
        worst = max(worst, frame)
        if frame > 0.015:
            what = [f"gc {max(collected):.0f} ms"] if collected else []
            if model.rowCount() != before[1]:
                what.append("a page inserted")
            slow.append((frame * 1000, ", ".join(what) or "paint only"))
        collected.clear()
        if (bar.value(), model.rowCount()) == before:
            stalls += 1
            await asyncio.sleep(0.005)  # at the top, waiting for the next page from the db
        else:
            stalls = 0
    gc.callbacks.remove(on_gc)
    if slow:
        _log("scroll: frames over 15 ms: " + "; ".join(f"{ms:.1f} ({what})"
                                                       for ms, what in sorted(slow)[-5:]))
    frames.sort()
    if frames:
        _log(f"scroll: {len(frames)} frames, median {frames[len(frames) // 2] * 1000:.1f} ms, "
             f"p95 {frames[int(len(frames) * 0.95)] * 1000:.1f} ms, slowest "
             f"{[round(f * 1000, 1) for f in frames[-5:]]}")
    if len(passed) < SCROLL_MESSAGES:
        _log(f"scroll: only {len(passed)} messages reachable")
        return None
    return round(worst * 1000, 1)


async def _filter(page: Any, meta: dict[str, Any]) -> float | None:
    """The Waiting tab, then the agent picks one queue in the filter: the choice → the list
    painted with that queue's tickets."""
    tickets = page.tickets
    model = tickets.model
    tickets.set_tab("waiting")
    if not await _wait_for(lambda: not model.busy and model.rowCount() > 0):
        return None
    queue_id = meta["queue_ids"][0]
    index = tickets.queue_filter.findData(queue_id)
    if index < 0:
        return None

    def filtered() -> bool:
        rows = [model.ticket_at(r) for r in range(min(5, model.rowCount()))]
        return not model.busy and bool(rows) and all(
            r is not None and r.queue_id == queue_id for r in rows)

    t0 = time.perf_counter()
    tickets.queue_filter.setCurrentIndex(index)
    if not await _wait_for(filtered):
        return None
    return _ms(t0, _painted(tickets.view))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=HERE / ".cache")
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    args = parser.parse_args()
    meta = ensure_data(args.cache, args.rebuild)
    source = Path(meta["path"]) / "whatdesk.db"

    with tempfile.TemporaryDirectory(prefix="whatdesk-bench-") as tmp:
        start_dir = Path(tmp) / "start"
        page_dir = Path(tmp) / "page"
        for d in (start_dir, page_dir):
            d.mkdir()
            shutil.copyfile(source, d / "whatdesk.db")
        start_ms, start_rss = measure_start(start_dir)
        _log("start_ms", start_ms)
        bare_start = measure_bare_start()
        _log("baseline start_ms (an empty Qt window)", bare_start)

        import qasync
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication(sys.argv)
        app.setQuitOnLastWindowClosed(False)  # the probe closes popups; the run goes on
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        try:
            page = loop.run_until_complete(
                measure_in_process(page_dir, meta, Path(tmp) / "ui.ini"))
            bare_frame = loop.run_until_complete(_bare_scroll_worst_frame())
        finally:
            loop.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "start_ms": start_ms,
        "list_first_paint_ms": page.get("list_first_paint_ms"),
        "open_chat_ms": page.get("open_chat_ms"),
        "scroll_worst_frame_ms": page.get("scroll_worst_frame_ms"),
        "filter_ms": page.get("filter_ms"),
        "search_ms": page.get("search_ms"),
        "rss_mb": round(max(rss, start_rss or 0.0), 1),
        # the same machine, the same run: an empty Qt window's start, a plain list's frame
        "baseline": {"start_ms": bare_start, "scroll_worst_frame_ms": bare_frame},
    }
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
