"""What a person reads from `whatdesk flow`: their language, file names, plain-word transcripts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from whatdesk.i18n import choose_language

from .conftest import FlowCli, chain

ROOT = Path(__file__).parents[2]
LANGUAGE_VARS = ("WHATDESK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _speak(monkeypatch: pytest.MonkeyPatch, **env: str) -> None:
    for name in LANGUAGE_VARS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)


def _clean() -> dict[str, Any]:
    return chain({"id": "m", "type": "message", "config": {"text": "oi"}},
                 {"id": "e", "type": "end"})


def _broken() -> dict[str, Any]:
    return chain({"id": "q", "type": "question", "config": {"text": "?"}})


def test_language_comes_from_the_posix_locale_variables_in_their_order() -> None:
    assert choose_language({"LANG": "pt_BR.UTF-8"}, "en_US") == "pt_BR"
    assert choose_language({"LANG": "en_US.UTF-8"}, "pt_BR") == "en"
    assert choose_language({"LANG": "C.UTF-8"}, "pt_BR") == "en"
    assert choose_language({"LANG": "pt_BR.UTF-8", "LC_MESSAGES": "en_GB"}) == "en"
    assert choose_language({"LANG": "en_US", "LC_MESSAGES": "en_US", "LC_ALL": "pt_PT"}) == "pt_BR"
    assert choose_language({"LANG": "de_DE.UTF-8", "LANGUAGE": "fr:pt_BR:en"}) == "pt_BR"
    assert choose_language({"LANG": "C", "LANGUAGE": "pt_BR"}) == "en"  # as gettext does
    assert choose_language({"LANG": "de_DE"}) == "en"
    assert choose_language({"LANG": "pt_BR", "WHATDESK_LANG": "en"}) == "en"
    assert choose_language({}, "pt_BR") == "pt_BR"


@pytest.mark.parametrize("env, expected, absent", [
    ({"LANG": "en_US.UTF-8"}, "1 error(s), 2 warning(s)", "erro"),
    ({"LANG": "pt_BR.UTF-8"}, "1 erro(s), 2 aviso(s)", "error"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "pt_BR.UTF-8"}, "1 erro(s), 2 aviso(s)", "error"),
    ({"LANG": "pt_BR.UTF-8", "WHATDESK_LANG": "en"}, "1 error(s), 2 warning(s)", "erro"),
])
def test_validate_speaks_the_language_of_the_locale(cli: FlowCli, monkeypatch: pytest.MonkeyPatch,
                                                    env: dict[str, str], expected: str,
                                                    absent: str) -> None:
    _speak(monkeypatch, **env)
    rc, out, _ = cli.call("validate", str(cli.write(_broken())))
    assert rc == 1
    assert expected in out and f"{absent}:" not in out


def test_argparse_words_are_translated_too(cli: FlowCli, monkeypatch: pytest.MonkeyPatch) -> None:
    _speak(monkeypatch, LANG="pt_BR.UTF-8")
    rc, _, err = cli.call("validate")
    assert rc == 2
    assert "faltam os argumentos obrigatórios: ARQUIVO" in err and "the following" not in err
    rc, _, err = cli.call("frobnicate")
    assert rc == 2 and "opção inválida" in err and "invalid choice" not in err
    rc, out, _ = cli.call("run", "--help")
    assert rc == 0
    assert out.startswith("uso: whatdesk flow run") and "opções:" in out
    assert "mostra esta ajuda e sai" in out
    for english in ("usage:", "options:", "show this help", "positional arguments"):
        assert english not in out

    _speak(monkeypatch, LANG="en_US.UTF-8")
    rc, out, _ = cli.call("run", "--help")
    assert out.startswith("usage: whatdesk flow run") and "initial value of a variable" in out
    assert "variável" not in out


def test_whatdesk_help_and_errors_follow_the_language(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from whatdesk.cli import main

    _speak(monkeypatch, LANG="pt_BR.UTF-8")
    with pytest.raises(SystemExit) as exit_:
        main(["--bogus"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "erro: argumentos não reconhecidos: --bogus" in err and "usage" not in err
    _speak(monkeypatch, LANG="en_US.UTF-8")
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "usage: whatdesk" in out and "data folder" in out and "pasta" not in out


def test_validate_names_each_of_several_files_and_exits_with_the_worst(cli: FlowCli) -> None:
    good = cli.write(_clean(), "bom.json")
    bad = cli.write(_broken(), "ruim.json")
    rc, out, err = cli.call("validate", str(good), str(bad))
    assert rc == 1 and err == ""
    lines = out.strip().splitlines()
    assert f"{good}: 0 erro(s), 0 aviso(s)." in lines
    assert f"{bad}: 1 erro(s), 2 aviso(s)." in lines
    assert any(line.startswith(f"{bad}: erro: [q] question_no_save_as") for line in lines)
    assert lines[-1].startswith("Total de 2 arquivos: 1 erro(s)")

    empty = cli.write("", "vazio.json")
    rc, out, err = cli.call("validate", str(good), str(empty), str(bad))
    assert rc == 2  # unreadable beats errors
    assert err.strip() == f"whatdesk flow: {empty}: Arquivo vazio: um fluxo é um objeto JSON ({{...}})."
    assert f"{bad}: 1 erro(s)" in out  # the files after the unreadable one are still checked

    assert cli.call("validate", str(good), str(good))[0] == 0


def test_validate_json_for_several_files_is_a_list_and_for_one_is_unchanged(cli: FlowCli) -> None:
    good = cli.write(_clean())
    bad = cli.write(_broken())
    empty = cli.write("")
    rc, out, _ = cli.call("validate", str(bad), "--json")
    assert rc == 1 and set(json.loads(out)) == {"errors", "warnings"}
    rc, out, _ = cli.call("validate", str(good), str(bad), str(empty), "--json")
    assert rc == 2
    first, second, third = json.loads(out)
    assert first == {"file": str(good), "errors": [], "warnings": []}
    assert second["file"] == str(bad) and second["errors"][0]["code"] == "question_no_save_as"
    assert third["file"] == str(empty) and "Arquivo vazio" in third["unreadable"]


@pytest.mark.parametrize("content, pt, en", [
    ("", "Arquivo vazio", "The file is empty"),
    (" \n\n", "Arquivo vazio", "The file is empty"),
    ('{\n  "name": "x",\n  "nodes": [\n}', "JSON inválido na linha 4, coluna 1: esperava um valor",
     "Invalid JSON at line 4, column 1: a value was expected"),
])
def test_empty_or_broken_json_is_named_plainly_in_both_languages(
        cli: FlowCli, monkeypatch: pytest.MonkeyPatch, content: str, pt: str, en: str) -> None:
    path = cli.write(content)
    rc, _, err = cli.call("validate", str(path))
    assert rc == 2 and err.startswith(f"whatdesk flow: {path}: {pt}")
    assert "Expecting" not in err
    _speak(monkeypatch, WHATDESK_LANG="en")
    rc, _, err = cli.call("run", str(path), "--input", "oi")
    assert rc == 2 and err.startswith(f"whatdesk flow: {path}: {en}")


def _order_flow() -> dict[str, Any]:
    return chain(
        {"id": "m", "type": "menu", "_port": "a",
         "config": {"text": "Escolha", "options": [{"id": "a", "label": "Pedido"},
                                                   {"id": "b", "label": "Falar"}]}},
        {"id": "t", "type": "tag", "config": {"add": ["pedido"], "remove": ["curioso"]}},
        {"id": "x", "type": "transfer", "config": {"queue": "Vendas", "agent": None,
                                                   "text": "Já te passo"}})


def test_transcript_says_what_happened_in_words_not_python_values(cli: FlowCli) -> None:
    rc, out, _ = cli.call("run", str(cli.write(_order_flow())), "--input", "oi",
                          "--input", "1", "--var", "nome=Ana")
    assert rc == 0
    assert "(etiqueta(s) adicionada(s): “pedido”; etiqueta(s) removida(s): “curioso”)" in out
    assert "(transferido para a fila “Vendas”)" in out
    assert "Situação: transferido para um atendente" in out
    assert "  nome = Ana" in out
    for leak in ("add=", "remove=", "agent=", "None", "[]", "['", "transferred", "state:"):
        assert leak not in out


def test_piped_lines_are_played_as_the_contact_messages(tmp_path: Path) -> None:
    path = tmp_path / "pedido.wdflow.json"
    path.write_text(json.dumps(_order_flow()), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in LANGUAGE_VARS}
    env.update(LANG="en_US.UTF-8", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "whatdesk", "flow", "run", str(path)],
                          input="oi\n1\n", env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "contact> oi" and "contact> 1" in lines
    assert "bot> Já te passo" in lines
    assert "  (transferred to queue “Vendas”)" in lines
    assert lines[-1] == "State: handed over to a human"

    done = subprocess.run([sys.executable, "-m", "whatdesk", "flow", "run", str(path), "--json"],
                          input="oi\n2\n", env=env, capture_output=True, text=True, timeout=60)
    result = json.loads(done.stdout)
    assert [t["text"] for t in result["transcript"] if t["from"] == "contact"] == ["oi", "2"]
