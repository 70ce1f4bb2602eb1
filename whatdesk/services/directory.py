"""Queues and tags: what the admin screens and the inbox filters read and edit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from whatdesk.store import create_queue, create_tag, list_queues, list_tags
from whatdesk.store.directory import (
    delete_queue,
    delete_tag,
    queue_agent_ids,
    set_queue_agents,
    update_queue,
    update_tag,
)
from whatdesk.store.rows import QueueRow, TagRow

if TYPE_CHECKING:
    from .runtime import Runtime


class QueueService:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def list(self) -> list[QueueRow]:
        return await self._rt.db.read(list_queues)

    async def agent_ids(self, queue_id: int) -> tuple[int, ...]:
        return await self._rt.db.read(lambda s: queue_agent_ids(s, queue_id))

    async def create(self, name: str, color: str, greeting: str = "", *,
                     auto_assign: bool = False, agent_ids: tuple[int, ...] = ()) -> QueueRow:
        def write(s: Any) -> QueueRow:
            row = create_queue(s, name, color, greeting, auto_assign=auto_assign)
            set_queue_agents(s, row.id, agent_ids)
            return row

        row = await self._rt.db.write(write)
        await self._rt.audit.record("settings.queue.create", f"queue#{row.id}")
        return row

    async def update(self, queue_id: int, *, name: str, color: str, greeting: str,
                     auto_assign: bool, agent_ids: tuple[int, ...]) -> QueueRow:
        row = await self._rt.db.write(lambda s: update_queue(
            s, queue_id, name=name, color=color, greeting=greeting, auto_assign=auto_assign,
            agent_ids=agent_ids))
        await self._rt.audit.record("settings.queue.update", f"queue#{queue_id}",
                                    {"auto_assign": auto_assign, "agents": len(agent_ids)})
        return row

    async def delete(self, queue_id: int) -> None:
        await self._rt.db.write(lambda s: delete_queue(s, queue_id))
        await self._rt.audit.record("settings.queue.delete", f"queue#{queue_id}")


class TagService:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def list(self) -> list[TagRow]:
        return await self._rt.db.read(list_tags)

    async def create(self, name: str, color: str) -> TagRow:
        row = await self._rt.db.write(lambda s: create_tag(s, name, color))
        await self._rt.audit.record("settings.tag.create", f"tag#{row.id}")
        return row

    async def update(self, tag_id: int, name: str, color: str) -> TagRow:
        row = await self._rt.db.write(lambda s: update_tag(s, tag_id, name, color))
        await self._rt.audit.record("settings.tag.update", f"tag#{tag_id}")
        return row

    async def delete(self, tag_id: int) -> None:
        await self._rt.db.write(lambda s: delete_tag(s, tag_id))
        await self._rt.audit.record("settings.tag.delete", f"tag#{tag_id}")
