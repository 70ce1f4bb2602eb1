"""Agents: who is using this desktop, signing in, "remember me", presence, and the admin's
agent list. The first run creates the administrator."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import secrets
from typing import TYPE_CHECKING, Any

from whatdesk.domain.errors import WhatdeskError
from whatdesk.store import create_agent, list_agents
from whatdesk.store.assignment import assign_waiting
from whatdesk.store.directory import (
    agent_secrets,
    get_agent,
    set_agent_active,
    set_agent_secrets,
    set_presence,
    update_agent,
)
from whatdesk.store.rows import AgentRow

if TYPE_CHECKING:
    from .runtime import Runtime

log = logging.getLogger(__name__)

FIRST_ADMIN_NAME = "Administrador"
MIN_PASSWORD_LENGTH = 8
KEYRING_SERVICE = "whatdesk"

# Password hashes: hashlib.scrypt (RFC 7914, in the standard library: no extra dependency)
# with a random 16-byte salt, in a versioned string so the cost can be raised later and old
# hashes still verify: "$scrypt$v=1$n=16384,r=8,p=1$<salt b64>$<key b64>".
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P, _SCRYPT_LEN = 2 ** 14, 8, 1, 32
_SCRYPT_PREFIX = "$scrypt$v=1$"


class SignInRefused(WhatdeskError):
    """Wrong name/e-mail or password, or an inactive agent: nothing changed."""


class PasswordTooShort(WhatdeskError, ValueError):
    pass


def hash_password(password: str) -> str:
    """A salted scrypt hash of ``password`` (slow on purpose: call it off the loop thread)."""
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R,
                         p=_SCRYPT_P, dklen=_SCRYPT_LEN)
    b64 = base64.b64encode
    return (f"{_SCRYPT_PREFIX}n={_SCRYPT_N},r={_SCRYPT_R},p={_SCRYPT_P}$"
            f"{b64(salt).decode()}${b64(key).decode()}")


def verify_password(password: str, encoded: str | None) -> bool:
    """True when ``password`` matches the stored hash (constant-time compare)."""
    if not encoded or not encoded.startswith(_SCRYPT_PREFIX):
        return False
    try:
        params, salt_b64, key_b64 = encoded[len(_SCRYPT_PREFIX):].split("$")
        cost = dict(part.split("=", 1) for part in params.split(","))
        n, r, p = int(cost["n"]), int(cost["r"]), int(cost["p"])
        salt, key = base64.b64decode(salt_b64), base64.b64decode(key_b64)
        if n > 2 ** 20 or r > 32 or p > 16:  # a tampered row must not eat the machine
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                             maxmem=256 * 1024 * 1024, dklen=len(key))
    except (ValueError, KeyError):
        return False
    return hmac.compare_digest(got, key)


def token_hash(token: str) -> str:
    # The token is 32 random bytes: a plain SHA-256 cannot be reversed or guessed.
    return "sha256$" + hashlib.sha256(token.encode("ascii")).hexdigest()


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise PasswordTooShort(
            f"A senha precisa de pelo menos {MIN_PASSWORD_LENGTH} caracteres.",
            en=f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")


class AgentService:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    # ---- the directory --------------------------------------------------------------------
    async def list(self) -> list[AgentRow]:
        return await self._rt.db.read(list_agents)

    async def get(self, agent_id: int) -> AgentRow:
        return await self._rt.db.read(lambda s: get_agent(s, agent_id))

    async def ensure_first_admin(self, name: str = FIRST_ADMIN_NAME) -> AgentRow:
        """The administrator every database has: created on the first run, else the first
        active admin (a single-agent desktop signs in as this agent without a password)."""

        def write(s: object) -> AgentRow:
            admins = [a for a in list_agents(s) if a.is_admin and a.active]  # type: ignore[arg-type]
            if admins:
                return min(admins, key=lambda a: a.id)
            return create_agent(s, name, is_admin=True)  # type: ignore[arg-type]

        return await self._rt.db.write(write)

    async def needs_sign_in(self) -> bool:
        """More than one active agent: the window asks who is signing in."""
        return sum(1 for a in await self.list() if a.active) > 1

    async def create(self, name: str, email: str | None, password: str, *,
                     is_admin: bool = False, queue_ids: tuple[int, ...] = (),
                     capacity: int = 0) -> AgentRow:
        check_password(password)
        hashed = await self._hash(password)
        row = await self._rt.db.write(lambda s: create_agent(
            s, name, email, is_admin, queue_ids, capacity=capacity, password_hash=hashed))
        await self._rt.audit.record("settings.agent.create", f"agent#{row.id}",
                                    {"is_admin": is_admin})
        return row

    async def update(self, agent_id: int, *, name: str, email: str | None, is_admin: bool,
                     queue_ids: tuple[int, ...], capacity: int) -> AgentRow:
        row = await self._rt.db.write(lambda s: update_agent(
            s, agent_id, name=name, email=email, is_admin=is_admin, queue_ids=queue_ids,
            capacity=capacity))
        await self._rt.audit.record("settings.agent.update", f"agent#{agent_id}",
                                    {"is_admin": is_admin, "queues": len(queue_ids),
                                     "capacity": capacity})
        return row

    async def set_active(self, agent_id: int, active: bool) -> AgentRow:
        row = await self._rt.db.write(lambda s: set_agent_active(s, agent_id, active))
        await self._rt.audit.record("settings.agent.activate" if active
                                    else "settings.agent.deactivate", f"agent#{agent_id}")
        return row

    async def set_password(self, agent_id: int, password: str) -> None:
        """Set or reset a password; "remember me" on every desktop is forgotten with it."""
        check_password(password)
        hashed = await self._hash(password)
        await self._rt.db.write(lambda s: set_agent_secrets(
            s, agent_id, password_hash=hashed, remember_token_hash=None))
        log.info("password set for agent %s", agent_id)
        await self._rt.audit.record("settings.agent.password", f"agent#{agent_id}")

    async def _hash(self, password: str) -> str:
        return await asyncio.get_running_loop().run_in_executor(None, hash_password, password)

    # ---- signing in ---------------------------------------------------------------------
    async def sign_in(self, ref: str, password: str) -> AgentRow:
        """The active agent with this e-mail or name and password; SignInRefused otherwise
        (one message for both cases: it does not reveal which agents exist)."""
        from whatdesk.store.directory import find_agent

        def read(s: Any) -> tuple[AgentRow | None, str | None]:
            agent = find_agent(s, ref)
            return (agent, agent_secrets(s, agent.id)[0]) if agent else (None, None)

        agent, encoded = await self._rt.db.read(read)
        loop = asyncio.get_running_loop()
        ok = await loop.run_in_executor(None, verify_password, password or "", encoded)
        if agent is None or not ok:
            log.info("sign-in refused")
            raise SignInRefused("E-mail, nome ou senha incorretos.",
                                en="Wrong e-mail, name or password.")
        await self.set_presence(agent.id, "online")
        log.info("agent %s signed in", agent.id)
        return await self.get(agent.id)

    async def set_presence(self, agent_id: int, presence: str) -> None:
        """Online / away / offline. Coming online takes the tickets already waiting in the
        agent's auto-assign queues (in the same write: two agents coming online at once
        never get the same ticket)."""

        def write(s: Any) -> list[int]:
            set_presence(s, agent_id, presence)
            return assign_waiting(s, agent_id) if presence == "online" else []

        assigned = await self._rt.db.write(write)
        if assigned:
            from whatdesk.domain.enums import TicketStatus
            from whatdesk.engine.events import CountsChanged, TicketChanged

            for ticket_id in assigned:
                self._rt.bus.publish(TicketChanged(ticket_id, TicketStatus.OPEN,
                                                   TicketStatus.PENDING))
            c = await self._rt.tickets.counts()
            self._rt.bus.publish(CountsChanged(c.waiting, c.unread, c.bot, c.open))

    async def sign_out(self, agent_id: int, forget: bool = True) -> None:
        """Offline; with ``forget`` the next start asks for the password again."""
        await self.set_presence(agent_id, "offline")
        if forget:
            await self.forget(agent_id)

    # ---- "remember me": a random token in the OS keyring, its hash in the database -------
    def _keyring_user(self) -> str:
        # one entry per database: two data folders on one PC remember different agents
        return "remember:" + hashlib.sha256(str(self._rt.db.url).encode()).hexdigest()[:16]

    async def keyring_problem(self) -> str | None:
        """None when a keyring backend works; else why "remember me" cannot be offered."""
        import keyring
        from keyring.errors import KeyringError

        def probe() -> str | None:
            try:
                backend = keyring.get_keyring()
                if float(getattr(backend, "priority", 1)) <= 0:
                    return "no secure keyring backend"
                keyring.get_password(KEYRING_SERVICE, self._keyring_user())
            except (KeyringError, RuntimeError, OSError) as exc:
                return str(exc) or type(exc).__name__
            return None

        return await asyncio.get_running_loop().run_in_executor(None, probe)

    async def remember(self, agent_id: int) -> bool:
        """Keep this agent signed in on this desktop; False when the keyring refused."""
        import keyring
        from keyring.errors import KeyringError

        token = secrets.token_urlsafe(32)

        def store() -> bool:
            try:
                keyring.set_password(KEYRING_SERVICE, self._keyring_user(), f"{agent_id}:{token}")
            except (KeyringError, RuntimeError, OSError) as exc:
                log.warning("remember me unavailable: %s", type(exc).__name__)
                return False
            return True

        if not await asyncio.get_running_loop().run_in_executor(None, store):
            return False
        await self._rt.db.write(lambda s: set_agent_secrets(
            s, agent_id, remember_token_hash=token_hash(token)))
        return True

    async def remembered(self) -> AgentRow | None:
        """The agent remembered on this desktop, if the keyring token still matches an active
        agent's stored hash (a reset password or a deactivation ends it)."""
        import keyring
        from keyring.errors import KeyringError

        def load() -> str | None:
            try:
                return keyring.get_password(KEYRING_SERVICE, self._keyring_user())
            except (KeyringError, RuntimeError, OSError):
                return None

        value = await asyncio.get_running_loop().run_in_executor(None, load)
        if not value or ":" not in value:
            return None
        raw_id, token = value.split(":", 1)
        if not raw_id.isdigit():
            return None

        def read(s: Any) -> tuple[AgentRow, str | None] | None:
            try:
                return get_agent(s, int(raw_id)), agent_secrets(s, int(raw_id))[1]
            except WhatdeskError:
                return None

        found = await self._rt.db.read(read)
        if found is None:
            return None
        agent, stored = found
        if not agent.active or not stored or not hmac.compare_digest(stored, token_hash(token)):
            return None
        await self.set_presence(agent.id, "online")
        return await self.get(agent.id)

    async def forget(self, agent_id: int) -> None:
        import keyring
        from keyring.errors import KeyringError

        def drop() -> None:
            try:
                value = keyring.get_password(KEYRING_SERVICE, self._keyring_user())
                if value and value.split(":", 1)[0] == str(agent_id):
                    keyring.delete_password(KEYRING_SERVICE, self._keyring_user())
            except (KeyringError, RuntimeError, OSError):
                pass

        await asyncio.get_running_loop().run_in_executor(None, drop)
        await self._rt.db.write(lambda s: set_agent_secrets(
            s, agent_id, remember_token_hash=None))
