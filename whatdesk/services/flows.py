"""Flow use cases: drafts, .wdflow.json import/export, publishing, welcome flows, counts."""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whatdesk.domain.errors import ConflictError, NotFound, WhatdeskError
from whatdesk.engine.events import ConnectionsChanged
from whatdesk.flows import (
    Finding,
    Flow,
    FlowFormatError,
    Node,
    load,
    load_file,
    save_file,
    to_dict,
)
from whatdesk.flows import validate as validate_flow
from whatdesk.flows.analytics import FlowAnalytics
from whatdesk.flows.document import MAX_FILE_BYTES
from whatdesk.paths import resources_dir
from whatdesk.store import (
    FlowRow,
    FlowVersionRow,
    delete_flow,
    find_flow,
    flow_id_exists,
    get_flow_version,
    list_flow_versions,
    list_flows,
    node_counts,
    node_counts_between,
    publish_flow,
    runs_stopped_at,
    save_flow_draft,
    set_welcome_flow,
    welcome_flow_users,
)

if TYPE_CHECKING:
    from whatdesk.services.runtime import Runtime


class PublishRefused(WhatdeskError):
    """The draft has validation errors; `errors` lists them (node, code, message)."""

    def __init__(self, name: str, errors: list[Finding], locale: str = "pt") -> None:
        self.errors = errors
        lines = "; ".join(f"[{f.node}] {f.code}: {f.message(locale)}" if f.node
                          else f"{f.code}: {f.message(locale)}" for f in errors[:20])
        super().__init__(f"O fluxo “{name}” não foi publicado: {len(errors)} erro(s) de "
                         f"validação. {lines}")


DRAFT_JOURNAL_FOLDER = "flow-drafts"
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class FlowSummary:
    """One line of the flows page."""

    row: FlowRow
    status: str  # "draft" (never published) | "published" | "modified" (draft differs)
    errors: int
    warnings: int
    welcome_of: tuple[str, ...]  # names of the connections that start new conversations on it
    triggers: tuple[dict[str, Any], ...]  # the draft's keyword triggers

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def name(self) -> str:
        return self.row.name


@dataclass(frozen=True)
class FlowTemplate:
    """A shipped example flow (resources/flows) a new flow can start from."""

    path: Path
    name: str
    description: str


def flow_templates(folder: Path | None = None) -> list[FlowTemplate]:
    """The example flows shipped in resources/flows, by name."""
    folder = folder or resources_dir() / "flows"
    found = []
    for path in sorted(folder.glob("*.wdflow.json")):
        try:
            flow = load_file(path)
        except FlowFormatError:
            continue
        found.append(FlowTemplate(path, flow.name or path.name, flow.description))
    return sorted(found, key=lambda t: t.name.casefold())


def _free_name(taken: set[str], wanted: str, fallback: str) -> str:
    name = " ".join((wanted or fallback).split()) or fallback
    base, n = name, 2
    while name.casefold() in taken:
        name, n = f"{base} ({n})", n + 1
    return name


class FlowService:
    """What the flow editor and `whatdesk flow list|import|export|publish` call."""

    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    # ---- read ---------------------------------------------------------------------------

    async def list(self) -> list[FlowRow]:
        return await self._rt.db.read(list_flows)

    async def get(self, ref: str) -> FlowRow:
        """A flow by id or name; NotFound otherwise."""
        row = await self._rt.db.read(lambda s: find_flow(s, ref))
        if row is None:
            raise NotFound(f"Fluxo “{ref}” não encontrado.", en=f"Flow “{ref}” not found.")
        return row

    async def document(self, ref: str, version: int | str | None = "draft") -> Flow:
        """The draft ("draft"), a published version (int) or the current published one (None)."""
        row = await self.get(ref)
        if version == "draft":
            return load(row.draft)
        found = await self._rt.db.read(
            lambda s: get_flow_version(s, row.id, version if isinstance(version, int) else None))
        if found is None:
            raise NotFound(f"O fluxo “{row.name}” não tem a versão publicada pedida.",
                           en=f"Flow “{row.name}” has no such published version.")
        flow = load(found.document)
        flow.version = found.version
        return flow

    async def overview(self) -> list[FlowSummary]:
        """Every flow with its status, problem counts, welcome-flow connections and triggers
        (validated off the loop thread)."""
        def read(s: Any) -> list[FlowSummary]:
            users = welcome_flow_users(s)
            out = []
            for row in list_flows(s):
                try:
                    report = validate_flow(load(row.draft))
                    errors, warnings = len(report.errors), len(report.warnings)
                except FlowFormatError:
                    errors, warnings = 1, 0
                status = "draft"
                if row.published_version is not None:
                    published = get_flow_version(s, row.id, row.published_version)
                    same = published is not None and published.document == row.draft
                    status = "published" if same else "modified"
                triggers = tuple(t for t in row.draft.get("triggers") or []
                                 if isinstance(t, dict))
                out.append(FlowSummary(row, status, errors, warnings,
                                       tuple(users.get(row.id, [])), triggers))
            return out

        return await self._rt.db.read(read)

    async def versions(self, ref: str) -> list[FlowVersionRow]:
        """The published versions, newest first (author, time, note; no documents)."""
        row = await self.get(ref)
        return await self._rt.db.read(lambda s: list_flow_versions(s, row.id))

    async def version(self, ref: str, version: int) -> FlowVersionRow:
        row = await self.get(ref)
        found = await self._rt.db.read(lambda s: get_flow_version(s, row.id, version))
        if found is None:
            raise NotFound(f"O fluxo “{row.name}” não tem a versão {version}.",
                           en=f"Flow “{row.name}” has no version {version}.")
        return found

    async def analytics(self, ref: str, since: datetime, until: datetime) -> FlowAnalytics:
        """How conversations went through the flow in [since, until) (hourly precision)."""
        row = await self.get(ref)

        def read(s: Any) -> FlowAnalytics:
            counts = node_counts_between(s, row.id, since, until)
            stopped = runs_stopped_at(s, row.id, since, until)
            return FlowAnalytics.from_counts(since, until, counts, stopped)

        return await self._rt.db.read(read)

    async def node_counts(self, ref: str, version: int | None = None
                          ) -> dict[tuple[str, str], int]:
        """{(node id, port): executions} of one version (None: all versions together)."""
        row = await self.get(ref)
        return await self._rt.db.read(lambda s: node_counts(s, row.id, version))

    # ---- write --------------------------------------------------------------------------

    async def create(self, name: str, description: str = "") -> FlowRow:
        """A new flow whose draft is just a Start node."""
        flow = Flow(name=name, description=description)
        flow.add_node(Node(id="start", type="start", x=0, y=0, config={}))
        return await self.save_draft(flow)

    async def save_draft(self, flow: Flow | dict[str, Any] | str) -> FlowRow:
        """Store the editor's document as the draft. It must load (FlowFormatError if not);
        validation errors are allowed in a draft, only publishing refuses them."""
        if not isinstance(flow, Flow):
            flow = load(flow)
        doc = to_dict(flow)
        return await self._rt.db.write(
            lambda s: save_flow_draft(s, flow.id, flow.name, flow.description, doc,
                                      self._rt.clock.now()))

    async def import_file(self, path: str | Path) -> FlowRow:
        """Add a .wdflow.json as a new flow (draft). Its id is kept when free, else a new one
        is given; a name already in use gets " (2)", " (3)"... A file that is not a readable
        flow (too big, not JSON, wrong shape) raises FlowFormatError naming it; nothing is
        stored then."""
        import asyncio

        flow = await asyncio.get_running_loop().run_in_executor(None, load_file, path)
        return await self.add_copy(flow, flow.name or "Fluxo importado", keep_id=True)

    async def add_copy(self, flow: Flow, name: str, keep_id: bool = False) -> FlowRow:
        """Store `flow` as a new flow: a new id (or its own when `keep_id` and free) and
        `name`, made unique with " (2)", " (3)"..."""
        doc = to_dict(flow)

        def write(s: Any) -> FlowRow:
            flow_id = flow.id
            if not keep_id or not _SAFE_ID.match(flow_id) or flow_id_exists(s, flow_id):
                flow_id = str(uuid.uuid4())
            taken = {r.name.casefold() for r in list_flows(s)}
            free = _free_name(taken, name, "Fluxo importado")
            saved = {**doc, "id": flow_id, "name": free}
            return save_flow_draft(s, flow_id, free, flow.description, saved,
                                   self._rt.clock.now())

        return await self._rt.db.write(write)

    async def create_from_template(self, path: str | Path, name: str = "") -> FlowRow:
        """A new flow whose draft is a copy of a shipped example (new id)."""
        import asyncio

        flow = await asyncio.get_running_loop().run_in_executor(None, load_file, path)
        return await self.add_copy(flow, name or flow.name)

    async def duplicate(self, ref: str) -> FlowRow:
        """A copy of the draft as a new, unpublished flow named "<name> (cópia)"."""
        row = await self.get(ref)
        return await self.add_copy(load(row.draft), f"{row.name} (cópia)")

    async def rename(self, ref: str, name: str) -> FlowRow:
        """Give the flow (its draft) another name; names are unique."""
        row = await self.get(ref)
        flow = load(row.draft)
        flow.name = " ".join(name.split())
        if not flow.name:
            raise WhatdeskError("Dê um nome ao fluxo.", en="Give the flow a name.")
        return await self._save_checked(flow)

    async def set_triggers(self, ref: str, triggers: list[dict[str, Any]]) -> FlowRow:
        """Replace the draft's keyword triggers ({keyword, match: exact|contains}); they take
        effect when the flow is published."""
        row = await self.get(ref)
        flow = load(row.draft)
        clean = []
        for trig in triggers:
            keyword = " ".join(str(trig.get("keyword", "")).split())
            if not keyword:
                continue
            match = trig.get("match") if trig.get("match") in ("exact", "contains") else "exact"
            clean.append({**trig, "keyword": keyword, "match": match})
        flow.triggers = clean
        return await self._save_checked(flow)

    async def restore_version(self, ref: str, version: int) -> tuple[FlowRow, dict[str, Any]]:
        """Make a published version the draft again (the flow keeps its current name).
        Returns the new row and the draft it replaced, so the caller can offer Undo
        (save_draft of that document)."""
        row = await self.get(ref)
        found = await self.version(ref, version)
        flow = load(found.document)
        flow.id, flow.name = row.id, row.name
        return await self.save_draft(flow), row.draft

    async def _save_checked(self, flow: Flow) -> FlowRow:
        try:
            return await self.save_draft(flow)
        except ConflictError as exc:
            if "Já existe" in str(exc):
                raise ConflictError(str(exc), en=f"There is already a flow called "
                                                 f"“{flow.name}”.") from exc
            raise

    async def export_file(self, ref: str, path: str | Path,
                          version: int | str | None = "draft") -> Path:
        flow = await self.document(ref, version)
        target = Path(path)
        try:
            save_file(flow, target)
        except OSError as exc:
            raise WhatdeskError(
                f"Não foi possível gravar {target}: {exc.strerror or exc}",
                en=f"Could not write {target}: {exc.strerror or exc}") from exc
        return target

    async def publish(self, ref: str, published_by: str = "", locale: str = "pt",
                      note: str = "") -> int:
        """Make the draft the new published version; refused while it has errors."""
        row = await self.get(ref)
        try:
            flow = load(row.draft)
        except FlowFormatError as exc:
            raise WhatdeskError(
                f"O rascunho do fluxo “{row.name}” está ilegível: {exc}",
                en=f"The draft of flow “{row.name}” is unreadable: {exc.message('en')}") from exc
        report = validate_flow(flow)
        if report.errors:
            raise PublishRefused(row.name, list(report.errors), locale)
        doc = to_dict(flow)
        version = await self._rt.db.write(
            lambda s: publish_flow(s, row.id, doc, published_by, self._rt.clock.now(),
                                   note=note.strip()))
        await self._rt.flow_runner.refresh()
        return int(version)

    async def delete(self, ref: str) -> None:
        """Hide the flow; conversations already on it finish on their version. Refused while
        a connection starts new conversations on it (its welcome flow): choose another first."""
        row = await self.get(ref)
        users = (await self._rt.db.read(welcome_flow_users)).get(row.id, [])
        if users:
            names = ", ".join(f"“{n}”" for n in users)
            raise ConflictError(
                f"O fluxo “{row.name}” é o fluxo de boas-vindas da conexão {names}; escolha "
                "outro fluxo para ela antes de excluir este.",
                en=f"Flow “{row.name}” is the welcome flow of connection {names}; choose "
                   "another flow for it before deleting this one.")
        await self._rt.db.write(lambda s: delete_flow(s, row.id, self._rt.clock.now()))
        await self._rt.flow_runner.refresh()
        self._rt.bus.publish(ConnectionsChanged(None))

    async def set_welcome_flow(self, connection_id: int, ref: str | None) -> None:
        """The flow every new conversation on this connection starts (None: no flow)."""
        flow_id = (await self.get(ref)).id if ref is not None else None
        await self._rt.db.write(lambda s: set_welcome_flow(s, connection_id, flow_id))
        await self._rt.flow_runner.refresh()
        self._rt.bus.publish(ConnectionsChanged(connection_id))

    # ---- draft journal: no edit lost to a crash -------------------------------------------

    def journal_path(self, flow_id: str) -> Path:
        """<data>/flow-drafts/<id>.wdflow.json; an id that is not a plain name (an imported
        file chose it) is hashed, so no path is ever built from it."""
        safe = flow_id if _SAFE_ID.match(flow_id) else hashlib.sha256(
            flow_id.encode("utf-8")).hexdigest()[:32]
        return Path(self._rt.data_dir) / DRAFT_JOURNAL_FOLDER / f"{safe}.wdflow.json"

    def write_journal(self, flow_id: str, document: dict[str, Any]) -> None:
        """Write the editor's document atomically (tmp + fsync + rename). Blocking: call it
        from an executor."""
        path = self.journal_path(flow_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(document, ensure_ascii=False).encode("utf-8")
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)

    def read_journal(self, flow_id: str) -> dict[str, Any] | None:
        """The journaled document, if one is there and readable (blocking)."""
        path = self.journal_path(flow_id)
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                return None
            doc = json.loads(path.read_text(encoding="utf-8"))
            load(doc)
        except (OSError, ValueError):
            return None
        return doc if isinstance(doc, dict) else None

    def drop_journal(self, flow_id: str) -> None:
        try:
            self.journal_path(flow_id).unlink()
        except FileNotFoundError:
            pass

    async def unsaved_journal(self, ref: str) -> Flow | None:
        """An autosaved edit the database draft does not have (the app stopped before
        saving it): offer it when the flow is opened."""
        import asyncio

        row = await self.get(ref)
        doc = await asyncio.get_running_loop().run_in_executor(None, self.read_journal, row.id)
        if doc is None or doc == row.draft:
            return None
        return load(doc)
