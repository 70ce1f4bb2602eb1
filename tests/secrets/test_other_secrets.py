"""Secrets other than sessions: the PostgreSQL password lives in the keyring and the URL the
user keeps says only "keyring"; the CLI flags that choose how sessions are protected."""

from __future__ import annotations

import logging

import pytest

from whatdesk import cli
from whatdesk.domain.errors import SecretsUnavailable, WhatdeskError
from whatdesk.secrets.keys import database_url_with_password, store_database_password

URL = "postgresql+psycopg://loja:s3cr3t-pw@db.local:5432/whatdesk"


def test_the_database_password_moves_to_the_keyring_and_comes_back_from_it(
        memory_keyring, capsys):
    assert cli.main(["--database-url", URL, "--store-database-password"]) == 0
    said = capsys.readouterr().out
    safe = "postgresql+psycopg://loja:keyring@db.local:5432/whatdesk"
    assert safe in said and "s3cr3t-pw" not in said
    assert "s3cr3t-pw" in memory_keyring.entries.values()
    assert database_url_with_password(safe) == URL
    # another server, same user: not the same entry
    with pytest.raises(WhatdeskError):
        database_url_with_password("postgresql+psycopg://loja:keyring@other:5432/whatdesk")


def test_a_clear_password_is_warned_about_without_being_logged(memory_keyring, caplog):
    with caplog.at_level(logging.WARNING):
        assert cli.secret_database_url(URL) == URL
    assert "--store-database-password" in caplog.text and "s3cr3t-pw" not in caplog.text


def test_no_keyring_means_no_stored_database_password(fail_keyring):
    with pytest.raises(SecretsUnavailable):
        store_database_password(URL)


def test_passphrase_file_goes_only_with_passphrase_mode(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    phrase = tmp_path / "phrase"
    phrase.write_text("a passphrase\n")
    code = cli.main(["--data-dir", str(tmp_path / "d"), "--session-key", "unencrypted",
                     "--passphrase-file", str(phrase)])
    assert code == 2
    assert "--passphrase-file" in capsys.readouterr().err
    args = cli.build_parser().parse_args(["--session-key", "passphrase",
                                          "--passphrase-file", str(phrase)])
    assert args.session_key == "passphrase" and args.passphrase_file == phrase
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["--session-key", "plaintext"])


def test_a_wrong_passphrase_file_stops_the_start_with_a_readable_error(
        fail_keyring, tmp_path, monkeypatch):
    """--passphrase-file is for unattended starts: a wrong one is an error, not a dialog."""
    from whatdesk.app import open_vault
    from whatdesk.secrets.keys import KeyMode, resolve_key

    data = tmp_path / "data"
    (data / "sessions").mkdir(parents=True)
    resolve_key(data, KeyMode.PASSPHRASE, "the right passphrase")
    phrase = tmp_path / "phrase"
    phrase.write_text("the wrong passphrase\n")
    from whatdesk.domain.errors import WrongPassphrase

    with pytest.raises(WrongPassphrase):
        open_vault(data, None, phrase)
    phrase.write_text("the right passphrase\n")
    vault = open_vault(data, None, phrase)
    assert vault.encrypted
