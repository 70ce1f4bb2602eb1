"""The session vault: nothing in clear after a clean stop, crash recovery, migration of plain
files, locked sessions (wrong key, another computer) and passphrases."""

from __future__ import annotations

import os
import stat

import pytest
from vault_helpers import files_holding, new_secret, read_store, write_store

from whatdesk.domain.errors import SecretsUnavailable, SessionLocked, WrongPassphrase
from whatdesk.secrets.keys import KeyMode, SessionKey, keyring_entry, resolve_key
from whatdesk.secrets.vault import SQLITE_HEADER, SessionKind, SessionVault

SQL = SessionKind.SQLITE
NAME = "1-0123456789abcdef"


def test_a_clean_stop_leaves_no_session_in_clear_in_the_data_or_runtime_folder(
        memory_keyring, data_dir, runtime_root):
    key = resolve_key(data_dir)  # the keyring (in memory here)
    vault = SessionVault(data_dir, key, runtime_root)
    secret = new_secret()
    work = vault.open(NAME, SQL)
    assert work.is_relative_to(vault.runtime_dir)  # the client works on the private copy
    write_store(work, secret)
    vault.seal(NAME)  # periodically while running
    write_store(work, secret)
    vault.close_all()  # clean stop, after the client stopped

    assert files_holding([data_dir, runtime_root], SQLITE_HEADER, secret) == []
    assert (data_dir / "sessions" / f"{NAME}.vault").is_file()
    # and it opens again with the same key, intact
    reopened = SessionVault(data_dir, resolve_key(data_dir), runtime_root)
    assert read_store(reopened.open(NAME, SQL)) == [secret, secret]


def test_the_runtime_folder_is_private(memory_keyring, data_dir, runtime_root):
    vault = SessionVault(data_dir, resolve_key(data_dir), runtime_root)
    write_store(vault.open(NAME, SQL), new_secret())
    vault.seal(NAME)
    vault.close(NAME)
    vault.open(NAME, SQL)
    assert stat.S_IMODE(vault.runtime_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(vault.working_path(NAME, SQL).stat().st_mode) == 0o600


def test_a_working_copy_left_by_a_crash_is_newer_and_is_used(memory_keyring, data_dir,
                                                             runtime_root):
    key = resolve_key(data_dir)
    first = SessionVault(data_dir, key, runtime_root)
    old, new = new_secret(), new_secret()
    work = first.open(NAME, SQL)
    write_store(work, old)
    first.seal(NAME)
    write_store(work, new)  # written after the last seal; then the process dies (no close)

    again = SessionVault(data_dir, key, runtime_root)
    assert read_store(again.open(NAME, SQL)) == [old, new]


def test_plain_session_files_are_sealed_on_first_start_and_removed(memory_keyring, data_dir,
                                                                   runtime_root):
    secret = new_secret()
    plain = data_dir / "sessions" / f"{NAME}.db"
    write_store(plain, secret)
    vault = SessionVault(data_dir, resolve_key(data_dir), runtime_root)
    work = vault.open(NAME, SQL)
    assert not plain.exists()
    assert read_store(work) == [secret]
    vault.close_all()
    assert files_holding([data_dir, runtime_root], SQLITE_HEADER, secret) == []


def test_a_session_sealed_with_another_key_is_locked_and_never_deleted(
        memory_keyring, data_dir, runtime_root):
    secret = new_secret()
    vault = SessionVault(data_dir, resolve_key(data_dir), runtime_root)
    write_store(vault.open(NAME, SQL), secret)
    vault.close_all()
    sealed = data_dir / "sessions" / f"{NAME}.vault"
    before = sealed.read_bytes()

    memory_keyring.entries.clear()  # another computer: its keyring has no such key
    elsewhere = SessionVault(data_dir, resolve_key(data_dir), runtime_root)
    with pytest.raises(SessionLocked):
        elsewhere.open(NAME, SQL)
    assert elsewhere.locked(NAME) is not None
    elsewhere.seal_all()
    elsewhere.close_all()
    elsewhere.remove(NAME, SQL)  # even deleting the connection keeps it (set aside)
    assert not sealed.exists()
    kept = list((data_dir / "sessions").glob(f"{NAME}.vault.locked-*"))
    assert [p.read_bytes() for p in kept] == [before]
    # a passphrase cannot open a keyring-sealed session: it says so
    sealed.write_bytes(before)
    with pytest.raises(WrongPassphrase):
        elsewhere.unlock(NAME, SQL, "whatever passphrase")
    assert sealed.read_bytes() == before


def test_a_damaged_sealed_file_is_locked_not_deleted(memory_keyring, data_dir, runtime_root):
    vault = SessionVault(data_dir, resolve_key(data_dir), runtime_root)
    write_store(vault.open(NAME, SQL), new_secret())
    vault.close_all()
    sealed = data_dir / "sessions" / f"{NAME}.vault"
    blob = bytearray(sealed.read_bytes())
    blob[-5] ^= 0xFF
    sealed.write_bytes(bytes(blob))
    again = SessionVault(data_dir, resolve_key(data_dir), runtime_root)
    with pytest.raises(SessionLocked):
        again.open(NAME, SQL)
    assert sealed.read_bytes() == bytes(blob)


def test_passphrase_mode_asks_the_same_passphrase_and_unlocks_sessions_moved_elsewhere(
        fail_keyring, tmp_path, runtime_root):
    data_dir = tmp_path / "data"
    (data_dir / "sessions").mkdir(parents=True)
    key = resolve_key(data_dir, KeyMode.PASSPHRASE, "correct horse battery")
    assert key.encrypted and key.kdf is not None
    secret = new_secret()
    vault = SessionVault(data_dir, key, runtime_root)
    write_store(vault.open(NAME, SQL), secret)
    vault.close_all()
    assert files_holding([data_dir, runtime_root], SQLITE_HEADER, secret) == []

    with pytest.raises(WrongPassphrase):
        resolve_key(data_dir, KeyMode.PASSPHRASE, "wrong horse battery")
    assert resolve_key(data_dir, KeyMode.PASSPHRASE, "correct horse battery").key == key.key

    # the data folder moved to a PC whose user picked another passphrase: locked, then
    # "unlock with passphrase" opens it with the old one and re-seals it with the new key
    moved = tmp_path / "moved"
    os.rename(data_dir, moved)
    (moved / "vault.json").unlink()
    other = SessionVault(moved, resolve_key(moved, KeyMode.PASSPHRASE, "another passphrase"),
                         runtime_root)
    with pytest.raises(SessionLocked):
        other.open(NAME, SQL)
    assert other.locked(NAME).passphrase_can_unlock
    with pytest.raises(WrongPassphrase):
        other.unlock(NAME, SQL, "not it at all")
    assert read_store(other.unlock(NAME, SQL, "correct horse battery")) == [secret]
    other.close_all()
    third = SessionVault(moved, resolve_key(moved, KeyMode.PASSPHRASE, "another passphrase"),
                         runtime_root)
    assert read_store(third.open(NAME, SQL)) == [secret]


def test_no_usable_keyring_is_never_a_silent_fallback(fail_keyring, data_dir):
    with pytest.raises(SecretsUnavailable):
        resolve_key(data_dir)
    with pytest.raises(SecretsUnavailable):
        resolve_key(data_dir, KeyMode.KEYRING)
    assert not (data_dir / "vault.json").exists()  # nothing was chosen for the user
    plain = resolve_key(data_dir, KeyMode.UNENCRYPTED)  # only when the user asks for it
    assert not plain.encrypted
    assert resolve_key(data_dir).mode is KeyMode.UNENCRYPTED  # remembered


def test_two_data_folders_never_share_a_key(memory_keyring, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    assert keyring_entry(a) != keyring_entry(b)
    assert resolve_key(a).key != resolve_key(b).key
    assert len(memory_keyring.entries) == 2


def test_unencrypted_mode_keeps_plain_files_and_cannot_open_sealed_ones(
        memory_keyring, data_dir, runtime_root):
    secret = new_secret()
    sealed_vault = SessionVault(data_dir, resolve_key(data_dir), runtime_root)
    write_store(sealed_vault.open(NAME, SQL), secret)
    sealed_vault.close_all()
    plain = SessionVault(data_dir, SessionKey(KeyMode.UNENCRYPTED), runtime_root)
    with pytest.raises(SessionLocked):
        plain.open("1-0123456789abcdef", SQL)
    other = "2-fedcba9876543210"
    path = plain.open(other, SQL)
    assert path == data_dir / "sessions" / f"{other}.db"


def test_a_folder_session_is_sealed_too(memory_keyring, data_dir, runtime_root):
    vault = SessionVault(data_dir, resolve_key(data_dir), runtime_root)
    folder = vault.open("sandbox-1", SessionKind.FOLDER)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sandbox-5511.json").write_text('{"account": "5511900000001"}')
    vault.close_all()
    assert files_holding([data_dir, runtime_root], b"5511900000001") == []
    again = SessionVault(data_dir, resolve_key(data_dir), runtime_root)
    folder = again.open("sandbox-1", SessionKind.FOLDER)
    assert (folder / "sandbox-5511.json").read_text() == '{"account": "5511900000001"}'


def test_a_logged_out_session_loses_its_sealed_copy(memory_keyring, data_dir, runtime_root):
    vault = SessionVault(data_dir, resolve_key(data_dir), runtime_root)
    work = vault.open(NAME, SQL)
    write_store(work, new_secret())
    vault.seal(NAME)
    work.unlink()  # the channel deleted its session (log out)
    vault.seal(NAME)
    assert not (data_dir / "sessions" / f"{NAME}.vault").exists()


def test_key_bytes_never_show_in_repr(memory_keyring, data_dir):
    key = resolve_key(data_dir)
    assert key.key is not None and key.key.hex() not in repr(key) and str(key.key) not in repr(key)




def test_a_runtime_folder_someone_swapped_for_a_symlink_is_refused(memory_keyring, data_dir,
                                                                    tmp_path):
    from whatdesk.domain.errors import WhatdeskError

    root = tmp_path / "shared-tmp"
    root.mkdir()
    elsewhere = tmp_path / "attacker"
    elsewhere.mkdir()
    (root / "whatdesk-sessions").symlink_to(elsewhere)
    with pytest.raises(WhatdeskError):
        SessionVault(data_dir, resolve_key(data_dir), root)


def test_switching_away_from_the_keyring_reseals_every_session_instead_of_locking_it(
        memory_keyring, data_dir, runtime_root):
    first, second = new_secret(), new_secret()
    vault = SessionVault(data_dir, resolve_key(data_dir), runtime_root)
    write_store(vault.open("1-aaaaaaaaaaaaaaaa", SQL), first)
    write_store(vault.open("2-bbbbbbbbbbbbbbbb", SQL), second)
    vault.close_all()

    chosen = resolve_key(data_dir, KeyMode.PASSPHRASE, "a passphrase now")
    switched = SessionVault(data_dir, chosen, runtime_root)
    assert sorted(switched.rekey()) == ["1-aaaaaaaaaaaaaaaa", "2-bbbbbbbbbbbbbbbb"]
    assert files_holding([data_dir, runtime_root], SQLITE_HEADER, first, second) == []
    memory_keyring.entries.clear()  # the old key is not needed any more
    later = SessionVault(data_dir, resolve_key(data_dir, KeyMode.PASSPHRASE, "a passphrase now"),
                         runtime_root)
    assert read_store(later.open("1-aaaaaaaaaaaaaaaa", SQL)) == [first]
    assert read_store(later.open("2-bbbbbbbbbbbbbbbb", SQL)) == [second]

    # and to unencrypted: written back in clear, as the user asked
    plain_dir = data_dir.parent / "plain"
    (plain_dir / "sessions").mkdir(parents=True)
    keyed = SessionVault(plain_dir, resolve_key(plain_dir), runtime_root)
    write_store(keyed.open("3-cccccccccccccccc", SQL), first)
    keyed.close_all()
    unencrypted = SessionVault(plain_dir, resolve_key(plain_dir, KeyMode.UNENCRYPTED),
                               runtime_root)
    assert unencrypted.rekey() == ["3-cccccccccccccccc"]
    assert read_store(unencrypted.open("3-cccccccccccccccc", SQL)) == [first]
