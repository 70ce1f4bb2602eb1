"""Errors with messages a user can read; every layer raises these, the UI shows them."""

from __future__ import annotations

from .reasons import Reason


class WhatdeskError(Exception):
    """Base class: str(err) is a user-readable sentence (Portuguese); a raiser that also
    gives `en=` lets message("en") say it in English (the CLI picks by locale). ``reason`` is
    the stable code the window translates (UNKNOWN: the UI classifies the text)."""

    reason: Reason = Reason.UNKNOWN

    def __init__(self, *args: object, en: str | None = None,
                 reason: Reason | None = None) -> None:
        super().__init__(*args)
        self.message_en = en
        if reason is not None:
            self.reason = reason

    def message(self, locale: str = "pt") -> str:
        if locale.startswith("en") and self.message_en:
            return self.message_en
        return str(self)


class InvalidPhone(WhatdeskError, ValueError):
    pass


class InvalidJid(WhatdeskError, ValueError):
    pass


class MalformedEvent(WhatdeskError, ValueError):
    """A channel event that cannot be normalised; logged and dropped, never fatal."""


class MessageTooLarge(WhatdeskError, ValueError):
    pass


class ChannelError(WhatdeskError):
    """A send or control call failed at the transport."""


class NotLoggedIn(ChannelError):
    pass


class StoreError(WhatdeskError):
    """The database cannot be opened or written (locked, corrupt, not writable)."""

    reason = Reason.DATABASE_UNAVAILABLE


class DataDirError(WhatdeskError):
    reason = Reason.DATA_DIR_UNUSABLE


class ConflictError(WhatdeskError):
    """A conditional update lost a race (e.g. another agent accepted the ticket first)."""


class NotFound(WhatdeskError, LookupError):
    pass
