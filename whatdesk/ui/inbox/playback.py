"""In-app playback of audio, voice notes and videos (QtMultimedia, FFmpeg backend).

One ``AudioPlayback`` per chat pane plays one audio or voice message at a time, inline in its
bubble, as WhatsApp Desktop does: the delegate asks it for the state of the row it paints
(playing, position, duration) and the pane forwards clicks (play/pause, seek, speed). Videos open
in ``VideoPlayer``, a small dialog with the usual controls. QtMultimedia is imported on first
use, so a window that never plays anything does not pay for loading FFmpeg.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

SPEEDS = (1.0, 1.5, 2.0)  # the voice-note speeds WhatsApp offers


@dataclass(frozen=True)
class PlayState:
    playing: bool
    position_ms: int
    duration_ms: int
    speed: float = 1.0

    @property
    def fraction(self) -> float:
        if self.duration_ms <= 0:
            return 0.0
        return max(0.0, min(1.0, self.position_ms / self.duration_ms))


def clock_text(ms: int) -> str:
    s = max(0, ms) // 1000
    return f"{s // 60}:{s % 60:02d}"


def _new_player(parent: QObject) -> tuple[Any, Any]:
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

    player = QMediaPlayer(parent)
    output = QAudioOutput(parent)
    player.setAudioOutput(output)
    return player, output


class AudioPlayback(QObject):
    """Plays one message's audio at a time; ``changed(message_id)`` asks for a repaint of it."""

    changed = Signal(int)
    failed = Signal(str)  # a sentence for the agent (the raw error goes to the log)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player: Any = None
        self._output: Any = None
        self.message_id: int | None = None
        self.path: Path | None = None
        self._speed = 1.0
        self._pending_seek: float | None = None

    # ---- what the delegate reads --------------------------------------------------------
    def state(self, message_id: int) -> PlayState | None:
        if message_id != self.message_id or self._player is None:
            return None
        from PySide6.QtMultimedia import QMediaPlayer

        playing = self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        return PlayState(playing, int(self._player.position()), int(self._player.duration()),
                         self._speed)

    # ---- what clicks do -----------------------------------------------------------------
    def toggle(self, message_id: int, path: Path) -> None:
        """Play this message (from where it was paused), or pause it if it is playing."""
        player = self._ensure_player()
        from PySide6.QtMultimedia import QMediaPlayer

        if message_id == self.message_id and path == self.path:
            if player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
                player.pause()
            else:
                if player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia:
                    player.setPosition(0)
                player.play()
            return
        previous = self.message_id
        self.message_id, self.path = message_id, path
        self._speed = 1.0
        player.setPlaybackRate(1.0)
        player.setSource(QUrl.fromLocalFile(str(path)))
        player.play()
        if previous is not None and previous != message_id:
            self.changed.emit(previous)
        self.changed.emit(message_id)

    def seek(self, message_id: int, fraction: float) -> None:
        """Jump to a point of the message's audio (it must be the one loaded)."""
        if message_id != self.message_id or self._player is None:
            return
        fraction = max(0.0, min(1.0, fraction))
        duration = self._player.duration()
        if duration > 0:
            self._player.setPosition(int(duration * fraction))
        else:  # not loaded yet: apply when the duration is known
            self._pending_seek = fraction
        self.changed.emit(message_id)

    def cycle_speed(self, message_id: int) -> float:
        """1× → 1.5× → 2× → 1×, like WhatsApp's voice notes; returns the new speed."""
        if message_id != self.message_id or self._player is None:
            return 1.0
        self._speed = SPEEDS[(SPEEDS.index(self._speed) + 1) % len(SPEEDS)]
        self._player.setPlaybackRate(self._speed)
        self.changed.emit(message_id)
        return self._speed

    def stop(self) -> None:
        """Stop and forget (another ticket was opened, the pane is closing)."""
        if self._player is not None:
            self._player.stop()
            self._player.setSource(QUrl())
        previous, self.message_id, self.path = self.message_id, None, None
        if previous is not None:
            self.changed.emit(previous)

    # ---- internals ----------------------------------------------------------------------
    def _ensure_player(self) -> Any:
        if self._player is None:
            self._player, self._output = _new_player(self)
            self._player.positionChanged.connect(self._on_progress)
            self._player.playbackStateChanged.connect(self._on_progress)
            self._player.durationChanged.connect(self._on_duration)
            self._player.errorOccurred.connect(self._on_error)
        return self._player

    def _on_progress(self, *_: Any) -> None:
        if self.message_id is not None:
            self.changed.emit(self.message_id)

    def _on_duration(self, duration: int) -> None:
        if self._pending_seek is not None and duration > 0:
            self._player.setPosition(int(duration * self._pending_seek))
            self._pending_seek = None
        self._on_progress()

    def _on_error(self, error: Any, detail: str) -> None:
        log.warning("audio playback failed: %s (%s)", getattr(error, "name", error), detail)
        failed = self.message_id
        self.stop()
        if failed is not None:
            self.failed.emit(self.tr("This audio could not be played. Use Save as to open it "
                                     "in another program."))


class VideoPlayer(QDialog):
    """A received or sent video: play/pause, a position slider, time, Save as, Close."""

    def __init__(self, path: Path, save: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimediaWidgets import QVideoWidget

        self.setWindowTitle(self.tr("Video"))
        self.setObjectName("videoPlayer")
        self.path = path
        self.player, self._output = _new_player(self)
        self.video = QVideoWidget()
        self.video.setMinimumSize(480, 270)
        self.video.setStyleSheet("background: black;")
        self.player.setVideoOutput(self.video)

        self.play_button = QToolButton()
        self.play_button.setObjectName("videoPlay")
        self.play_button.setAutoRaise(True)
        self.play_button.clicked.connect(self.toggle)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("videoPosition")
        self.slider.setRange(0, 0)
        self.slider.sliderMoved.connect(self.player.setPosition)
        self.time = QLabel("0:00 / 0:00")
        self.time.setObjectName("videoTime")
        self.error = QLabel()
        self.error.setObjectName("videoError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.clicked.connect(save)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)

        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        column = QVBoxLayout(self)
        column.addWidget(self.video, 1)
        column.addLayout(controls)
        column.addLayout(buttons)
        self.resize(720, 500)

        self.player.durationChanged.connect(self._on_duration)
        self.player.positionChanged.connect(self._on_position)
        self.player.playbackStateChanged.connect(lambda *_: self._update_button())
        self.player.errorOccurred.connect(self._on_error)
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self._update_button()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.player.play()

    def done(self, result: int) -> None:
        self.player.stop()
        super().done(result)

    def playing(self) -> bool:
        from PySide6.QtMultimedia import QMediaPlayer

        return bool(self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState)

    def toggle(self) -> None:
        if self.playing():
            self.player.pause()
        else:
            self.player.play()

    def _update_button(self) -> None:
        icon = (QStyle.StandardPixmap.SP_MediaPause if self.playing()
                else QStyle.StandardPixmap.SP_MediaPlay)
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setToolTip(self.tr("Pause") if self.playing() else self.tr("Play"))

    def _on_duration(self, duration: int) -> None:
        self.slider.setRange(0, max(0, duration))
        self._on_position(self.player.position())

    def _on_position(self, position: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(position)
        self.time.setText(f"{clock_text(position)} / {clock_text(self.player.duration())}")

    def _on_error(self, error: Any, detail: str) -> None:
        log.warning("video playback failed: %s (%s)", getattr(error, "name", error), detail)
        self.error.setText(self.tr("This video could not be played. Use Save as to open it in "
                                   "another program."))
        self.error.setToolTip(detail)
        self.error.show()
