"""Secrets: the session vault (sealed channel sessions) and the keys and keyring entries
behind it. Below services; imports only domain."""

from .keys import KeyMode, SessionKey, resolve_key
from .vault import SessionKind, SessionVault

__all__ = ["KeyMode", "SessionKey", "SessionKind", "SessionVault", "resolve_key"]
