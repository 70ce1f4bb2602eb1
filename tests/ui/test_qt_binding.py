"""The Qt binding we ship survives a long session of repaints (PySide6 6.12.0 does not on 3.11)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import whatdesk.ui
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for i in range(30000):
    label.setText(str(i))
image = QImage(16, 16, QImage.Format.Format_ARGB32)
painter = QPainter(image)
for i in range(30000):
    painter.drawRect(0, 0, 1, 1)
painter.end()
print("alive")
"""


def test_thousands_of_widget_updates_do_not_crash_the_app() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "alive"
