"""The store: SQLAlchemy models, Alembic migrations, the Database and repository functions.

Every repository function takes a Session first (``fn(session, ...)``) and returns frozen
dataclasses; run them with ``await db.write(lambda s: fn(s, ...))`` or ``db.read``.
"""

from __future__ import annotations

from .connections import (
    InvalidConnectionSettings,
    connection_status_history,
    create_connection,
    delete_connection,
    get_connection,
    list_connections,
    record_connection_status,
    update_connection,
)
from .contacts import find_contact, get_contact, update_contact, upsert_contact
from .db import Database, head_revision, sqlite_url
from .directory import (
    InvalidName,
    contact_tags,
    create_agent,
    create_queue,
    create_tag,
    get_setting,
    list_agents,
    list_queues,
    list_tags,
    set_setting,
    tag_contact,
    untag_contact,
)
from .flows import (
    NodeExecution,
    FlowRow,
    FlowVersionRow,
    PublishedFlow,
    RunRow,
    StepResult,
    StepWrite,
    apply_flow_step,
    claim_out_of_hours_notice,
    delete_flow,
    delete_run,
    due_runs,
    find_flow,
    flow_id_exists,
    get_flow,
    get_flow_version,
    list_flows,
    live_runs,
    load_run,
    node_counts,
    publish_flow,
    published_flows,
    recent_node_log,
    record_node_executions,
    save_flow_draft,
    save_run,
    set_welcome_flow,
    stop_bot,
    stop_run,
    unanswered_inbound,
)
from .inbound import preview_of, record_inbound
from .outbound import (
    apply_ack,
    begin_send,
    cancel_send,
    enqueue_outbound,
    mark_failed,
    mark_sent,
    pending_outbound,
    retry_failed,
    set_message_error,
)
from .rows import (
    AckChange,
    AgentRow,
    ConnectionRow,
    ConnectionStatusEntry,
    ContactRow,
    Counts,
    InboundResult,
    MessageRow,
    PendingOut,
    QueueRow,
    StoredMedia,
    TagRow,
    TicketEventRow,
    TicketRow,
)
from .tickets import (
    accept_ticket,
    add_ticket_event,
    close_ticket,
    counts,
    find_or_create_ticket,
    get_message,
    get_ticket,
    has_message,
    list_messages,
    list_tickets,
    mark_ticket_read,
    reopen,
    set_ticket_status,
    ticket_events,
    transfer,
)

__all__ = [
    "StepResult", "StepWrite", "apply_flow_step", "stop_bot",
    "unanswered_inbound",
    "FlowRow", "FlowVersionRow", "NodeExecution", "PublishedFlow", "RunRow",
    "claim_out_of_hours_notice", "delete_flow", "delete_run", "due_runs", "find_flow",
    "flow_id_exists", "get_flow", "get_flow_version", "list_flows", "live_runs", "load_run",
    "node_counts", "publish_flow", "published_flows", "recent_node_log",
    "record_node_executions", "save_flow_draft", "save_run", "set_welcome_flow", "stop_run",
    "AckChange", "AgentRow", "ConnectionRow", "ConnectionStatusEntry", "ContactRow", "Counts",
    "Database", "InboundResult", "InvalidConnectionSettings", "InvalidName", "MessageRow",
    "PendingOut", "QueueRow", "StoredMedia", "TagRow", "TicketEventRow", "TicketRow",
    "accept_ticket", "add_ticket_event", "apply_ack", "begin_send", "cancel_send", "close_ticket",
    "connection_status_history", "contact_tags", "counts", "create_agent",
    "create_connection", "create_queue", "create_tag", "delete_connection",
    "enqueue_outbound", "find_contact", "find_or_create_ticket", "get_connection",
    "get_contact", "get_message", "get_setting", "get_ticket", "has_message", "head_revision",
    "list_agents", "list_connections", "list_messages", "list_queues", "list_tags",
    "list_tickets", "mark_failed", "mark_sent", "mark_ticket_read", "pending_outbound",
    "preview_of", "record_connection_status", "record_inbound", "reopen", "retry_failed",
    "set_message_error", "set_setting", "set_ticket_status", "sqlite_url", "tag_contact", "ticket_events",
    "transfer", "untag_contact", "update_connection", "update_contact", "upsert_contact",
]
