"""User-written regexes run on a linear-time engine: no pattern and no answer can freeze a run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from whatdesk.flows.document import load as load_dict
from whatdesk.flows.interpreter import Interpreter
from whatdesk.flows.validation import validate
from whatdesk.flows.validators import Answer

from .conftest import chain, flow_doc

ROOT = Path(__file__).parents[2]
BACKTRACKER = r"^(.*?,){11}P"  # passed the old nested-quantifier check; exponential in `re`


def _run_cli(tmp_path: Path, doc: dict, *inputs: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "f.wdflow.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    args = [sys.executable, "-m", "whatdesk", "flow", "run", str(path), "--json"]
    for text in inputs:
        args += ["--input", text]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WHATDESK_LANG": "en"}
    # a hang raises TimeoutExpired and fails the test; nothing here measures speed
    return subprocess.run(args, capture_output=True, text=True, timeout=120, env=env,
                          cwd=tmp_path)


def test_backtracking_pattern_and_long_answer_do_not_hang_flow_run(tmp_path: Path) -> None:
    doc = chain({"id": "q", "type": "question",
                 "config": {"text": "Código?", "save_as": "codigo", "validate": "regex",
                            "pattern": BACKTRACKER, "invalid_text": "Formato errado"}},
                {"id": "ok", "type": "message", "config": {"text": "Recebido {{codigo}}"}})
    done = _run_cli(tmp_path, doc, "oi", "," * 140, "," * 11 + "P")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    bot = [e["text"] for e in result["transcript"] if e["from"] == "bot"]
    # the 140 commas do not match: the bot says so and asks again; the next answer matches
    assert bot == ["Código?", "Formato errado", "Código?", "Recebido " + "," * 11 + "P"]
    assert result["variables"]["codigo"] == "," * 11 + "P"


def test_condition_with_backtracking_pattern_from_a_variable_does_not_hang(tmp_path: Path) -> None:
    doc = flow_doc(
        [{"id": "start", "type": "start"},
         {"id": "c", "type": "condition", "config": {"rules": [
             {"left": "{{last_input}}", "op": "matches", "right": "{{padrao}}"}]}},
         {"id": "t", "type": "message", "config": {"text": "T"}},
         {"id": "f", "type": "message", "config": {"text": "F"}}],
        [("start", "next", "c"), ("c", "true", "t"), ("c", "false", "f")],
        variables={"padrao": BACKTRACKER})
    done = _run_cli(tmp_path, doc, "," * 140)
    assert done.returncode == 0, done.stderr
    assert [e["text"] for e in json.loads(done.stdout)["transcript"] if e["from"] == "bot"] \
        == ["F"]


def _codes(doc: dict) -> dict[str, list[str]]:
    report = validate(load_dict(doc))
    return {"errors": [f.code for f in report.errors],
            "warnings": [f.code for f in report.warnings]}


@pytest.mark.parametrize(("pattern", "named_en", "named_pt"), [
    (r"(?=a)b", "lookahead", "lookahead"), (r"(?<!x)y", "lookbehind", "lookbehind"),
    (r"(a)\1", "backreference", "referência"), (r"a++", "possessive", "possessivo"),
    (r"(?>ab)", "atomic group", "grupo atômico")])
def test_syntax_the_engine_does_not_support_is_a_validation_error_naming_it(
        pattern: str, named_en: str, named_pt: str) -> None:
    doc = chain({"id": "q", "type": "question",
                 "config": {"text": "?", "save_as": "x", "validate": "regex",
                            "pattern": pattern}})
    report = validate(load_dict(doc))
    [finding] = [f for f in report.errors if f.node == "q"]
    assert finding.code == "regex_unsupported"
    assert named_en in finding.message("en") and named_pt in finding.message("pt")


def test_lookahead_is_reported_as_unsupported_in_both_languages() -> None:
    doc = chain({"id": "c", "type": "condition", "config": {"rules": [
        {"left": "{{last_input}}", "op": "matches", "right": r"^(?=.*\d).{8,}$"}]}})
    report = validate(load_dict(doc))
    [finding] = report.errors
    assert finding.code == "regex_unsupported"
    assert "lookahead" in finding.message("en") and "(?=" in finding.message("pt")


def test_huge_pattern_is_a_slow_pattern_warning() -> None:
    pattern = r"^(\p{L}|\d){1,200}-(\p{L}|\d){1,200}$"
    doc = chain({"id": "q", "type": "question",
                 "config": {"text": "?", "save_as": "x", "validate": "regex",
                            "pattern": pattern}})
    codes = _codes(doc)
    assert "regex_slow" in codes["warnings"] and codes["errors"] == []


async def test_unusable_pattern_from_a_variable_stops_the_run_with_a_clear_error() -> None:
    from .test_interpreter import MemorySink, _ctx  # the interpreter tests' own sink

    doc = flow_doc(
        [{"id": "start", "type": "start"},
         {"id": "c", "type": "condition", "config": {"rules": [
             {"left": "{{last_input}}", "op": "matches", "right": "{{padrao}}"}]}},
         {"id": "t", "type": "message", "config": {"text": "T"}},
         {"id": "f", "type": "message", "config": {"text": "F"}}],
        [("start", "next", "c"), ("c", "true", "t"), ("c", "false", "f")],
        variables={"padrao": r"(a)\1"})
    sink = MemorySink()
    state = await Interpreter().start(load_dict(doc), _ctx(sink), Answer("aa"))
    assert state.status.value == "error" and state.error == "invalid_regex"
    assert sink.sent == []
    assert "backreference" in (state.error_detail or "") or "\\1" in (state.error_detail or "")


async def test_run_time_regex_error_does_not_repeat_the_customer_text() -> None:
    from .test_interpreter import MemorySink, _ctx

    doc = chain({"id": "q", "type": "question", "config": {"text": "Padrão?", "save_as": "p"}},
                {"id": "c", "type": "condition", "config": {"rules": [
                    {"left": "x", "op": "matches", "right": "{{p}}"}]}})
    flow, sink, interpreter = load_dict(doc), MemorySink(), Interpreter()
    state = await interpreter.start(flow, _ctx(sink), Answer("oi"))
    state = await interpreter.on_input(flow, state, Answer("(cpf 123.456.789-00"), _ctx(sink))
    assert state.error == "invalid_regex"
    assert "123.456" not in (state.error_detail or "")  # it goes to the log and the ticket
