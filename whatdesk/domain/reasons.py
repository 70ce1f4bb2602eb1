"""Stable reason codes for connection states and failures, and the one classifier of raw errors.

Lower layers keep their own prose (logs, the status history); what a user sees is chosen by
the UI from a ``Reason`` and translated there. Raw transport text (Go/network errors) only
ever reaches the user in a "Details" area. ``classify`` is the only place that reads error
text to decide what happened.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Reason(StrEnum):
    """Why a connection is in its state, or why an operation failed."""

    NONE = ""  # nothing to explain (e.g. connected)
    UNKNOWN = "unknown"  # something failed that we cannot name; details carry the raw text
    # network
    NO_INTERNET = "no_internet"  # DNS / no route: this computer is offline
    WHATSAPP_UNREACHABLE = "whatsapp_unreachable"  # online, but WhatsApp does not answer
    SECURE_CONNECTION_FAILED = "tls_failed"  # TLS/certificate: proxy, antivirus or wrong clock
    CONNECTION_LOST = "connection_lost"  # was connected, the link dropped
    NO_RESPONSE = "no_response"  # started, but nothing came back in time
    WHATSAPP_REFUSED = "whatsapp_refused"  # 401/403 and other explicit refusals
    WHATSAPP_DOWN = "whatsapp_down"  # 5xx / service unavailable
    # lifecycle
    CONNECTING = "connecting"
    RETRYING = "retrying"  # an automatic new attempt after a failure
    STOPPED_BY_USER = "stopped_by_user"
    RECONNECT_BY_USER = "reconnect_by_user"
    NOT_LINKED = "not_linked"  # no saved session: waits for the user to link it
    SCAN_QR = "scan_qr"
    TYPE_PAIRING_CODE = "type_pairing_code"
    PAIRED = "paired"  # code accepted, finishing the login
    QR_EXPIRED = "qr_expired"
    LOGGED_OUT_BY_USER = "logged_out_by_user"
    LOGGED_OUT_BY_PHONE = "logged_out_by_phone"
    REPLACED = "replaced"  # the account was opened in another app or computer
    BANNED = "banned"
    OUTDATED = "outdated"
    PAIRING_FAILED = "pairing_failed"
    CODE_REFUSED = "code_refused"  # WhatsApp gave no pairing code for the number
    # operations
    NOT_READY = "not_ready"  # asked for a pairing code before WhatsApp could make one
    ALREADY_LINKED = "already_linked"
    WRONG_NUMBER = "wrong_number"
    NOT_STARTED = "not_started"
    SESSION_UNREADABLE = "session_unreadable"
    CANNOT_SAVE = "cannot_save"  # session folder / database not writable
    INBOUND_NOT_SAVED = "inbound_not_saved"  # received messages cannot be stored: halted
    LOGOUT_FAILED = "logout_failed"  # WhatsApp could not be told; the session is kept
    DATA_DIR_UNUSABLE = "data_dir_unusable"
    DATABASE_UNAVAILABLE = "database_unavailable"
    NAME_TAKEN = "name_taken"
    INVALID_INPUT = "invalid_input"
    # session vault
    SESSION_LOCKED = "session_locked"  # the sealed session cannot be decrypted with this key
    KEYRING_UNAVAILABLE = "keyring_unavailable"  # no usable OS keyring for the session key
    WRONG_PASSPHRASE = "wrong_passphrase"

    def encode(self, raw: str = "") -> str:
        """The form kept in the status history: ``code`` or ``code: raw text``."""
        raw = raw.strip()
        if not raw or raw == self.value:
            return self.value
        return f"{self.value}: {raw}" if self.value else raw


_BY_VALUE = {r.value: r for r in Reason if r.value}


def decode(stored: str) -> tuple[Reason, str]:
    """Inverse of ``Reason.encode``; text saved before codes existed is classified."""
    stored = stored or ""
    head, sep, rest = stored.partition(": ")
    reason = _BY_VALUE.get(head.strip())
    if reason is not None:
        return reason, rest.strip() if sep else ""
    # Text saved before codes existed ("conectado", ...): name it when we can; otherwise it
    # explains nothing, which is not the same as "something went wrong".
    found = classify(stored)
    return (Reason.NONE if found is Reason.UNKNOWN else found), stored


# Ordered: the first pattern found wins. Network causes first (they are the most specific
# thing a user can act on), then the prose our own channels write.
_PATTERNS: tuple[tuple[Reason, tuple[str, ...]], ...] = (
    (Reason.NO_INTERNET, (
        "no such host", "server misbehaving", "temporary failure in name resolution",
        "name or service not known", "nodename nor servname", "getaddrinfo",
        "network is unreachable", "no route to host", "network is down",
        "sem conexão com a internet", "no internet", "verifique a internet")),
    (Reason.SECURE_CONNECTION_FAILED, (
        "x509", "certificate", "tls:", "tls handshake", "ssl", "handshake failure")),
    (Reason.WHATSAPP_REFUSED, (
        "401", "403", "unauthorized", "forbidden", "recusou a identificação", "bad user agent")),
    (Reason.WHATSAPP_DOWN, (
        "500", "502", "503", "service unavailable", "internal server error", "indisponível",
        "erro interno nos servidores")),
    (Reason.WHATSAPP_UNREACHABLE, (
        "i/o timeout", "deadline exceeded", "connection refused", "connection reset",
        "failed to dial", "dial tcp", "websocket", "broken pipe", "unexpected eof",
        "timed out", "timeout")),
    (Reason.LOGGED_OUT_BY_USER, ("sessão encerrada pelo usuário",)),
    (Reason.STOPPED_BY_USER, ("desconectado pelo usuário",)),
    (Reason.LOGGED_OUT_BY_PHONE, (
        "desconectado pelo celular", "celular principal", "encerrou esta sessão",
        "logged out")),
    (Reason.REPLACED, ("sessão substituída", "stream_replaced", "stream replaced",
                       "outro computador")),
    (Reason.BANNED, ("bloqueou este número", "temporariamente bloqueado", "banned")),
    (Reason.OUTDATED, ("desatualizada", "outdated")),
    (Reason.PAIRING_FAILED, ("pareamento falhou",)),
    (Reason.CODE_REFUSED, ("recusou o pareamento", "não devolveu um código")),
    (Reason.NOT_READY, ("ainda não está pronto",)),
    (Reason.ALREADY_LINKED, ("já está vinculada", "já está conectada")),
    (Reason.WRONG_NUMBER, ("não é o desta conexão",)),
    (Reason.SESSION_UNREADABLE, ("ilegível ou corrompido",)),
    (Reason.CANNOT_SAVE, ("não foi possível salvar a sessão", "criar a pasta da sessão")),
    (Reason.NO_RESPONSE, ("parou de responder", "sem resposta")),
    (Reason.CONNECTION_LOST, ("conexão perdida", "conexão com o whatsapp perdida",
                              "connection lost", "network lost", "foi encerrado")),
)
_NUMBER = re.compile(r"\d+")


def classify(text: str) -> Reason:
    """Map raw error text (Go/network errors, our channels' prose) to a reason code."""
    low = (text or "").casefold()
    if not low.strip():
        return Reason.UNKNOWN
    numbers = set(_NUMBER.findall(low))
    for reason, needles in _PATTERNS:
        for needle in needles:
            # status codes count only as whole numbers ("401", not "14012")
            if needle.isdigit() and needle not in numbers:
                continue
            if not needle.isdigit() and needle in low:
                return reason
            if needle.isdigit():
                return reason
    return Reason.UNKNOWN


def reason_of(exc: BaseException) -> Reason:
    """The reason an exception carries, else what its text says."""
    given = getattr(exc, "reason", None)
    if isinstance(given, Reason) and given not in (Reason.NONE, Reason.UNKNOWN):
        return given
    return classify(str(exc))
