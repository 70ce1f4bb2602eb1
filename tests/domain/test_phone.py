"""Phone numbers and JIDs: what people type is accepted, garbage gets a readable error."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from whatdesk.domain.errors import InvalidJid, InvalidPhone
from whatdesk.domain.phone import Jid, normalize_phone


@pytest.mark.parametrize("typed", [
    "(11) 98765-4321", "11987654321", "+55 11 98765-4321", "005511987654321",
    "55 (11) 9 8765 4321", " +55-11-98765-4321 ",
])
def test_brazilian_mobile_typed_any_way_becomes_the_same_e164_digits(typed: str) -> None:
    assert normalize_phone(typed) == "5511987654321"


def test_foreign_number_with_plus_keeps_its_country() -> None:
    assert normalize_phone("+1 650 253 0000") == "16502530000"
    assert normalize_phone("+351 912 345 678") == "351912345678"


@pytest.mark.parametrize("bad", ["", "   ", "abc", "12345", "+55 11 98765-43210000", "0" * 50])
def test_invalid_numbers_are_refused_with_a_readable_reason(bad: str) -> None:
    with pytest.raises(InvalidPhone, match="Número de telefone inválido"):
        normalize_phone(bad)


@given(st.text(max_size=60))
def test_any_text_is_either_a_stable_number_or_a_clear_error(text: str) -> None:
    try:
        digits = normalize_phone(text)
    except InvalidPhone as err:
        assert str(err).startswith("Número de telefone inválido")
        return
    assert digits.isdigit() and 8 <= len(digits) <= 15
    assert normalize_phone("+" + digits) == digits  # normalising again changes nothing


@given(st.from_regex(r"\A[1-9][0-9]{9,13}\Z"), st.sampled_from(["s.whatsapp.net", "lid", "g.us"]))
def test_jid_survives_a_round_trip_through_text(user: str, server: str) -> None:
    jid = Jid(user, server)
    assert Jid.parse(str(jid)) == jid


def test_device_and_legacy_suffixes_are_folded_into_the_account_jid() -> None:
    assert str(Jid.parse("5511987654321:12@s.whatsapp.net")) == "5511987654321@s.whatsapp.net"
    assert str(Jid.parse("5511987654321@c.us")) == "5511987654321@s.whatsapp.net"
    assert Jid.parse("5511987654321@s.whatsapp.net").phone == "5511987654321"
    assert Jid.parse("123456789@lid").phone is None


@given(st.text(max_size=200))
def test_garbage_jids_raise_invalid_jid_and_nothing_else(text: str) -> None:
    try:
        jid = Jid.parse(text)
    except InvalidJid:
        return
    assert "@" in text and str(jid).endswith(jid.server)


def test_nationally_formatted_number_is_never_read_as_another_country() -> None:
    # DDD 56 does not exist in Brazil; the same digits after a "+" would be a Chilean mobile
    with pytest.raises(InvalidPhone):
        normalize_phone("(56) 91000-0000")
    assert normalize_phone("+56 9 1000 0000") == "56910000000"


def test_masked_numbers_keep_only_their_last_four_digits():
    from whatdesk.domain.phone import mask_phone, mask_phones_in

    assert mask_phone("5511987654321@s.whatsapp.net") == "***4321@s.whatsapp.net"
    assert mask_phone("+5511987654321") == "***4321"
    text = mask_phones_in("from +55 11 98765-4321 (5511987654321@s.whatsapp.net) at "
                          "2025-02-03 10:00:00, message 3EB01234567890AB, retry in 270 s")
    assert text == ("from ***4321 (***4321@s.whatsapp.net) at 2025-02-03 10:00:00, "
                    "message 3EB01234567890AB, retry in 270 s")
