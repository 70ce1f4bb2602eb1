"""Audio, voice notes and videos play inside the app (QtMultimedia), as in WhatsApp Desktop."""

from __future__ import annotations

import asyncio
from typing import Any

from chat_helpers import chat_pane, sandbox_connection, ticket_of
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import wait_until

from whatdesk.ui.inbox.chat_model import MessageItem
from whatdesk.ui.inbox.playback import VideoPlayer


def _row_of_kind(pane: Any, kind: str) -> int:
    return next(r for r, i in enumerate(pane.model.items)
                if isinstance(i, MessageItem) and i.msg.row.kind == kind)


def _click(qtbot: Any, pane: Any, row: int, name: str, fraction: float = 0.5) -> None:
    """Click a named part of a row (play, seek, speed, media) where a user would."""
    index = pane.model.index(row, 0)
    pane.view.scrollTo(index)
    rect = next(r for n, r in pane.delegate.layout_for(index).hits if n == name)
    x = rect.left() + int(rect.width() * fraction) if name == "seek" else rect.center().x()
    pos = pane.view.visualRect(index).topLeft()
    pos.setX(pos.x() + x)
    pos.setY(pos.y() + rect.center().y())
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def _message_id(pane: Any, row: int) -> int:
    return int(pane.model.items[row].msg.id)


def test_a_voice_note_plays_in_its_bubble_pauses_seeks_and_speeds_up(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        agent = await runtime.agents.ensure_first_admin()
        await sandbox_connection(runtime)
        ana = network.customer("5511987654321", "Ana")
        ana.send_voice()
        ana.send_audio(filename="jingle.mp3")
        tid = await ticket_of(runtime)
        pane = chat_pane(runtime, settings, qtbot, agent)
        pane.open_ticket(tid)
        await wait_until(lambda: len(pane.model.message_items()) == 2, what="chat loaded")
        voice = _row_of_kind(pane, "voice")
        vid = _message_id(pane, voice)
        assert pane.playback.state(vid) is None  # nothing plays until asked

        _click(qtbot, pane, voice, "play")
        await wait_until(lambda: (s := pane.playback.state(vid)) is not None and s.playing
                         and s.position_ms > 300, what="the voice note plays")
        assert pane.playback.state(vid).duration_ms > 6000  # the 7-second note, decoded

        _click(qtbot, pane, voice, "play")  # the same button pauses
        await wait_until(lambda: not pane.playback.state(vid).playing, what="paused")
        paused_at = pane.playback.state(vid).position_ms
        await asyncio.sleep(0.3)
        assert pane.playback.state(vid).position_ms == paused_at

        _click(qtbot, pane, voice, "seek", fraction=0.75)  # a click on the waveform jumps
        await wait_until(lambda: abs(pane.playback.state(vid).fraction - 0.75) < 0.1,
                         what="jumped to three quarters")

        _click(qtbot, pane, voice, "speed")
        assert pane.playback.state(vid).speed == 1.5
        assert pane.playback._player.playbackRate() == 1.5

        # another audio starts: the voice note stops, one sound at a time
        audio = _row_of_kind(pane, "audio")
        aid = _message_id(pane, audio)
        _click(qtbot, pane, audio, "play")
        await wait_until(lambda: (s := pane.playback.state(aid)) is not None and s.playing,
                         what="the audio plays")
        assert pane.playback.state(vid) is None

        pane.open_ticket(None)  # leaving the chat stops the sound
        assert pane.playback.state(aid) is None

    arun(scenario())


def test_an_audio_that_cannot_be_decoded_says_so_instead_of_playing_silence(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        agent = await runtime.agents.ensure_first_admin()
        await sandbox_connection(runtime)
        ana = network.customer("5511987654321", "Ana")
        ana.send_voice(data=b"OggS" + bytes(range(256)) * 8)
        tid = await ticket_of(runtime)
        pane = chat_pane(runtime, settings, qtbot, agent)
        pane.open_ticket(tid)
        await wait_until(lambda: len(pane.model.message_items()) == 1, what="chat loaded")
        voice = _row_of_kind(pane, "voice")
        _click(qtbot, pane, voice, "play")
        await wait_until(lambda: pane.notice.isVisible(), what="a notice")
        assert "could not be played" in pane.notice.text()
        assert pane.playback.state(_message_id(pane, voice)) is None

    arun(scenario())


def test_a_video_opens_in_the_player_with_its_controls(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        agent = await runtime.agents.ensure_first_admin()
        await sandbox_connection(runtime)
        network.customer("5511987654321", "Ana").send_video(caption="Olha o defeito")
        tid = await ticket_of(runtime)
        pane = chat_pane(runtime, settings, qtbot, agent)
        pane.open_ticket(tid)
        await wait_until(lambda: len(pane.model.message_items()) == 1, what="chat loaded")
        _click(qtbot, pane, _row_of_kind(pane, "video"), "media")
        await wait_until(lambda: isinstance(QApplication.activeModalWidget(), VideoPlayer)
                         or isinstance(getattr(pane, "viewer", None), VideoPlayer),
                         what="the player opens")
        player: VideoPlayer = pane.viewer
        await wait_until(lambda: player.playing() and player.player.position() > 200,
                         what="the video plays")
        assert 2500 <= player.slider.maximum() <= 3500  # the 3-second clip
        assert player.time.text().endswith("/ 0:03")
        player.play_button.click()
        await wait_until(lambda: not player.playing(), what="paused")
        assert player.error.isHidden()

    arun(scenario())
