"""The composer driven like an agent: keys and clicks, then what is stored, what the
customer received and what the agent sees."""

from __future__ import annotations

from whatdesk.store.quick_replies import create_quick_reply

from pathlib import Path

import pytest
from composer_helpers import connected, context, customer_ticket, settle
from PySide6.QtCore import Qt
from ui_helpers import wait_until

from whatdesk.domain.enums import Ack, MessageKind
from whatdesk.store import get_message, get_setting, list_messages
from whatdesk.ui import theme

SHOTS = Path("/tmp")


@pytest.fixture
def composer(runtime, network, settings, qtbot, arun):
    from whatdesk.ui.inbox.composer import Composer

    arun(connected(runtime))
    ctx = context(runtime, settings)
    widget = Composer(ctx)
    widget.resize(760, 120)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    arun(settle())


def _open_ticket(composer, runtime, network, arun, accept=True, **kw):
    customer, ticket = arun(customer_ticket(runtime, network, **kw))
    if accept:
        arun(runtime.tickets.accept(ticket.id, composer.ctx.agent.id))
    composer.set_ticket(ticket.id)
    arun(wait_until(lambda: composer.ticket_status is not None, what="ticket loaded"))
    return customer, ticket


def _messages(runtime, ticket_id):
    return runtime.db.read_sync(lambda s: list_messages(s, ticket_id))


def test_enter_sends_shift_enter_breaks_the_line(composer, runtime, network, qtbot, arun):
    customer, ticket = _open_ticket(composer, runtime, network, arun)
    sent = []
    composer.message_sent.connect(sent.append)
    qtbot.keyClicks(composer.field, "Oi Ana")
    height_one_line = composer.field.height()
    qtbot.keyClick(composer.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(composer.field, "seu pedido sai hoje")
    assert composer.field.height() > height_one_line  # grows with the lines
    qtbot.keyClick(composer.field, Qt.Key.Key_Return)
    assert composer.text() == ""  # emptied at once, before any I/O
    arun(wait_until(lambda: sent, what="message_sent"))
    row = runtime.db.read_sync(lambda s: get_message(s, sent[0]))
    assert row.text == "Oi Ana\nseu pedido sai hoje" and row.direction == "out"
    arun(wait_until(lambda: customer.texts == ["Oi Ana\nseu pedido sai hoje"], what="received"))


def test_field_grows_to_six_lines_then_scrolls(composer, runtime, network, qtbot, arun):
    _open_ticket(composer, runtime, network, arun)
    heights = []
    for i in range(9):
        qtbot.keyClicks(composer.field, f"linha {i}")
        heights.append(composer.field.height())
        qtbot.keyClick(composer.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert heights[5] > heights[4] > heights[0]
    assert heights[8] == heights[5]  # capped at six lines
    assert composer.text().count("\n") == 9


def test_waiting_ticket_can_be_read_but_accept_to_reply(composer, runtime, network, qtbot, arun):
    _, ticket = _open_ticket(composer, runtime, network, arun, accept=False)
    assert not composer.field.isEnabled() and not composer.send_button.isEnabled()
    assert composer.field.placeholderText() == "Accept to reply"
    qtbot.keyClicks(composer.field, "x")
    assert composer.text() == ""
    arun(runtime.tickets.accept(ticket.id, composer.ctx.agent.id))
    arun(wait_until(lambda: composer.field.isEnabled(), what="enabled after accept"))


def test_drafts_are_kept_per_ticket(composer, runtime, network, qtbot, arun):
    _, first = _open_ticket(composer, runtime, network, arun)
    qtbot.keyClicks(composer.field, "rascunho da Ana")
    composer.set_note_mode(True)
    _, second = _open_ticket(composer, runtime, network, arun, phone="5511911112222",
                             name="Caio")
    assert composer.text() == "" and not composer.note_mode
    qtbot.keyClicks(composer.field, "para o Caio")
    composer.set_ticket(first.id)
    assert composer.text() == "rascunho da Ana" and composer.note_mode
    composer.set_ticket(second.id)
    assert composer.text() == "para o Caio"


def test_slash_opens_quick_replies_filled_in_before_sending(composer, runtime, network, qtbot,
                                                           arun):
    customer, ticket = _open_ticket(composer, runtime, network, arun)
    qr = runtime.quick_replies
    arun(qr.create("ola", "Olá {{primeiro_nome}}! Sou {{agente}}, protocolo {{protocolo}}."))
    arun(qr.create("obrigado", "Obrigado pelo contato, {{nome}}."))
    arun(qr.create("pix", "Chave pix: 123", agent_id=composer.ctx.agent.id))
    qtbot.keyClicks(composer.field, "/")
    arun(wait_until(lambda: composer.quick_list.isVisible()
                    and composer.quick_list.model_.rowCount() == 3, what="all replies"))
    qtbot.keyClicks(composer.field, "o")
    arun(wait_until(lambda: composer.quick_list.model_.rowCount() == 2, what="filtered"))
    composer.grab().save(str(SHOTS / "composer-quick-replies.png"))
    qtbot.keyClick(composer.field, Qt.Key.Key_Down)
    assert composer.quick_list.current_row().shortcut == "ola"  # obrigado, ola
    qtbot.keyClick(composer.field, Qt.Key.Key_Up)
    assert composer.quick_list.current_row().shortcut == "obrigado"
    qtbot.keyClick(composer.field, Qt.Key.Key_Down)
    assert composer.quick_list.current_row().shortcut == "ola"
    qtbot.keyClick(composer.field, Qt.Key.Key_Return)
    expected = f"Olá Ana! Sou Bia, protocolo {ticket.id}."
    arun(wait_until(lambda: composer.text() == expected, what="rendered text in the field"))
    assert not composer.quick_list.isVisible()
    qtbot.keyClick(composer.field, Qt.Key.Key_Return)
    arun(wait_until(lambda: customer.texts == [expected], what="received as shown"))


def test_note_mode_turns_yellow_and_is_never_sent(composer, runtime, network, qtbot, arun):
    customer, ticket = _open_ticket(composer, runtime, network, arun)
    qtbot.mouseClick(composer.note_button, Qt.MouseButton.LeftButton)
    assert composer.note_mode
    assert composer.field.grab().toImage().pixelColor(3, composer.field.height() // 2).name() \
        == theme.palette().note.lower()
    qtbot.keyClicks(composer.field, "cliente pediu desconto")
    composer.grab().save(str(SHOTS / "composer-note.png"))
    sent = []
    composer.message_sent.connect(sent.append)
    qtbot.keyClick(composer.field, Qt.Key.Key_Return)
    arun(wait_until(lambda: sent, what="note stored"))
    row = runtime.db.read_sync(lambda s: get_message(s, sent[0]))
    assert row.is_private_note and row.text == "cliente pediu desconto"
    arun(runtime.drain())
    assert customer.texts == []


def test_reply_to_a_message_then_esc_cancels(composer, runtime, network, qtbot, arun):
    customer, ticket = _open_ticket(composer, runtime, network, arun)
    [incoming] = _messages(runtime, ticket.id)
    composer.quote(incoming.id)
    arun(wait_until(lambda: composer.quote_text.text().startswith("Oi, meu pedido"),
                    what="quote shown"))
    assert composer.quote_bar.isVisible()
    qtbot.keyClicks(composer.field, "Vou verificar")
    composer.grab().save(str(SHOTS / "composer-quoting.png"))
    qtbot.keyClick(composer.field, Qt.Key.Key_Escape)
    assert not composer.quote_bar.isVisible() and composer.text() == "Vou verificar"
    composer.quote(incoming.id)
    sent = []
    composer.message_sent.connect(sent.append)
    qtbot.keyClick(composer.field, Qt.Key.Key_Return)
    arun(wait_until(lambda: sent, what="sent"))
    row = runtime.db.read_sync(lambda s: get_message(s, sent[0]))
    assert row.quoted_wa_id == incoming.wa_id and not composer.quote_bar.isVisible()
    arun(wait_until(lambda: customer.inbox and customer.inbox[-1].quoted_id == incoming.wa_id,
                    what="customer sees the quote"))


def test_attached_file_goes_with_its_caption(composer, runtime, network, qtbot, arun, tmp_path):
    customer, ticket = _open_ticket(composer, runtime, network, arun)
    doc = tmp_path / "orcamento.pdf"
    doc.write_bytes(b"%PDF-1.4 orcamento")
    composer.attach_files([doc])
    assert composer.files_bar.isVisible() and "orcamento.pdf" in composer.files_label.text()
    qtbot.keyClicks(composer.field, "segue o orcamento")
    sent = []
    composer.message_sent.connect(sent.append)
    qtbot.keyClick(composer.field, Qt.Key.Key_Return)
    assert not composer.files_bar.isVisible()
    arun(wait_until(lambda: sent, what="queued"))
    row = runtime.db.read_sync(lambda s: get_message(s, sent[0]))
    assert (row.kind, row.text, row.media_filename) == (MessageKind.DOCUMENT.value,
                                                        "segue o orcamento", "orcamento.pdf")
    arun(wait_until(lambda: customer.inbox, what="document received"))
    assert customer.media_bytes(customer.inbox[0].wa_id) == b"%PDF-1.4 orcamento"


def test_pasted_image_becomes_an_attachment(composer, runtime, network, qtbot, arun):
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QColor, QImage

    _open_ticket(composer, runtime, network, arun)
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    mime = QMimeData()
    mime.setImageData(image)
    composer.field.insertFromMimeData(mime)
    arun(wait_until(lambda: composer.files, what="pasted image attached"))
    assert composer.files[0].suffix == ".png" and composer.files[0].stat().st_size > 0


def test_emoji_picker_searches_by_name(composer, runtime, network, qtbot, arun):
    _open_ticket(composer, runtime, network, arun)
    qtbot.keyClicks(composer.field, "Obrigado ")
    qtbot.mouseClick(composer.emoji_button, Qt.MouseButton.LeftButton)
    assert composer.emoji_picker.isVisible()
    qtbot.keyClicks(composer.emoji_picker.search, "joinha")
    qtbot.keyClick(composer.emoji_picker.search, Qt.Key.Key_Return)
    assert composer.text() == "Obrigado 👍" and not composer.emoji_picker.isVisible()


def test_typing_shows_composing_to_the_customer(composer, runtime, network, qtbot, arun):
    customer, _ = _open_ticket(composer, runtime, network, arun)
    qtbot.keyClicks(composer.field, "So um")
    arun(wait_until(lambda: customer.business_presence == "composing", what="composing"))
    qtbot.keyClick(composer.field, Qt.Key.Key_Return)
    arun(wait_until(lambda: customer.business_presence == "paused", what="paused"))
    assert customer.texts == ["So um"]  # the typing ended with the message itself


def test_sign_button_puts_the_agent_name_in_front(composer, runtime, network, qtbot, arun):
    customer, _ = _open_ticket(composer, runtime, network, arun)
    qtbot.mouseClick(composer.sign_button, Qt.MouseButton.LeftButton)
    arun(wait_until(lambda: _signs(runtime, composer), what="saved"))
    qtbot.keyClicks(composer.field, "Pronto")
    qtbot.keyClick(composer.field, Qt.Key.Key_Return)
    arun(wait_until(lambda: customer.texts == ["*Bia:*\nPronto"], what="signed"))
    assert composer.sign_button.isChecked() and _signs(runtime, composer)  # it stays on


def _signs(runtime, composer):
    from whatdesk.store.agent_messages import agent_signature

    return runtime.db.read_sync(lambda s: agent_signature(s, composer.ctx.agent.id)) == "Bia"


def test_failed_send_puts_the_text_back(composer, runtime, network, qtbot, arun):
    _, ticket = _open_ticket(composer, runtime, network, arun)
    arun(runtime.detach(ticket.connection_id))  # the connection's parts are gone
    qtbot.keyClicks(composer.field, "nao pode se perder")
    qtbot.keyClick(composer.field, Qt.Key.Key_Return)
    arun(wait_until(lambda: composer.hint.isVisible(), what="error shown"))
    assert composer.text() == "nao pode se perder"
    assert "Not sent" in composer.hint.text()
    assert [m.text for m in _messages(runtime, ticket.id)] == ["Oi, meu pedido atrasou"]


def test_open_ticket_composer_is_ready_and_says_how_to_use_it(composer, runtime, network,
                                                               qtbot, arun):
    _open_ticket(composer, runtime, network, arun)
    assert composer.field.isEnabled() and composer.send_button.isEnabled()
    assert composer.field.placeholderText() == "Type a message"
    assert "type /" in composer.quick_button.toolTip()  # how to find quick replies
    assert not (composer.quote_bar.isVisible() or composer.files_bar.isVisible()
                or composer.quick_list.isVisible() or composer.hint.isVisible())
    composer.grab().save(str(SHOTS / "composer-normal.png"))
    composer.field.insertPlainText("Oi Ana! Já verifiquei seu pedido 👍")  # keyClicks is ASCII-only
    composer.grab().save(str(SHOTS / "composer-typing.png"))


def test_edit_our_message_then_esc_gives_the_draft_back(composer, runtime, network, qtbot, arun):
    customer, ticket = _open_ticket(composer, runtime, network, arun)
    mid = arun(runtime.messages.send_text(ticket.id, "Pedido 12 saiu"))
    arun(wait_until(lambda: runtime.db.read_sync(lambda s: get_message(s, mid)).ack >= Ack.SERVER,
                    what="sent"))
    qtbot.keyClicks(composer.field, "rascunho")
    composer.edit(mid)
    arun(wait_until(lambda: composer.text() == "Pedido 12 saiu", what="text to edit"))
    assert composer.quote_bar.isVisible() and composer.quote_sender.text() == "Edit message"
    qtbot.keyClick(composer.field, Qt.Key.Key_Escape)
    assert composer.text() == "rascunho" and not composer.quote_bar.isVisible()
    composer.edit(mid)
    arun(wait_until(lambda: composer.text() == "Pedido 12 saiu", what="text to edit"))
    qtbot.keyClick(composer.field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(composer.field, "u hoje")
    qtbot.keyClick(composer.field, Qt.Key.Key_Return)
    assert composer.text() == "rascunho"
    arun(wait_until(lambda: runtime.db.read_sync(lambda s: get_message(s, mid)).text
                    == "Pedido 12 saiu hoje", what="edited"))
    assert runtime.db.read_sync(lambda s: get_message(s, mid)).edited
    arun(wait_until(lambda: any(m.kind == MessageKind.EDIT and m.text == "Pedido 12 saiu hoje"
                                for m in customer.inbox), what="customer got the edit"))


def test_a_message_received_cannot_be_edited(composer, runtime, network, qtbot, arun):
    _, ticket = _open_ticket(composer, runtime, network, arun)
    [incoming] = _messages(runtime, ticket.id)
    composer.edit(incoming.id)
    arun(wait_until(lambda: composer.hint.isVisible(), what="refused"))
    assert composer.hint.text() == "This message can no longer be edited."
    assert composer.text() == ""


def test_quick_reply_file_is_attached_only_from_inside_the_data_folder(composer, runtime, network,
                                                                      qtbot, arun):
    _open_ticket(composer, runtime, network, arun)
    folder = Path(runtime.data_dir) / "quick_replies"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tabela.pdf").write_bytes(b"%PDF tabela")
    # rows as a restored or edited database may hold them (the service copies picked files)
    runtime.db.write_sync(lambda s: create_quick_reply(
        s, "tabela", "Segue a tabela", media_path=str(folder / "tabela.pdf")))
    runtime.db.write_sync(lambda s: create_quick_reply(
        s, "fora", "Arquivo de fora", media_path="../../etc/passwd"))
    qtbot.keyClicks(composer.field, "/tab")
    arun(wait_until(lambda: composer.quick_list.isVisible()
                    and composer.quick_list.current_row().shortcut == "tabela", what="listed"))
    qtbot.keyClick(composer.field, Qt.Key.Key_Return)
    arun(wait_until(lambda: composer.text() == "Segue a tabela", what="text"))
    assert [p.name for p in composer.files] == ["tabela.pdf"]
    composer.clear_files()
    composer.field.clear()
    qtbot.keyClicks(composer.field, "/fora")
    arun(wait_until(lambda: composer.quick_list.isVisible()
                    and composer.quick_list.current_row().shortcut == "fora", what="listed"))
    qtbot.keyClick(composer.field, Qt.Key.Key_Tab)
    arun(wait_until(lambda: composer.text() == "Arquivo de fora", what="text"))
    assert composer.files == []


def test_draft_survives_a_restart_and_is_gone_once_sent(composer, runtime, network, settings,
                                                         qtbot, arun, tmp_path):
    from whatdesk.ui.inbox.composer import Composer

    customer, ticket = _open_ticket(composer, runtime, network, arun)
    photo = tmp_path / "foto.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    qtbot.keyClicks(composer.field, "Ana, vou verificar o pedido")
    composer.attach_files([photo])
    agent = composer.ctx.agent

    def stored():
        return arun(runtime.drafts.get(agent.id, ticket.id))

    composer.close()  # the app closes at once (before the pause that saves a draft) ...
    arun(wait_until(lambda: runtime.db.read_sync(
        lambda s: get_setting(s, f"draft:{agent.id}:{ticket.id}")) is not None,
        what="draft saved"))

    again = Composer(composer.ctx)  # ... and opens again: nothing in memory
    qtbot.addWidget(again)
    again.show()
    again.set_ticket(ticket.id)
    arun(wait_until(lambda: again.text() == "Ana, vou verificar o pedido", what="restored"))
    assert again.files == [photo]
    assert not again.files_bar.isHidden()

    qtbot.keyClick(again.field, Qt.Key.Key_Return)
    arun(wait_until(lambda: customer.texts == ["Ana, vou verificar o pedido"], what="sent"))
    arun(settle())
    assert stored() is None
    third = Composer(composer.ctx)
    qtbot.addWidget(third)
    third.set_ticket(ticket.id)
    arun(settle())
    assert third.text() == "" and third.files == []


def test_no_conversation_no_composer(composer, runtime, network, arun, qtbot):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    pane = QWidget()  # the composer sits in the chat pane
    qtbot.addWidget(pane)
    QVBoxLayout(pane).addWidget(composer)
    pane.show()
    assert not composer.isVisible()  # like WhatsApp: nothing to type into before a chat
    _open_ticket(composer, runtime, network, arun)
    assert composer.isVisible() and composer.field.isEnabled()
    composer.setParent(None)  # the fixture closes it, not the pane


def test_a_long_placeholder_is_shown_whole_not_cut(composer, qtbot):
    """A long reason (here: no conversation yet) fills the field, wrapped, never clipped."""
    composer.resize(260, composer.sizeHint().height())
    composer.show()
    qtbot.waitUntil(lambda: composer.field.placeholder_lines() >= 2)
    field = composer.field
    line = field.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: field.height() >= field.placeholder_lines() * line)
    field.setPlainText("ok")  # typed text: back to one line
    qtbot.waitUntil(lambda: field.height() < 2 * line + 20)
