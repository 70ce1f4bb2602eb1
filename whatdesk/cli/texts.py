"""Command-line text in pt_BR and en: `t(pt, en)` at each call site, and argparse's own words."""

from __future__ import annotations

import argparse
import contextlib
import gettext
from collections.abc import Iterator

from whatdesk.i18n import choose_language, flows_locale

_language: str | None = None


def use(language: str | None = None) -> str:
    """Fix the language of this command (default: choose_language()); returns it."""
    global _language
    _language = language or choose_language()
    return _language


def language() -> str:
    return _language or use()


def locale() -> str:
    """The flows layer's key for the current language ("pt" or "en")."""
    return flows_locale(language())


def t(pt: str, en: str) -> str:
    """The text in the command's language; both versions sit side by side where it is used."""
    return en if language() == "en" else pt


# argparse builds its usage, help and error text with gettext's "messages" domain, which has
# no Portuguese catalogue we could ship: these are its message ids (Python 3.11 and later).
ARGPARSE_PT: dict[str, str] = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos posicionais",
    "options": "opções",
    "optional arguments": "opções",
    "show this help message and exit": "mostra esta ajuda e sai",
    "%(prog)s: error: %(message)s\n": "%(prog)s: erro: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "faltam os argumentos obrigatórios: %s",
    "unrecognized arguments: %s": "argumentos não reconhecidos: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "opção inválida: %(value)r (escolha entre %(choices)s)",
    "invalid %(type)s value: %(value)r": "valor %(type)s inválido: %(value)r",
    "expected one argument": "esperava um valor",
    "expected at most one argument": "esperava no máximo um valor",
    "expected at least one argument": "esperava pelo menos um valor",
    "ambiguous option: %(option)s could match %(matches)s":
        "opção ambígua: %(option)s pode ser %(matches)s",
    "one of the arguments %s is required": "um dos argumentos %s é obrigatório",
    "not allowed with argument %s": "não pode ser usado com o argumento %s",
    "ignored explicit argument %r": "argumento explícito ignorado: %r",
    "unexpected option string: %s": "opção inesperada: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "sub-comando desconhecido %(parser_name)r (escolha entre %(choices)s)",
    "can't open '%(filename)s': %(error)s": "não foi possível abrir '%(filename)s': %(error)s",
    "subcommands": "sub-comandos",
}
ARGPARSE_PT_PLURAL: dict[str, tuple[str, str]] = {
    "expected %s argument": ("esperava %s valor", "esperava %s valores"),
}


class _Catalogue(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return ARGPARSE_PT.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        forms = ARGPARSE_PT_PLURAL.get(msgid1)
        if forms is None:
            return msgid1 if n == 1 else msgid2
        return forms[0] if n == 1 else forms[1]


@contextlib.contextmanager
def argparse_language() -> Iterator[None]:
    """While building and running a parser, argparse speaks the command's language.

    argparse imported gettext's functions under its own names (`_`, `ngettext`); swapping
    those two module globals is the one hook it offers without copying its code."""
    if language() == "en":
        yield
        return
    catalogue = _Catalogue()
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = catalogue.gettext, catalogue.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def version_help() -> str:
    return t("mostra a versão e sai", "show the version and exit")


def session_key_help() -> str:
    return t("como proteger as sessões do WhatsApp: keyring (chave no chaveiro do sistema, o "
             "padrão), passphrase (frase-senha pedida ao iniciar) ou unencrypted (sem "
             "criptografia; o gerenciador de conexões avisa). A escolha fica salva na pasta de "
             "dados.",
             "how to protect the WhatsApp sessions: keyring (key in the system keyring, the "
             "default), passphrase (asked at start) or unencrypted (the connection manager "
             "warns). The choice is saved in the data folder.")


def passphrase_file_help() -> str:
    return t("lê a frase-senha das sessões da primeira linha deste arquivo (implica "
             "--session-key=passphrase)",
             "read the sessions' passphrase from the first line of this file (implies "
             "--session-key=passphrase)")


def passphrase_file_conflict() -> str:
    return t("whatdesk: --passphrase-file só vale com --session-key=passphrase",
             "whatdesk: --passphrase-file only goes with --session-key=passphrase")


def store_database_password_help() -> str:
    return t("guarda a senha de --database-url (ou WHATDESK_DATABASE_URL) no chaveiro do "
             "sistema e mostra o endereço a usar daqui em diante, com a senha trocada por "
             "\"keyring\"",
             "store the password of --database-url (or WHATDESK_DATABASE_URL) in the system "
             "keyring and print the URL to use from now on, its password replaced by "
             "\"keyring\"")


def no_database_url() -> str:
    return t("whatdesk: informe o banco com --database-url ou WHATDESK_DATABASE_URL",
             "whatdesk: give the database with --database-url or WHATDESK_DATABASE_URL")


def database_password_stored(url: str) -> str:
    return t(f"Senha guardada no chaveiro do sistema. Use daqui em diante:\n  {url}",
             f"Password stored in the system keyring. From now on use:\n  {url}")
