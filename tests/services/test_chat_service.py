"""ChatService: pages by keyset, and message files only from inside the media folder."""

from __future__ import annotations

from dataclasses import replace

from engine_helpers import wait_until

from whatdesk.domain.enums import ConnectionStatus as St
from whatdesk.store import list_messages, list_tickets


async def _chat(runtime, network, n: int):
    runtime.sandbox_auto_link = True
    row = await runtime.connections.create("Loja", channel="sandbox")
    await runtime.connections.connect(row.id)
    await wait_until(lambda: runtime.handle(row.id).supervisor.status is St.CONNECTED)
    ana = network.customer("5511987654321", "Ana")
    for i in range(n):
        ana.send_text(f"m{i}")
    ana.send_image()
    await runtime.drain()
    [ticket] = runtime.db.read_sync(lambda s: list_tickets(s))
    return ticket.id


async def test_pages_walk_the_whole_chat_once_in_order(runtime, network):
    tid = await _chat(runtime, network, 130)
    page = await runtime.chat.newest(tid, limit=50)
    seen = [m.row.text for m in page.messages]
    while page.more_before:
        page = await runtime.chat.older(tid, page.messages[0].id, limit=50)
        seen = [m.row.text for m in page.messages] + seen
    assert seen == [f"m{i}" for i in range(130)] + [""]
    middle = (await runtime.chat.older(tid, page.messages[-1].id + 60, limit=10)).messages
    around = await runtime.chat.around(tid, middle[5].id, limit=20)
    assert middle[5].id in [m.id for m in around.messages]
    assert around.more_before and around.more_after


async def test_a_media_path_outside_the_media_folder_is_never_opened(runtime, network, tmp_path):
    tid = await _chat(runtime, network, 1)
    rows = runtime.db.read_sync(lambda s: list_messages(s, tid))
    image = next(r for r in rows if r.kind == "image")
    assert runtime.chat.media_file(image) is not None  # the stored file, inside media/
    outside = tmp_path / "secret.txt"
    outside.write_text("x")
    assert runtime.chat.media_file(replace(image, media_path=str(outside))) is None
    sneaky = str(runtime.data_dir / "media" / ".." / "whatdesk.db")
    assert runtime.chat.media_file(replace(image, media_path=sneaky)) is None
    assert runtime.chat.media_file(replace(image, media_path="../../etc/passwd")) is None
