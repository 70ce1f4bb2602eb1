"""Raw transport errors map to stable reason codes in one place; stored reasons round-trip."""

from __future__ import annotations

import pytest

from whatdesk.domain.errors import ChannelError, DataDirError, WhatdeskError
from whatdesk.domain.reasons import Reason, classify, decode, reason_of


@pytest.mark.parametrize("text, reason", [
    # Go / whatsmeow words as neonize passes them on
    ("failed to dial whatsapp server: dial tcp: lookup web.whatsapp.com on 127.0.0.53:53: "
     "no such host", Reason.NO_INTERNET),
    ("dial tcp: lookup web.whatsapp.com: Temporary failure in name resolution",
     Reason.NO_INTERNET),
    ("dial tcp 157.240.0.53:443: connect: network is unreachable", Reason.NO_INTERNET),
    ("dial tcp 157.240.0.53:443: i/o timeout", Reason.WHATSAPP_UNREACHABLE),
    ("dial tcp 127.0.0.1:443: connect: connection refused", Reason.WHATSAPP_UNREACHABLE),
    ("websocket: bad handshake", Reason.WHATSAPP_UNREACHABLE),
    ("tls: failed to verify certificate: x509: certificate signed by unknown authority",
     Reason.SECURE_CONNECTION_FAILED),
    ("failed to open websocket: 403 Forbidden", Reason.WHATSAPP_REFUSED),
    ("got 401 unauthorized from server", Reason.WHATSAPP_REFUSED),
    ("O serviço do WhatsApp está indisponível no momento", Reason.WHATSAPP_DOWN),
    # our channels' own prose
    ("O aparelho foi desconectado pelo celular", Reason.LOGGED_OUT_BY_PHONE),
    ("Esta conta do WhatsApp foi aberta em outro computador ou aplicativo (sessão substituída)",
     Reason.REPLACED),
    ("O WhatsApp ainda não está pronto para gerar o código; tente de novo em instantes",
     Reason.NOT_READY),
    ("Conexão com o WhatsApp perdida; reconectando", Reason.CONNECTION_LOST),
    ("O WhatsApp recusou o pareamento por número: rate-overlimit", Reason.CODE_REFUSED),
    ("Não foi possível conectar ao WhatsApp para desvincular o aparelho; verifique a internet "
     "e tente de novo", Reason.NO_INTERNET),
    ("something nobody has seen", Reason.UNKNOWN),
    ("", Reason.UNKNOWN),
], ids=lambda v: f"{v.value or 'none'}" if isinstance(v, Reason) else "")
def test_raw_error_text_is_classified(text: str, reason: Reason) -> None:
    assert classify(text) is reason


def test_port_numbers_are_not_mistaken_for_http_status_codes() -> None:
    assert classify("dial tcp 10.0.0.1:4030: i/o timeout") is Reason.WHATSAPP_UNREACHABLE


def test_stored_reason_reads_well_and_decodes_back() -> None:
    stored = Reason.NO_INTERNET.encode("dial tcp: lookup web.whatsapp.com: no such host")
    assert stored == "no_internet: dial tcp: lookup web.whatsapp.com: no such host"
    assert decode(stored) == (Reason.NO_INTERNET, "dial tcp: lookup web.whatsapp.com: no such host")
    assert decode(Reason.LOGGED_OUT_BY_USER.encode()) == (Reason.LOGGED_OUT_BY_USER, "")
    # a status saved before codes existed is still understood
    assert decode("aparelho desconectado pelo celular")[0] is Reason.LOGGED_OUT_BY_PHONE
    assert decode("sessão encerrada pelo usuário")[0] is Reason.LOGGED_OUT_BY_USER
    assert decode("desconectado pelo usuário")[0] is Reason.STOPPED_BY_USER
    assert decode("conectado") == (Reason.NONE, "conectado")  # nothing to explain, no alarm
    assert decode("") == (Reason.NONE, "")


def test_errors_carry_their_reason_or_are_classified() -> None:
    assert reason_of(ChannelError("x", reason=Reason.ALREADY_LINKED)) is Reason.ALREADY_LINKED
    assert reason_of(ChannelError("lookup web.whatsapp.com: no such host")) is Reason.NO_INTERNET
    assert reason_of(DataDirError("Não foi possível usar a pasta")) is Reason.DATA_DIR_UNUSABLE
    assert reason_of(WhatdeskError("???")) is Reason.UNKNOWN
