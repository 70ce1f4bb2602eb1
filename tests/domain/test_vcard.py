"""The vCard builder: a name a customer typed cannot add or change vCard properties."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from whatdesk.domain.vcard import build_vcard

INJECTION = "Ana\r\nTEL;waid=5566999990000:+5566999990000\nEND:VCARD\nBEGIN:VCARD;x,y\\"


def _properties(vcard: str) -> list[str]:
    return [line.split(":", 1)[0].split(";", 1)[0] for line in vcard.split("\n")]


def test_name_with_newlines_and_semicolons_stays_inside_fn() -> None:
    card = build_vcard(INJECTION, "5511977776666")
    assert _properties(card) == ["BEGIN", "VERSION", "FN", "TEL", "END"]
    assert "waid=5566999990000" not in card.split("\n")[3]
    fn = card.split("\n")[2]
    assert fn == ("FN:Ana TEL\\;waid=5566999990000:+5566999990000 END:VCARD "
                  "BEGIN:VCARD\\;x\\,y\\\\")


def test_phone_keeps_only_digits() -> None:
    card = build_vcard("Loja", "+55 (11) 97777-6666\nX-EVIL:1")
    assert card.split("\n")[3] == "TEL;type=CELL;waid=55119777766661:+55119777766661"
    assert build_vcard("Loja", None).split("\n") == ["BEGIN:VCARD", "VERSION:3.0", "FN:Loja",
                                                      "END:VCARD"]


def test_empty_name_gets_a_default() -> None:
    assert "FN:Contato" in build_vcard(" \n ", "5511977776666")


@given(st.text(max_size=60), st.text(max_size=30))
def test_any_name_and_phone_make_exactly_one_card_with_one_fn(name: str, phone: str) -> None:
    props = _properties(build_vcard(name, phone))
    assert props[:3] == ["BEGIN", "VERSION", "FN"] and props[-1] == "END"
    assert props.count("FN") == 1 and props.count("BEGIN") == 1 and len(props) in (4, 5)
