"""Flow use cases: drafts, .wdflow.json import/export, publishing, welcome flows, counts."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whatdesk.domain.errors import NotFound, WhatdeskError
from whatdesk.engine.events import ConnectionsChanged
from whatdesk.flows import Finding, Flow, FlowFormatError, Node, load, load_file, save_file, to_dict
from whatdesk.flows import validate as validate_flow
from whatdesk.store import (
    FlowRow,
    delete_flow,
    find_flow,
    flow_id_exists,
    get_flow_version,
    list_flows,
    node_counts,
    publish_flow,
    save_flow_draft,
    set_welcome_flow,
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
        is given; a name already in use gets " (2)", " (3)"..."""
        flow = load_file(path)
        doc = to_dict(flow)

        def write(s: Any) -> FlowRow:
            flow_id = flow.id
            if flow_id_exists(s, flow_id):
                flow_id = str(uuid.uuid4())
            taken = {r.name.casefold() for r in list_flows(s)}
            name = " ".join((flow.name or "Fluxo importado").split()) or "Fluxo importado"
            base, n = name, 2
            while name.casefold() in taken:
                name, n = f"{base} ({n})", n + 1
            saved = {**doc, "id": flow_id, "name": name}
            return save_flow_draft(s, flow_id, name, flow.description, saved,
                                   self._rt.clock.now())

        return await self._rt.db.write(write)

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

    async def publish(self, ref: str, published_by: str = "", locale: str = "pt") -> int:
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
            lambda s: publish_flow(s, row.id, doc, published_by, self._rt.clock.now()))
        await self._rt.flow_runner.refresh()
        return int(version)

    async def delete(self, ref: str) -> None:
        """Hide the flow; conversations already on it finish on their version."""
        row = await self.get(ref)
        await self._rt.db.write(lambda s: delete_flow(s, row.id, self._rt.clock.now()))
        await self._rt.flow_runner.refresh()
        self._rt.bus.publish(ConnectionsChanged(None))

    async def set_welcome_flow(self, connection_id: int, ref: str | None) -> None:
        """The flow every new conversation on this connection starts (None: no flow)."""
        flow_id = (await self.get(ref)).id if ref is not None else None
        await self._rt.db.write(lambda s: set_welcome_flow(s, connection_id, flow_id))
        await self._rt.flow_runner.refresh()
        self._rt.bus.publish(ConnectionsChanged(connection_id))
