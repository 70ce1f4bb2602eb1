"""Where secrets live: the session data key (OS keyring, a passphrase, or explicitly none) and
other secrets (database passwords, tokens) kept in the keyring and referenced from settings."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import keyring
import keyring.errors
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from whatdesk.domain.errors import SecretsUnavailable, WhatdeskError, WrongPassphrase

log = logging.getLogger(__name__)

SERVICE = "whatdesk"
SETTINGS_FILE = "vault.json"  # in the data folder: the chosen mode and the passphrase salt
KEY_BYTES = 32  # AES-256
# scrypt cost: 2**15 * 8 * 128 B = 32 MiB of memory, about 0.1 s on a desktop
SCRYPT_N = 2 ** 15
SCRYPT_R = 8
SCRYPT_P = 1
_MAX_N = 2 ** 20  # a hostile vault.json / sealed header must not ask for gigabytes
MIN_PASSPHRASE = 8


class KeyMode(StrEnum):
    """How the session data key is kept."""

    KEYRING = "keyring"  # random key in the OS keyring (the default)
    PASSPHRASE = "passphrase"  # derived from a passphrase asked at every start
    UNENCRYPTED = "unencrypted"  # the user's explicit choice; the UI warns about it


@dataclass(frozen=True)
class SessionKey:
    """The key sessions are sealed with (``key`` is None in UNENCRYPTED mode)."""

    mode: KeyMode
    key: bytes | None = None
    kdf: dict[str, Any] | None = None  # scrypt parameters when derived from a passphrase
    # the keyring key of this data folder when the user just switched away from keyring
    # mode: sessions sealed with it are re-sealed with the new choice (SessionVault.rekey)
    previous: tuple[bytes, ...] = ()

    @property
    def kid(self) -> str:
        """A short public fingerprint: tells which key sealed a file without revealing it."""
        return key_id(self.key) if self.key is not None else ""

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def __repr__(self) -> str:  # never the key bytes, not even in a traceback
        return f"SessionKey({self.mode.value}, kid={self.kid or '-'})"


def key_id(key: bytes) -> str:
    return hmac.new(key, b"whatdesk session key id", hashlib.sha256).hexdigest()[:16]


def keyring_entry(data_dir: Path) -> str:
    """The keyring user name of a data folder's key: one entry per folder (by its absolute
    path), so two data folders never share a key."""
    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:32]
    return f"session-key:{digest}"


# ---- the OS keyring -------------------------------------------------------------------------

def _unavailable(exc: BaseException) -> SecretsUnavailable:
    return SecretsUnavailable(
        "Não há um chaveiro do sistema utilizável para guardar a chave das sessões "
        f"({type(exc).__name__}: {exc}).",
        en="There is no usable system keyring to keep the session key in "
           f"({type(exc).__name__}: {exc}).")


def keyring_get(name: str) -> str | None:
    """A secret from the OS keyring; SecretsUnavailable when there is no usable keyring
    (fail.Keyring, a locked keychain, a refused prompt, a D-Bus error)."""
    try:
        return keyring.get_password(SERVICE, name)
    except Exception as exc:
        raise _unavailable(exc) from exc


def keyring_set(name: str, value: str) -> None:
    try:
        keyring.set_password(SERVICE, name, value)
    except Exception as exc:
        raise _unavailable(exc) from exc


def keyring_delete(name: str) -> None:
    try:
        keyring.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        pass
    except Exception as exc:
        raise _unavailable(exc) from exc


def keyring_data_key(data_dir: Path) -> bytes:
    """The data folder's session key from the keyring, made (and read back) the first time."""
    entry = keyring_entry(data_dir)
    stored = keyring_get(entry)
    if stored is None:
        keyring_set(entry, base64.b64encode(os.urandom(KEY_BYTES)).decode("ascii"))
        stored = keyring_get(entry)  # a backend that accepts but does not keep is no keyring
        if stored is None:
            raise _unavailable(RuntimeError("the keyring did not keep the key"))
    try:
        key = base64.b64decode(stored, validate=True)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise WhatdeskError(
            "A chave das sessões no chaveiro do sistema está danificada.",
            en="The session key in the system keyring is damaged.")
    return key


# ---- passphrases ---------------------------------------------------------------------------

def new_kdf() -> dict[str, Any]:
    return {"alg": "scrypt", "salt": base64.b64encode(os.urandom(16)).decode("ascii"),
            "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}


def derive_key(passphrase: str, kdf: dict[str, Any]) -> bytes:
    """The key a passphrase gives under ``kdf`` (scrypt, from the cryptography package)."""
    try:
        if kdf.get("alg") != "scrypt":
            raise ValueError("unknown kdf")
        salt = base64.b64decode(str(kdf["salt"]), validate=True)
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        if not (2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16
                and 8 <= len(salt) <= 64):
            raise ValueError("kdf parameters out of range")
    except (KeyError, TypeError, ValueError) as exc:
        raise WhatdeskError("Os parâmetros da frase-senha estão danificados.",
                            en="The passphrase parameters are damaged.") from exc
    return Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


# ---- the data folder's choice ----------------------------------------------------------------

def read_settings(data_dir: Path) -> dict[str, Any]:
    path = Path(data_dir) / SETTINGS_FILE
    try:
        if path.stat().st_size > 64 * 1024:
            raise ValueError("too big")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("vault settings unreadable (%s); asking again", exc)
        return {}
    return data if isinstance(data, dict) else {}


def _write_settings(data_dir: Path, data: dict[str, Any]) -> None:
    path = Path(data_dir) / SETTINGS_FILE
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def saved_mode(data_dir: Path) -> KeyMode | None:
    try:
        return KeyMode(read_settings(data_dir).get("mode"))
    except ValueError:
        return None


def passphrase_is_set(data_dir: Path) -> bool:
    """True when a passphrase was chosen before (the dialog asks for it, not for a new one)."""
    settings = read_settings(data_dir)
    return settings.get("mode") == KeyMode.PASSPHRASE and isinstance(settings.get("kdf"), dict)


def resolve_key(data_dir: Path, mode: KeyMode | None = None,
                passphrase: str | None = None) -> SessionKey:
    """The session key of ``data_dir``: ``mode`` (from the user: dialog or CLI flag) or the
    one chosen before, else the keyring. Raises SecretsUnavailable when the keyring cannot
    be used (the caller asks the user; nothing falls back by itself), WrongPassphrase when the
    passphrase does not match the one chosen before. The choice is saved for the next start.
    """
    settings = read_settings(data_dir)
    if mode is None:
        mode = saved_mode(data_dir) or KeyMode.KEYRING
    previous: tuple[bytes, ...] = ()
    if settings.get("mode") == KeyMode.KEYRING and mode is not KeyMode.KEYRING:
        previous = _existing_keyring_key(data_dir)
    if mode is KeyMode.KEYRING:
        result = SessionKey(mode, keyring_data_key(data_dir))
        _write_settings(data_dir, {"mode": mode.value})
    elif mode is KeyMode.PASSPHRASE:
        if passphrase is None:
            raise WrongPassphrase("Falta a frase-senha das sessões.",
                                  en="The sessions' passphrase is missing.")
        same = settings.get("mode") == KeyMode.PASSPHRASE and isinstance(settings.get("kdf"),
                                                                          dict)
        if not same and len(passphrase) < MIN_PASSPHRASE:
            raise WrongPassphrase(
                f"A frase-senha precisa ter pelo menos {MIN_PASSPHRASE} caracteres.",
                en=f"The passphrase needs at least {MIN_PASSPHRASE} characters.")
        kdf = settings["kdf"] if same else new_kdf()
        key = derive_key(passphrase, kdf)
        if same and settings.get("kid") and not hmac.compare_digest(
                str(settings["kid"]), key_id(key)):
            raise WrongPassphrase("A frase-senha não confere.",
                                  en="The passphrase does not match.")
        result = SessionKey(mode, key, kdf, previous)
        _write_settings(data_dir, {"mode": mode.value, "kdf": kdf, "kid": key_id(key)})
    else:
        result = SessionKey(KeyMode.UNENCRYPTED, previous=previous)
        _write_settings(data_dir, {"mode": mode.value})
    log.info("session key: %s", result.mode.value)
    return result


def _existing_keyring_key(data_dir: Path) -> tuple[bytes, ...]:
    """The keyring key of ``data_dir`` if one is there (never made); () otherwise."""
    try:
        stored = keyring_get(keyring_entry(data_dir))
        key = base64.b64decode(stored, validate=True) if stored else b""
    except (SecretsUnavailable, ValueError):
        return ()
    return (key,) if len(key) == KEY_BYTES else ()


def read_passphrase_file(path: Path) -> str:
    """--passphrase-file: the first line of a small file (the newline is not part of it)."""
    try:
        with open(path, "rb") as f:
            raw = f.read(4097)
    except OSError as exc:
        raise WhatdeskError(f"Não foi possível ler o arquivo da frase-senha {path}: "
                            f"{exc.strerror or exc}",
                            en=f"Cannot read the passphrase file {path}: {exc.strerror or exc}"
                            ) from exc
    if len(raw) > 4096:
        raise WhatdeskError("O arquivo da frase-senha é grande demais.",
                            en="The passphrase file is too big.")
    text = raw.decode("utf-8", errors="strict").splitlines()
    return text[0] if text else ""


# ---- other secrets ------------------------------------------------------------------------

SECRET_REF = "keyring:"


def store_secret(name: str, value: str) -> str:
    """Keep ``value`` in the keyring; returns the reference to save in settings instead."""
    keyring_set(f"secret:{name}", value)
    return SECRET_REF + name


def resolve_secret(reference: str) -> str:
    """The secret a settings reference points to ("keyring:NAME"); other text is returned
    as it is (a value typed in clear)."""
    if not reference.startswith(SECRET_REF):
        return reference
    value = keyring_get(f"secret:{reference[len(SECRET_REF):]}")
    if value is None:
        raise WhatdeskError(f"O segredo {reference} não está no chaveiro do sistema.",
                            en=f"The secret {reference} is not in the system keyring.")
    return value


# ---- the database password ------------------------------------------------------------------

DB_PASSWORD_PLACEHOLDER = "keyring"  # postgresql+psycopg://user:keyring@host/db


def _db_entry(parsed: Any) -> str:
    return (f"db-password:{parsed.username or ''}@{parsed.host or ''}:{parsed.port or ''}/"
            f"{parsed.database or ''}")


def _parse_url(url: str) -> Any:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url)
    except Exception as exc:
        raise WhatdeskError("Endereço de banco de dados inválido.",
                            en="Invalid database URL.") from exc


def url_has_clear_password(url: str | None) -> bool:
    if not url:
        return False
    parsed = _parse_url(url)
    return bool(parsed.password) and parsed.password != DB_PASSWORD_PLACEHOLDER


def database_url_with_password(url: str | None) -> str | None:
    """A database URL whose password is ``keyring`` gets the real one from the OS keyring
    (so the settings, the environment and the logs never hold it)."""
    if not url:
        return url
    parsed = _parse_url(url)
    if parsed.password != DB_PASSWORD_PLACEHOLDER:
        return url
    secret = keyring_get(_db_entry(parsed))
    if secret is None:
        raise WhatdeskError(
            "A senha do banco de dados não está no chaveiro do sistema; guarde-a com "
            "--store-database-password.",
            en="The database password is not in the system keyring; store it with "
               "--store-database-password.")
    return str(parsed.set(password=secret).render_as_string(hide_password=False))


def store_database_password(url: str) -> str:
    """Move the password of ``url`` into the keyring; returns the URL to use from now on
    (its password replaced by ``keyring``)."""
    parsed = _parse_url(url)
    if not parsed.password or parsed.password == DB_PASSWORD_PLACEHOLDER:
        raise WhatdeskError("O endereço do banco de dados não tem senha para guardar.",
                            en="The database URL has no password to store.")
    keyring_set(_db_entry(parsed), str(parsed.password))
    return str(parsed.set(password=DB_PASSWORD_PLACEHOLDER).render_as_string(
        hide_password=False))
