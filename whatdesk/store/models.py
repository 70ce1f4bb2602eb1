"""SQLAlchemy 2.0 models: the whole schema, portable between SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from whatdesk.domain.clock import DEFAULT_TIMEZONE

from .types import UTCDateTime

# Stable constraint names: Alembic batch mode on SQLite needs them to alter tables later.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


class Connection(Base):
    """A linked WhatsApp account (or a sandbox account)."""

    __tablename__ = "connections"
    # Never hand a deleted connection's id to a new one (SQLite reuses the highest otherwise).
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    channel: Mapped[str] = mapped_column(String(20), default="neonize")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="stopped")
    status_detail: Mapped[str] = mapped_column(Text, default="")
    jid: Mapped[str | None] = mapped_column(String(128))
    push_name: Mapped[str] = mapped_column(String(200), default="")
    greeting: Mapped[str] = mapped_column(Text, default="")
    farewell: Mapped[str] = mapped_column(Text, default="")
    out_of_hours_message: Mapped[str] = mapped_column(Text, default="")
    business_hours: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    timezone: Mapped[str] = mapped_column(String(64), default=DEFAULT_TIMEZONE)
    rate_per_contact_per_min: Mapped[int] = mapped_column(Integer, default=30)
    min_gap_ms: Mapped[int] = mapped_column(Integer, default=1000)
    welcome_flow_id: Mapped[str | None] = mapped_column(String(64))  # flows.id (a uuid)
    user_disconnected: Mapped[bool] = mapped_column(Boolean, default=False)
    # Random, part of the WhatsApp session's file name; NULL for connections made before 0003
    # (their session is named by the id alone).
    session_token: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # Deleting a connection while keeping its conversations only hides it (tickets point here).
    deleted_at: Mapped[datetime | None]


class ConnectionStatusLog(Base):
    __tablename__ = "connection_status_log"
    __table_args__ = (Index("ix_connection_status_log_conn", "connection_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    connection_id: Mapped[int] = mapped_column(
        ForeignKey("connections.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]


class Contact(Base):
    """A person (identified by phone and/or LID, merged when both become known) or a group."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    phone: Mapped[str | None] = mapped_column(String(20), unique=True)  # E.164 digits
    lid: Mapped[str | None] = mapped_column(String(64), unique=True)  # "123@lid"
    group_jid: Mapped[str | None] = mapped_column(String(128), unique=True)  # "1203@g.us"
    name: Mapped[str] = mapped_column(String(200), default="")
    push_name: Mapped[str] = mapped_column(String(200), default="")
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)
    email: Mapped[str | None] = mapped_column(String(200))
    custom_fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    notes: Mapped[str] = mapped_column(Text, server_default="")
    blocked: Mapped[bool] = mapped_column(Boolean, server_default=false())
    avatar_path: Mapped[str | None] = mapped_column(Text)  # inside the data dir, content-addressed
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Queue(Base):
    __tablename__ = "queues"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    color: Mapped[str] = mapped_column(String(16), default="#1976d2")
    greeting: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    # New pending tickets go to the least-busy online agent of the queue, within capacity.
    auto_assign: Mapped[bool] = mapped_column(Boolean, server_default=false())


class Agent(Base):
    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(200), unique=True)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    # A standard KDF hash (never the password); NULL: no password set (single-agent desktop).
    password_hash: Mapped[str | None] = mapped_column(String(255))
    # Hash of the "remember me" token whose clear value lives only in the OS keyring.
    remember_token_hash: Mapped[str | None] = mapped_column(String(255))
    capacity: Mapped[int] = mapped_column(Integer, server_default="0")  # open tickets; 0: no cap
    presence: Mapped[str] = mapped_column(String(10), server_default="offline")  # online|away|offline
    sign_messages: Mapped[bool] = mapped_column(Boolean, server_default=false())


class AgentQueue(Base):
    __tablename__ = "agent_queues"

    agent_id: Mapped[int] = mapped_column(
        ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True)
    queue_id: Mapped[int] = mapped_column(
        ForeignKey("queues.id", ondelete="CASCADE"), primary_key=True)


class Ticket(Base):
    """One conversation with a contact on a connection: bot -> pending -> open -> closed."""

    __tablename__ = "tickets"
    __table_args__ = (
        # At most one ticket that is not closed per contact and connection: the database,
        # not a lock in Python, is what makes duplicate tickets impossible.
        Index(
            "uq_tickets_one_active_per_contact", "contact_id", "connection_id", unique=True,
            sqlite_where=text("status <> 'closed'"),
            postgresql_where=text("status <> 'closed'"),
        ),
        # Inbox tabs: newest first per status, per connection, per queue (keyset pagination).
        Index("ix_tickets_status_last", "status", "last_message_at", "id"),
        Index("ix_tickets_connection_status_last",
              "connection_id", "status", "last_message_at", "id"),
        Index("ix_tickets_queue_status_last", "queue_id", "status", "last_message_at", "id"),
        Index("ix_tickets_last", "last_message_at", "id"),
        Index("ix_tickets_contact", "contact_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    connection_id: Mapped[int] = mapped_column(ForeignKey("connections.id"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    status: Mapped[str] = mapped_column(String(16))
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id", ondelete="SET NULL"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    unread_count: Mapped[int] = mapped_column(Integer, default=0)
    last_message_preview: Mapped[str] = mapped_column(String(200), default="")
    last_message_at: Mapped[datetime]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    # The out-of-hours reply goes once per conversation, not on every message.
    out_of_hours_notified_at: Mapped[datetime | None]


class Message(Base):
    """Every message of a ticket, both directions; the outbound queue is the rows with ack 0."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("connection_id", "wa_id", name="uq_messages_connection_wa_id"),
        Index("ix_messages_ticket", "ticket_id", "id"),
        # The outbox: small partial index over messages still waiting to be sent.
        Index(
            "ix_messages_outbox", "connection_id", "id",
            sqlite_where=text("direction = 'out' AND ack = 0"),
            postgresql_where=text("direction = 'out' AND ack = 0"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    connection_id: Mapped[int] = mapped_column(ForeignKey("connections.id"))
    wa_id: Mapped[str] = mapped_column(String(128))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"))  # who wrote it (group sender)
    chat_jid: Mapped[str | None] = mapped_column(String(128))
    sender_jid: Mapped[str | None] = mapped_column(String(128))  # group messages
    sender_name: Mapped[str | None] = mapped_column(String(200))
    direction: Mapped[str] = mapped_column(String(4))
    from_me: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    media_path: Mapped[str | None] = mapped_column(Text)
    media_mime: Mapped[str | None] = mapped_column(String(200))
    media_size: Mapped[int | None] = mapped_column(Integer)
    media_sha256: Mapped[str | None] = mapped_column(String(64))
    media_filename: Mapped[str | None] = mapped_column(String(255))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    location_name: Mapped[str | None] = mapped_column(Text)
    location_address: Mapped[str | None] = mapped_column(Text)
    vcard: Mapped[str | None] = mapped_column(Text)
    quoted_wa_id: Mapped[str | None] = mapped_column(String(128))
    target_wa_id: Mapped[str | None] = mapped_column(String(128))  # reaction/edit/revoke
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    ack: Mapped[int] = mapped_column(Integer, default=0)
    # Outbound only: how many times the sender handed this row to the channel without the
    # outcome being recorded yet. Non-zero on a pending row after a restart means a send was
    # interrupted (it may have reached WhatsApp).
    send_attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    # The agent who wrote an outgoing message or private note (NULL: bot, phone, system).
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    error: Mapped[str | None] = mapped_column(Text)
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    is_private_note: Mapped[bool] = mapped_column(Boolean, default=False)
    reaction: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class TicketEvent(Base):
    """Who did what to a ticket and when (status transitions, transfers, notes)."""

    __tablename__ = "ticket_events"
    __table_args__ = (Index("ix_ticket_events_ticket", "ticket_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(64), default="system")
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]


class QuickReply(Base):
    """``/shortcut`` → text (with {{nome}}-style variables) and an optional file; global when
    agent_id is NULL, else personal to that agent."""

    __tablename__ = "quick_replies"
    __table_args__ = (Index("ix_quick_replies_shortcut", "shortcut"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shortcut: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text, default="")
    media_path: Mapped[str | None] = mapped_column(Text)  # inside the data dir
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    color: Mapped[str] = mapped_column(String(16), default="#607d8b")


class ContactTag(Base):
    __tablename__ = "contact_tags"

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)


class Flow(Base):
    """A chatbot flow: its editable draft and a pointer to the version conversations start on."""

    __tablename__ = "flows"
    __table_args__ = (
        Index("uq_flows_name_alive", "name", unique=True,
              sqlite_where=text("deleted_at IS NULL"),
              postgresql_where=text("deleted_at IS NULL")),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the document's uuid
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    draft: Mapped[dict[str, Any]] = mapped_column(JSON)
    draft_updated_at: Mapped[datetime]
    published_version: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]


class FlowVersion(Base):
    """A published, immutable copy of a flow; runs stay on the version they started with."""

    __tablename__ = "flow_versions"
    __table_args__ = (UniqueConstraint("flow_id", "version", name="uq_flow_versions_flow_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    flow_id: Mapped[str] = mapped_column(ForeignKey("flows.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    published_at: Mapped[datetime]
    published_by: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(Text, default="")  # asked at publish: what changed


class FlowRun(Base):
    """The run of a flow on one ticket (RunState.to_dict), so a restart resumes it."""

    __tablename__ = "flow_runs"
    __table_args__ = (Index("ix_flow_runs_wake_at", "wake_at"),)

    ticket_id: Mapped[int] = mapped_column(
        ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True)
    flow_id: Mapped[str] = mapped_column(String(64))
    flow_version: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))
    node: Mapped[str | None] = mapped_column(String(200))
    wake_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    last_message_id: Mapped[int | None] = mapped_column(Integer)  # last input the run consumed
    updated_at: Mapped[datetime]


class FlowNodeCount(Base):
    """How many times each exit of each node was taken, per flow version (upserted in batches)."""

    __tablename__ = "flow_node_counts"

    flow_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    node_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    port: Mapped[str] = mapped_column(String(200), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class FlowNodeHourly(Base):
    """Node exits per hour (UTC), for the editor's analytics over a chosen period."""

    __tablename__ = "flow_node_hourly"

    flow_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    hour: Mapped[datetime] = mapped_column(primary_key=True)
    node_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    port: Mapped[str] = mapped_column(String(200), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class FlowNodeLog(Base):
    """The newest node executions of each flow (trimmed), for "recent contacts" per exit."""

    __tablename__ = "flow_node_log"
    __table_args__ = (Index("ix_flow_node_log_flow", "flow_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    flow_id: Mapped[str] = mapped_column(String(64))
    flow_version: Mapped[int] = mapped_column(Integer)
    node_id: Mapped[str] = mapped_column(String(200))
    port: Mapped[str] = mapped_column(String(200))
    ticket_id: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime]


class AuditEntry(Base):
    """Who did what and when to personal data or settings (LGPD): exports, anonymizations,
    restores, retention runs, settings changes. ``details`` never holds personal data."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(Integer)  # agents.id; NULL: cli / system
    actor: Mapped[str] = mapped_column(String(120))  # agent name, "cli" or "system"
    action: Mapped[str] = mapped_column(String(60))  # "contact.export", "settings.tag.update"
    target: Mapped[str] = mapped_column(String(120), default="")  # "contact#12", "tag#3"
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
