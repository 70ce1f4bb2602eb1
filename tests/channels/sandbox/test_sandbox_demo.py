"""The demo driver: simulated Brazilian customers write in and answer what the business sends."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from _sandbox_support import ACCOUNT, Recorder, advance, settle

from whatdesk.channels.sandbox import DemoDriver, SandboxChannel, SandboxError, SandboxNetwork
from whatdesk.domain.clock import VirtualClock
from whatdesk.domain.enums import MessageKind
from whatdesk.domain.events import Button, InboundMessage, OutboundMessage
from whatdesk.domain.phone import normalize_phone


async def run_demo(folder: Path, minutes: int) -> tuple[list, SandboxNetwork, SandboxChannel,
                                                          DemoDriver, VirtualClock]:
    clock = VirtualClock()
    network = SandboxNetwork(seed=3, clock=clock)
    recorder = Recorder()
    channel = SandboxChannel(network, ACCOUNT, folder, auto_link=True)
    channel.set_sink(recorder)
    await channel.start()
    driver = DemoDriver(network, ACCOUNT, clock)
    driver.start()
    for _ in range(minutes * 6):
        await advance(clock, 10)
    return recorder.events, network, channel, driver, clock


async def test_demo_customers_write_in_with_varied_messages(tmp_path):
    events, network, channel, driver, _ = await run_demo(tmp_path / "s", minutes=10)
    inbound = [e for e in events if isinstance(e, InboundMessage)]
    assert len(inbound) >= 40
    assert len({m.sender_phone for m in inbound}) >= 8
    kinds = {m.kind for m in inbound}
    assert {MessageKind.TEXT, MessageKind.IMAGE, MessageKind.VOICE} <= kinds
    assert all(m.push_name for m in inbound)
    assert all(normalize_phone(m.sender_phone) == m.sender_phone for m in inbound)
    assert any("?" in m.text for m in inbound)
    assert any(m.sender_lid for m in inbound)
    await driver.stop()
    await channel.stop()


async def test_demo_customer_answers_the_business(tmp_path):
    events, network, channel, driver, clock = await run_demo(tmp_path / "s", minutes=1)
    driver.reply_probability = 1.0
    writer = next(e for e in events if isinstance(e, InboundMessage))
    menu = OutboundMessage(channel.new_message_id(), writer.chat, MessageKind.BUTTONS,
                           text="Como posso ajudar?",
                           buttons=(Button("pedido", "Fazer pedido"),
                                    Button("horario", "Horário")))
    before = len(events)
    await channel.send(menu)
    for _ in range(3):
        await advance(clock, 5)
    answers = [e for e in events[before:] if isinstance(e, InboundMessage)
               and e.sender == writer.chat and e.kind is MessageKind.BUTTON_REPLY]
    assert len(answers) == 1 and answers[0].reply_id in {"pedido", "horario"}
    assert answers[0].quoted_id == menu.wa_id
    await driver.stop()
    await channel.stop()


async def test_demo_is_reproducible_and_stops_cleanly(tmp_path):
    first, *_, driver1, clock1 = await run_demo(tmp_path / "a", minutes=3)
    await driver1.stop()
    quiet = len(first)
    await advance(clock1, 600)
    assert len(first) == quiet  # nothing more after stop
    second, _, channel2, driver2, _ = await run_demo(tmp_path / "b", minutes=3)
    assert first == second
    await driver2.stop()
    await channel2.stop()
    await settle()


async def test_demo_refuses_a_nonsense_interval():
    network = SandboxNetwork(clock=VirtualClock())
    with pytest.raises(SandboxError):
        DemoDriver(network, ACCOUNT, network.clock, interval_s=(5, 1))
    await asyncio.sleep(0)
