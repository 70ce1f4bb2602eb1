"""Initial schema: connections, contacts, queues, agents, tickets, messages, events, tags.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-29 10:25:07.860207
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import whatdesk.store.types

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('is_admin', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', whatdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agents')),
    sa.UniqueConstraint('email', name=op.f('uq_agents_email'))
    )
    op.create_table('connections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('status_detail', sa.Text(), nullable=False),
    sa.Column('jid', sa.String(length=128), nullable=True),
    sa.Column('push_name', sa.String(length=200), nullable=False),
    sa.Column('greeting', sa.Text(), nullable=False),
    sa.Column('farewell', sa.Text(), nullable=False),
    sa.Column('out_of_hours_message', sa.Text(), nullable=False),
    sa.Column('business_hours', sa.JSON(), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('rate_per_contact_per_min', sa.Integer(), nullable=False),
    sa.Column('min_gap_ms', sa.Integer(), nullable=False),
    sa.Column('welcome_flow_id', sa.Integer(), nullable=True),
    sa.Column('user_disconnected', sa.Boolean(), nullable=False),
    sa.Column('created_at', whatdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', whatdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', whatdesk.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_connections'))
    )
    op.create_table('contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('lid', sa.String(length=64), nullable=True),
    sa.Column('group_jid', sa.String(length=128), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('push_name', sa.String(length=200), nullable=False),
    sa.Column('is_group', sa.Boolean(), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('custom_fields', sa.JSON(), nullable=False),
    sa.Column('created_at', whatdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', whatdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contacts')),
    sa.UniqueConstraint('group_jid', name=op.f('uq_contacts_group_jid')),
    sa.UniqueConstraint('lid', name=op.f('uq_contacts_lid')),
    sa.UniqueConstraint('phone', name=op.f('uq_contacts_phone'))
    )
    op.create_table('queues',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('color', sa.String(length=16), nullable=False),
    sa.Column('greeting', sa.Text(), nullable=False),
    sa.Column('created_at', whatdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_queues')),
    sa.UniqueConstraint('name', name=op.f('uq_queues_name'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('color', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tags')),
    sa.UniqueConstraint('name', name=op.f('uq_tags_name'))
    )
    op.create_table('agent_queues',
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('queue_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], name=op.f('fk_agent_queues_agent_id_agents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['queue_id'], ['queues.id'], name=op.f('fk_agent_queues_queue_id_queues'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('agent_id', 'queue_id', name=op.f('pk_agent_queues'))
    )
    op.create_table('connection_status_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('connection_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('at', whatdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['connection_id'], ['connections.id'], name=op.f('fk_connection_status_log_connection_id_connections'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_connection_status_log'))
    )
    with op.batch_alter_table('connection_status_log', schema=None) as batch_op:
        batch_op.create_index('ix_connection_status_log_conn', ['connection_id', 'id'], unique=False)

    op.create_table('contact_tags',
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_contact_tags_contact_id_contacts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_contact_tags_tag_id_tags'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('contact_id', 'tag_id', name=op.f('pk_contact_tags'))
    )
    op.create_table('tickets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('connection_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('queue_id', sa.Integer(), nullable=True),
    sa.Column('agent_id', sa.Integer(), nullable=True),
    sa.Column('unread_count', sa.Integer(), nullable=False),
    sa.Column('last_message_preview', sa.String(length=200), nullable=False),
    sa.Column('last_message_at', whatdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_at', whatdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', whatdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', whatdesk.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], name=op.f('fk_tickets_agent_id_agents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['connection_id'], ['connections.id'], name=op.f('fk_tickets_connection_id_connections')),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_tickets_contact_id_contacts')),
    sa.ForeignKeyConstraint(['queue_id'], ['queues.id'], name=op.f('fk_tickets_queue_id_queues'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tickets'))
    )
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.create_index('ix_tickets_connection_status_last', ['connection_id', 'status', 'last_message_at', 'id'], unique=False)
        batch_op.create_index('ix_tickets_contact', ['contact_id'], unique=False)
        batch_op.create_index('ix_tickets_last', ['last_message_at', 'id'], unique=False)
        batch_op.create_index('ix_tickets_queue_status_last', ['queue_id', 'status', 'last_message_at', 'id'], unique=False)
        batch_op.create_index('ix_tickets_status_last', ['status', 'last_message_at', 'id'], unique=False)
        batch_op.create_index('uq_tickets_one_active_per_contact', ['contact_id', 'connection_id'], unique=True, sqlite_where=sa.text("status <> 'closed'"), postgresql_where=sa.text("status <> 'closed'"))

    op.create_table('messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('connection_id', sa.Integer(), nullable=False),
    sa.Column('wa_id', sa.String(length=128), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('chat_jid', sa.String(length=128), nullable=True),
    sa.Column('sender_jid', sa.String(length=128), nullable=True),
    sa.Column('sender_name', sa.String(length=200), nullable=True),
    sa.Column('direction', sa.String(length=4), nullable=False),
    sa.Column('from_me', sa.Boolean(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('media_path', sa.Text(), nullable=True),
    sa.Column('media_mime', sa.String(length=200), nullable=True),
    sa.Column('media_size', sa.Integer(), nullable=True),
    sa.Column('media_sha256', sa.String(length=64), nullable=True),
    sa.Column('media_filename', sa.String(length=255), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('location_name', sa.Text(), nullable=True),
    sa.Column('location_address', sa.Text(), nullable=True),
    sa.Column('vcard', sa.Text(), nullable=True),
    sa.Column('quoted_wa_id', sa.String(length=128), nullable=True),
    sa.Column('target_wa_id', sa.String(length=128), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=True),
    sa.Column('ack', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('edited', sa.Boolean(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('is_private_note', sa.Boolean(), nullable=False),
    sa.Column('reaction', sa.String(length=32), nullable=True),
    sa.Column('created_at', whatdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', whatdesk.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['connection_id'], ['connections.id'], name=op.f('fk_messages_connection_id_connections')),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_messages_contact_id_contacts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], name=op.f('fk_messages_ticket_id_tickets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_messages')),
    sa.UniqueConstraint('connection_id', 'wa_id', name='uq_messages_connection_wa_id')
    )
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.create_index('ix_messages_outbox', ['connection_id', 'id'], unique=False, sqlite_where=sa.text("direction = 'out' AND ack = 0"), postgresql_where=sa.text("direction = 'out' AND ack = 0"))
        batch_op.create_index('ix_messages_ticket', ['ticket_id', 'id'], unique=False)

    op.create_table('ticket_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=True),
    sa.Column('to_status', sa.String(length=16), nullable=True),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('at', whatdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], name=op.f('fk_ticket_events_ticket_id_tickets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ticket_events'))
    )
    with op.batch_alter_table('ticket_events', schema=None) as batch_op:
        batch_op.create_index('ix_ticket_events_ticket', ['ticket_id', 'id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('ticket_events', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_events_ticket')

    op.drop_table('ticket_events')
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index('ix_messages_ticket')
        batch_op.drop_index('ix_messages_outbox', sqlite_where=sa.text("direction = 'out' AND ack = 0"), postgresql_where=sa.text("direction = 'out' AND ack = 0"))

    op.drop_table('messages')
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_index('uq_tickets_one_active_per_contact', sqlite_where=sa.text("status <> 'closed'"), postgresql_where=sa.text("status <> 'closed'"))
        batch_op.drop_index('ix_tickets_status_last')
        batch_op.drop_index('ix_tickets_queue_status_last')
        batch_op.drop_index('ix_tickets_last')
        batch_op.drop_index('ix_tickets_contact')
        batch_op.drop_index('ix_tickets_connection_status_last')

    op.drop_table('tickets')
    op.drop_table('contact_tags')
    with op.batch_alter_table('connection_status_log', schema=None) as batch_op:
        batch_op.drop_index('ix_connection_status_log_conn')

    op.drop_table('connection_status_log')
    op.drop_table('agent_queues')
    op.drop_table('tags')
    op.drop_table('settings')
    op.drop_table('queues')
    op.drop_table('contacts')
    op.drop_table('connections')
    op.drop_table('agents')
