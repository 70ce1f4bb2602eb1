"""Property-based tests: templates, menu matching and every question validator."""

from __future__ import annotations

import re as _re
import string
import unicodedata
from datetime import date
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from whatdesk.flows.matching import Choice, fold, match_option, normalize_reply
from whatdesk.flows.regexes import problem as regex_problem
from whatdesk.flows.regexes import search
from whatdesk.flows.templates import problems_in, render
from whatdesk.flows.validators import Answer, cnpj_is_valid, cpf_is_valid, validate_answer

settings.register_profile("flows", max_examples=150, deadline=None)
settings.load_profile("flows")

names = st.from_regex(r"[a-z_][a-z0-9_]{0,8}(\.[a-z0-9_]{1,5})?", fullmatch=True)
plain = st.text(alphabet=st.characters(blacklist_characters="{}"), max_size=30)


@given(st.dictionaries(names, plain, max_size=5), st.lists(st.tuples(plain, names), max_size=5))
def test_template_replaces_every_known_name(values: dict[str, str],
                                            parts: list[tuple[str, str]]) -> None:
    template = "".join(f"{text}{{{{{name}}}}}" for text, name in parts)
    expected = "".join(text + values.get(name, "") for text, name in parts)
    assert render(template, values) == expected
    assert problems_in(template) == []


@given(st.text(max_size=60), st.dictionaries(names, plain, max_size=3))
def test_rendering_any_text_never_fails_and_leaves_text_without_placeholders_alone(
        text: str, values: dict[str, str]) -> None:
    out = render(text, values)
    if "{{" not in text:
        assert out == text
    assert isinstance(out, str)


@given(plain, names)
def test_an_unclosed_placeholder_is_reported(prefix: str, name: str) -> None:
    assert any(p.code == "template_unbalanced" for p in problems_in(f"{prefix}{{{{{name}"))


def _accent(text: str) -> str:
    table = {"a": "á", "e": "ê", "i": "í", "o": "õ", "u": "ú", "c": "ç"}
    return "".join(table.get(ch, ch) for ch in text)


words = st.from_regex(r"[a-z]{2,8}( [a-z]{2,8}){0,2}", fullmatch=True)
noise = st.sampled_from(["", " ", "  ", "!", ".", "?!", " :)", "...", "\t"])


@st.composite
def menus(draw: st.DrawFn) -> list[Choice]:
    labels = draw(st.lists(words, min_size=1, max_size=8, unique_by=fold))
    options = []
    used = {fold(label) for label in labels}
    for index, label in enumerate(labels):
        keywords = [k for k in draw(st.lists(words, max_size=2)) if fold(k) not in used]
        used |= {fold(k) for k in keywords}
        options.append(Choice(f"id{index}", label, tuple(keywords)))
    return options


@given(menus(), st.data())
def test_menu_reply_by_label_ignores_case_accents_spaces_and_punctuation(
        options: list[Choice], data: st.DataObject) -> None:
    chosen = data.draw(st.sampled_from(options))
    styled = data.draw(st.sampled_from([str.upper, str.title, _accent, lambda s: s]))(chosen.label)
    reply = data.draw(noise) + styled + data.draw(noise)
    assert match_option(options, reply) == chosen


@given(menus(), st.data())
def test_menu_reply_by_number_keyword_or_button_id(options: list[Choice],
                                                   data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(options) - 1))
    assert match_option(options, f" {index + 1}{data.draw(noise)}") == options[index]
    assert match_option(options, "", reply_id=options[index].id) == options[index]
    if options[index].keywords:
        keyword = options[index].keywords[0]
        assert match_option(options, keyword.upper() + "!") == options[index]


@given(menus(), st.integers())
def test_numbers_out_of_range_pick_nothing(options: list[Choice], number: int) -> None:
    assume(not 1 <= number <= len(options))
    assert match_option(options, str(number)) is None or not str(number).lstrip("-").isdigit()


def test_a_negative_number_picks_no_option() -> None:
    options = [Choice("a", "Pizza"), Choice("b", "Massa")]
    assert [match_option(options, t) for t in ("-1", " - 2", "\u22121")] == [None] * 3
    assert match_option(options, "1") == options[0]  # the plain number still picks


@given(st.text(max_size=40))
def test_normalize_reply_is_idempotent(text: str) -> None:
    once = normalize_reply(text)
    assert normalize_reply(once) == once
    assert not any(unicodedata.combining(c) for c in once)


@given(st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False),
       st.booleans())
def test_number_accepts_comma_or_dot_and_stores_dot(value: Decimal, comma: bool) -> None:
    text = format(value, "f")
    typed = text.replace(".", ",") if comma else text
    stored = validate_answer("number", Answer(typed))
    assert stored is not None and "," not in stored
    assert Decimal(stored) == value


@given(st.integers(-1000, 1000), st.integers(-1000, 1000), st.integers(-1000, 1000))
def test_number_and_integer_respect_min_and_max(value: int, low: int, high: int) -> None:
    assume(low <= high)
    config = {"min": low, "max": high}
    for kind in ("number", "integer"):
        stored = validate_answer(kind, Answer(str(value)), config)
        assert (stored is not None) == (low <= value <= high)


@given(st.text(max_size=20))
def test_integer_rejects_non_integers(text: str) -> None:
    stored = validate_answer("integer", Answer(text))
    if stored is not None:
        assert int(stored) == int(text.strip().replace(" ", ""))


@given(st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,10}[a-z0-9]", fullmatch=True),
       st.from_regex(r"[a-z0-9]{1,10}\.(com|com\.br|org|net)", fullmatch=True))
def test_email_accepts_ordinary_addresses(local: str, domain: str) -> None:
    assume(".." not in local)
    assert validate_answer("email", Answer(f"  {local}@{domain.upper()} ")) == f"{local}@{domain}"


@given(st.text(max_size=30))
def test_email_never_accepts_text_without_one_at_and_a_dot(text: str) -> None:
    stored = validate_answer("email", Answer(text))
    if stored is not None:
        assert stored.count("@") == 1 and "." in stored.split("@")[1]


@given(st.integers(11, 99), st.integers(0, 9999_9999))
def test_phone_brazil_default_gives_e164_digits(ddd: int, rest: int) -> None:
    assume(ddd % 10 != 0)
    local = f"9{rest:08d}"
    stored = validate_answer("phone", Answer(f"({ddd}) {local[:5]}-{local[5:]}"))
    if stored is not None:  # some DDDs do not exist
        assert stored == f"55{ddd}{local}"
        assert validate_answer("phone", Answer(f"+55 {ddd} {local}")) == stored


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_date_accepts_iso_and_brazilian_forms(day: date) -> None:
    assert validate_answer("date", Answer(day.isoformat())) == day.isoformat()
    assert validate_answer("date", Answer(day.strftime("%d/%m/%Y"))) == day.isoformat()


@given(st.integers(1, 31), st.integers(1, 12), st.integers(1900, 2100))
def test_date_validates_the_calendar(d: int, m: int, y: int) -> None:
    try:
        real = date(y, m, d).isoformat()
    except ValueError:
        real = None
    assert validate_answer("date", Answer(f"{d:02d}/{m:02d}/{y}")) == real


def _cpf_with_checks(base: list[int]) -> str:
    nums = list(base)
    for size in (9, 10):
        total = sum(n * w for n, w in zip(nums, range(size + 1, 1, -1), strict=False))
        nums.append((total * 10) % 11 % 10)
    return "".join(map(str, nums))


def _cnpj_with_checks(base: list[int]) -> str:
    nums = list(base)
    for weights in ([5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]):
        rest = sum(n * w for n, w in zip(nums, weights, strict=False)) % 11
        nums.append(0 if rest < 2 else 11 - rest)
    return "".join(map(str, nums))


@given(st.lists(st.integers(0, 9), min_size=9, max_size=9), st.booleans(), st.integers(9, 10))
def test_cpf_accepts_valid_check_digits_formatted_or_not_and_rejects_a_wrong_check_digit(
        base: list[int], formatted: bool, position: int) -> None:
    cpf = _cpf_with_checks(base)
    assume(len(set(cpf)) > 1)
    typed = f"{cpf[:3]}.{cpf[3:6]}.{cpf[6:9]}-{cpf[9:]}" if formatted else cpf
    assert validate_answer("cpf", Answer(typed)) == cpf
    changed = cpf[:position] + str((int(cpf[position]) + 1) % 10) + cpf[position + 1:]
    assert not cpf_is_valid(changed)


@given(st.lists(st.integers(0, 9), min_size=12, max_size=12), st.integers(12, 13))
def test_cnpj_accepts_valid_check_digits_and_rejects_a_wrong_check_digit(base: list[int],
                                                                position: int) -> None:
    cnpj = _cnpj_with_checks(base)
    assume(len(set(cnpj)) > 1)
    typed = f"{cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}/{cnpj[8:12]}-{cnpj[12:]}"
    assert validate_answer("cnpj", Answer(typed)) == cnpj
    changed = cnpj[:position] + str((int(cnpj[position]) + 1) % 10) + cnpj[position + 1:]
    assert not cnpj_is_valid(changed)


@given(st.sampled_from(string.digits))
def test_cpf_and_cnpj_with_all_same_digits_are_rejected(digit: str) -> None:
    assert validate_answer("cpf", Answer(digit * 11)) is None
    assert validate_answer("cnpj", Answer(digit * 14)) is None


@given(st.from_regex(r"[A-Z]{3}-[0-9]{4}", fullmatch=True), st.text(max_size=10))  # RE2: \\d is 0-9
def test_regex_validator_matches_pattern_only(good: str, other: str) -> None:
    config = {"pattern": r"^[A-Z]{3}-\d{4}$"}
    assert validate_answer("regex", Answer(good), config) == good
    if validate_answer("regex", Answer(other), config) is not None:
        assert other.strip()[3] == "-"


@given(st.floats(-90, 90), st.floats(-180, 180), st.sampled_from(["text", "image"]))
def test_location_and_image_need_the_right_kind_of_message(lat: float, lon: float,
                                                           kind: str) -> None:
    assert validate_answer("location", Answer(kind="location", latitude=lat, longitude=lon))
    assert validate_answer("location", Answer(text=f"{lat},{lon}")) is None
    image = validate_answer("image", Answer(kind=kind, media_path="/m/a.jpg"))
    assert (image == "/m/a.jpg") == (kind == "image")


@given(st.text(alphabet="a(|)+*?", min_size=1, max_size=12), st.text(alphabet="ab", max_size=40))
def test_any_regex_either_is_refused_or_matches_without_hanging(pattern: str, text: str) -> None:
    if regex_problem(pattern) is None:  # accepted: it must answer like Python's own re
        try:
            expected = _re.search(pattern, text + "!") is not None
        except _re.error:
            return  # RE2 accepts a few spellings Python refuses (e.g. "a**")
        assert search(pattern, text + "!") == expected


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False,
                                                                         allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_malformed_configs_never_crash_validation_or_the_interpreter(data: st.DataObject) -> None:
    import asyncio

    from whatdesk.domain.clock import VirtualClock
    from whatdesk.flows import registry
    from whatdesk.flows.document import load
    from whatdesk.flows.interpreter import Interpreter
    from whatdesk.flows.runtime import RunContext
    from whatdesk.flows.validation import validate

    from .test_interpreter import MemorySink

    node_type = data.draw(st.sampled_from([t for t in registry.all_types()
                                           ]))
    config = {f.name: data.draw(json_values) for f in node_type.fields}
    doc = {"nodes": [{"id": "start", "type": "start"},
                     {"id": "n", "type": node_type.name, "config": config}],
           "edges": [{"from": "start", "port": "next", "to": "n"}]}
    flow = load(doc)
    validate(flow)
    clock = VirtualClock()

    async def play() -> None:
        interpreter = Interpreter()
        ctx = RunContext(sink=MemorySink(), clock=clock)
        state = await interpreter.start(flow, ctx, Answer("oi"))
        assert state.error != "node_failed", state.error_detail  # handled, not caught
        state = await interpreter.on_input(flow, state, Answer(data.draw(st.text(max_size=10))),
                                           ctx)
        assert state.error != "node_failed", state.error_detail
        clock.advance(10**7)
        state = await interpreter.on_timer(flow, state, ctx)
        assert state.error != "node_failed", state.error_detail

    asyncio.run(play())
