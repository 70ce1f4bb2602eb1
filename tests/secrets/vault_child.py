"""Child process for the SIGKILL test: opens the vault (passphrase mode, the headless case),
writes a session, seals it, writes more, says "ready" and waits to be killed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import keyring
from keyring.backends import fail

sys.path.insert(0, str(Path(__file__).parent))

from vault_helpers import write_store

from whatdesk.secrets.keys import KeyMode, resolve_key
from whatdesk.secrets.vault import SessionKind, SessionVault


def main() -> None:
    data_dir, runtime_root, name, first, second = sys.argv[1:6]
    keyring.set_keyring(fail.Keyring())
    key = resolve_key(Path(data_dir), KeyMode.PASSPHRASE, "kill -9 survives")
    vault = SessionVault(Path(data_dir), key, Path(runtime_root))
    work = vault.open(name, SessionKind.SQLITE)
    write_store(work, bytes.fromhex(first))
    vault.seal(name)
    write_store(work, bytes.fromhex(second))  # after the last seal
    print("ready", flush=True)
    time.sleep(120)


if __name__ == "__main__":
    main()
