"""A small popup grid of common emoji, searchable by name (Portuguese and English)."""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QFrame, QLineEdit, QListView, QVBoxLayout, QWidget

from whatdesk.ui import theme

# (emoji, search words). What agents send most: faces, hands, hearts, work objects.
EMOJI: tuple[tuple[str, str], ...] = (
    ("😀", "sorriso feliz smile happy grin"), ("😃", "sorriso alegre smile"),
    ("😄", "rindo risada laugh"), ("😁", "sorriso dentes grin"),
    ("😅", "suor alivio sweat relief"), ("😂", "chorando de rir lagrimas joy tears laugh"),
    ("🤣", "rolando de rir rofl"), ("😊", "corado feliz blush happy"),
    ("🙂", "sorriso leve slight smile"), ("😉", "piscadela wink"),
    ("😍", "apaixonado olhos coracao love heart eyes"), ("🥰", "amor carinho love"),
    ("😘", "beijo kiss"), ("😋", "delicia gostoso yum"), ("😎", "legal oculos cool"),
    ("🤩", "estrela uau star struck wow"), ("🤔", "pensando hmm thinking"),
    ("🤗", "abraco hug"), ("🙏", "por favor obrigado oracao please thanks pray"),
    ("😐", "neutro neutral"), ("🙄", "revirando olhos eye roll"), ("😏", "malicia smirk"),
    ("😔", "triste pensativo sad pensive"), ("😢", "chorando triste cry sad"),
    ("😭", "chorando muito sob cry"), ("😡", "bravo raiva angry"),
    ("😱", "susto medo scream"), ("😳", "envergonhado flushed"), ("🥺", "pidao pleading"),
    ("😴", "sono dormindo sleep"), ("🤒", "doente sick"), ("🤝", "acordo aperto de mao deal handshake"),
    ("👍", "joinha ok positivo like thumbs up"), ("👎", "negativo dislike thumbs down"),
    ("👏", "palmas parabens clap"), ("🙌", "celebrar hooray raise hands"),
    ("👋", "oi tchau ola wave hello bye"), ("👌", "ok perfeito ok hand"),
    ("✌️", "paz vitoria peace victory"), ("🤞", "dedos cruzados sorte fingers crossed luck"),
    ("💪", "forca forte strong muscle"), ("👀", "olhos olhando eyes look"),
    ("❤️", "coracao amor heart love red"), ("💚", "coracao verde green heart"),
    ("💙", "coracao azul blue heart"), ("💛", "coracao amarelo yellow heart"),
    ("💔", "coracao partido broken heart"), ("🔥", "fogo top fire hot"),
    ("✨", "brilho sparkles"), ("🎉", "festa parabens comemorar party tada"),
    ("🎁", "presente gift"), ("⭐", "estrela star"), ("✅", "feito certo confirmado check done"),
    ("❌", "errado nao cancelado cross no"), ("⚠️", "atencao aviso warning"),
    ("❓", "pergunta duvida question"), ("❗", "exclamacao importante exclamation"),
    ("💯", "cem perfeito hundred"), ("📞", "telefone ligar phone call"),
    ("📱", "celular mobile phone"), ("💻", "computador laptop computer"),
    ("📧", "email e-mail"), ("📎", "anexo clipe attachment clip"),
    ("📄", "documento arquivo document file"), ("📦", "pacote entrega encomenda package box"),
    ("🚚", "entrega caminhao frete delivery truck"), ("🛒", "carrinho compra cart shop"),
    ("💰", "dinheiro money bag"), ("💳", "cartao pagamento credit card payment"),
    ("🧾", "recibo nota fiscal receipt"), ("📅", "data agenda calendario calendar date"),
    ("⏰", "alarme horario alarm clock time"), ("⏳", "aguarde espera hourglass wait"),
    ("📍", "local endereco localizacao pin location"), ("🏠", "casa home house"),
    ("🏪", "loja store shop"), ("🍕", "pizza"), ("🍔", "hamburguer burger"),
    ("☕", "cafe coffee"), ("🍰", "bolo cake"), ("🎂", "aniversario bolo birthday cake"),
    ("🚀", "foguete rapido rocket fast"), ("💡", "ideia dica idea tip bulb"),
    ("🔧", "ferramenta suporte conserto tool wrench"), ("🔒", "seguro senha cadeado lock secure"),
    ("👤", "pessoa usuario person user"), ("👨‍💻", "atendente tecnico technician"),
    ("🙋", "eu aqui raising hand"), ("🤷", "sei la nao sei shrug"),
    ("😬", "ops careta grimace"), ("🤦", "facepalm"), ("🫡", "saudacao salute"),
)

EmojiRole = Qt.ItemDataRole.UserRole + 1
NamesRole = Qt.ItemDataRole.UserRole + 2


class EmojiModel(QAbstractListModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(EMOJI)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        char, names = EMOJI[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, EmojiRole):
            return char
        if role in (Qt.ItemDataRole.ToolTipRole,):
            return names.split()[0]
        if role == NamesRole:
            return names
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None


class EmojiPicker(QFrame):
    """Popup: a search field over a grid; clicking (or Enter) picks and closes."""

    picked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("emojiPicker")
        pal = theme.palette()
        self.setStyleSheet(
            f"#emojiPicker {{ background: {pal.panel}; border: 1px solid {pal.divider};"
            f" border-radius: 8px; }}"
            f"QListView {{ background: {pal.panel}; border: none; font-size: 20px; }}"
            f"QListView::item:hover, QListView::item:selected {{ background: {pal.hover};"
            f" border-radius: 6px; }}")
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search emoji"))
        self.search.setClearButtonEnabled(True)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(EmojiModel(self))
        self.proxy.setFilterRole(NamesRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.grid = QListView()
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setGridSize(QSize(40, 40))
        self.grid.setUniformItemSizes(True)
        self.grid.setModel(self.proxy)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 8, 8, 8)
        column.addWidget(self.search)
        column.addWidget(self.grid)
        self.resize(340, 300)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._pick_first)
        self.grid.clicked.connect(self._pick)
        self.grid.activated.connect(self._pick)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(_fold(text.strip()))
        if self.proxy.rowCount():
            self.grid.setCurrentIndex(self.proxy.index(0, 0))

    def _pick_first(self) -> None:
        if self.proxy.rowCount():
            self._pick(self.grid.currentIndex() if self.grid.currentIndex().isValid()
                       else self.proxy.index(0, 0))

    def _pick(self, index: QModelIndex) -> None:
        char = index.data(EmojiRole)
        if char:
            self.picked.emit(char)
            self.close()

    def popup_above(self, anchor: QWidget) -> None:
        self.search.clear()
        top_left = anchor.mapToGlobal(anchor.rect().topLeft())
        self.move(top_left.x(), top_left.y() - self.height() - 4)
        self.show()
        self.search.setFocus()


def _fold(text: str) -> str:
    """Accents off, so "coração" finds "coracao"."""
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if unicodedata.category(c) != "Mn").lower()
