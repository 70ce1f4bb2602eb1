"""Why a backup could not be made, read or restored, in words a user can act on."""

from __future__ import annotations

import enum

from whatdesk.domain.errors import WhatdeskError


class Problem(enum.Enum):
    NOT_A_BACKUP = "not_a_backup"
    NEWER_FORMAT = "newer_format"
    NEWER_SCHEMA = "newer_schema"
    WRONG_PASSPHRASE = "wrong_passphrase"
    DAMAGED = "damaged"
    UNSAFE_MEMBER = "unsafe_member"
    TOO_BIG = "too_big"
    WEAK_PASSPHRASE = "weak_passphrase"
    DATABASE_KIND = "database_kind"
    UNREADABLE = "unreadable"
    WRITE_FAILED = "write_failed"
    RESTORE_FAILED = "restore_failed"
    BUSY = "busy"
    OLDER_SCHEMA = "older_schema"
    APP_RUNNING = "app_running"
    NO_KEYRING = "no_keyring"
    NO_PASSPHRASE = "no_passphrase"
    NO_FOLDER = "no_folder"


_NOTHING_CHANGED_PT = " Nada foi alterado."
_NOTHING_CHANGED_EN = " Nothing was changed."

_TEXT: dict[Problem, tuple[str, str]] = {
    Problem.NOT_A_BACKUP: (
        "Este arquivo não é um backup do whatdesk (.wdbackup).",
        "This file is not a whatdesk backup (.wdbackup)."),
    Problem.NEWER_FORMAT: (
        "Este backup foi feito por uma versão mais nova do whatdesk; atualize o whatdesk "
        "para restaurá-lo.",
        "This backup was made by a newer version of whatdesk; update whatdesk to restore it."),
    Problem.NEWER_SCHEMA: (
        "O banco de dados deste backup é de uma versão mais nova do whatdesk; atualize o "
        "whatdesk para restaurá-lo.",
        "The database in this backup is from a newer version of whatdesk; update whatdesk "
        "to restore it."),
    Problem.WRONG_PASSPHRASE: (
        "Senha do backup incorreta (ou o cabeçalho do arquivo foi alterado).",
        "Wrong backup passphrase (or the file's header was altered)."),
    Problem.DAMAGED: (
        "O backup está incompleto ou foi alterado (a verificação criptográfica falhou). "
        "Use outra cópia do backup.",
        "The backup is incomplete or was altered (the cryptographic check failed). "
        "Use another copy of the backup."),
    Problem.UNSAFE_MEMBER: (
        "O backup contém um item não permitido (caminho fora da pasta, link ou arquivo "
        "especial) e foi recusado.",
        "The backup contains an item that is not allowed (a path outside the folder, a link "
        "or a special file) and was refused."),
    Problem.TOO_BIG: (
        "O backup ultrapassa os limites de tamanho que o whatdesk aceita.",
        "The backup exceeds the size limits whatdesk accepts."),
    Problem.WEAK_PASSPHRASE: (
        "A senha do backup precisa ter pelo menos 8 caracteres.",
        "The backup passphrase needs at least 8 characters."),
    Problem.DATABASE_KIND: (
        "Este backup é de outro tipo de banco de dados (SQLite × PostgreSQL) e não pode ser "
        "restaurado neste.",
        "This backup is of another kind of database (SQLite vs PostgreSQL) and cannot be "
        "restored into this one."),
    Problem.UNREADABLE: (
        "Não foi possível ler o arquivo do backup.",
        "The backup file cannot be read."),
    Problem.WRITE_FAILED: (
        "Não foi possível gravar o backup.",
        "The backup could not be written."),
    Problem.RESTORE_FAILED: (
        "A restauração não pôde ser concluída; os dados anteriores foram mantidos.",
        "The restore could not be completed; the previous data was kept."),
    Problem.OLDER_SCHEMA: (
        "Este backup de PostgreSQL é de uma versão mais antiga do whatdesk; restaure-o com "
        "essa versão e depois atualize.",
        "This PostgreSQL backup is from an older version of whatdesk; restore it with that "
        "version, then update."),
    Problem.APP_RUNNING: (
        "O whatdesk está aberto com esta pasta de dados. A restauração está pronta e será "
        "concluída quando o whatdesk for aberto de novo; feche-o e abra-o outra vez.",
        "whatdesk is open on this data folder. The restore is ready and will finish when "
        "whatdesk starts again; close it and open it again."),
    Problem.NO_KEYRING: (
        "Este sistema não tem um chaveiro seguro para guardar a senha dos backups "
        "automáticos; faça backups manuais ou instale um chaveiro (Secret Service, KWallet).",
        "This system has no secure keyring to keep the automatic backups' passphrase; make "
        "manual backups or install a keyring (Secret Service, KWallet)."),
    Problem.NO_PASSPHRASE: (
        "Os backups automáticos precisam de uma senha; informe-a nas configurações de backup.",
        "Automatic backups need a passphrase; enter it in the backup settings."),
    Problem.NO_FOLDER: (
        "Escolha a pasta onde os backups automáticos serão gravados.",
        "Choose the folder the automatic backups are written to."),
    Problem.BUSY: (
        "Já há um backup ou uma restauração em andamento.",
        "A backup or restore is already running."),
}

# Refusals of a file: nothing was touched, and the message says so.
_REFUSALS = {Problem.NOT_A_BACKUP, Problem.NEWER_FORMAT, Problem.NEWER_SCHEMA,
             Problem.WRONG_PASSPHRASE, Problem.DAMAGED, Problem.UNSAFE_MEMBER,
             Problem.TOO_BIG, Problem.DATABASE_KIND, Problem.UNREADABLE,
             Problem.OLDER_SCHEMA}


class BackupError(WhatdeskError):
    """A backup refused or failed; ``problem`` says which, ``detail`` is for a Details area."""

    def __init__(self, problem: Problem, detail: str = "") -> None:
        pt, en = _TEXT[problem]
        if problem in _REFUSALS:
            pt, en = pt + _NOTHING_CHANGED_PT, en + _NOTHING_CHANGED_EN
        super().__init__(pt, en=en)
        self.problem = problem
        self.detail = detail
