"""The real WhatsApp transport: neonize (whatsmeow) behind the Channel protocol."""

from __future__ import annotations

from .channel import NeonizeChannel

__all__ = ["NeonizeChannel"]
