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


class SessionLocked(ChannelError):
    """A connection's sealed session cannot be decrypted with this computer's key (another
    computer, a lost keyring entry, another passphrase). The sealed file is kept; the user
    unlocks it with a passphrase or links the connection again."""

    reason = Reason.SESSION_LOCKED


class SecretsUnavailable(WhatdeskError):
    """No usable OS keyring: the user must choose a passphrase or to store sessions
    unencrypted (never a silent fallback)."""

    reason = Reason.KEYRING_UNAVAILABLE


class WrongPassphrase(WhatdeskError):
    reason = Reason.WRONG_PASSPHRASE


class StoreError(WhatdeskError):
    """The database cannot be opened or written (locked, corrupt, not writable)."""

    reason = Reason.DATABASE_UNAVAILABLE


class DataDirError(WhatdeskError):
    reason = Reason.DATA_DIR_UNUSABLE


class ConflictError(WhatdeskError):
    """A conditional update lost a race (e.g. another agent accepted the ticket first)."""


class NotFound(WhatdeskError, LookupError):
    pass
