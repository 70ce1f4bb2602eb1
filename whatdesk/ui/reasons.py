"""The words a user reads for a reason code (translated), and errors turned into those words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from whatdesk.domain.errors import WhatdeskError
from whatdesk.domain.reasons import Reason, reason_of

R = Reason
translate = QCoreApplication.translate  # lupdate finds calls named "translate"


def reason_text(reason: Reason) -> str:
    """What happened, in one plain sentence ("" for NONE)."""
    texts = {
        R.NONE: "",
        R.UNKNOWN: translate("Reason", "Something went wrong."),
        R.NO_INTERNET: translate("Reason", "This computer is not connected to the internet."),
        R.WHATSAPP_UNREACHABLE: translate("Reason", "WhatsApp could not be reached."),
        R.SECURE_CONNECTION_FAILED: translate(
            "Reason", "A secure connection to WhatsApp could not be made."),
        R.CONNECTION_LOST: translate("Reason", "The connection to WhatsApp was lost."),
        R.NO_RESPONSE: translate("Reason", "WhatsApp stopped responding."),
        R.WHATSAPP_REFUSED: translate("Reason", "WhatsApp refused the connection."),
        R.WHATSAPP_DOWN: translate("Reason", "WhatsApp is not available right now."),
        R.CONNECTING: translate("Reason", "Connecting to WhatsApp…"),
        R.RETRYING: translate("Reason", "Trying to connect again…"),
        R.STOPPED_BY_USER: translate("Reason", "Disconnected by you."),
        R.RECONNECT_BY_USER: translate("Reason", "Reconnecting, as you asked."),
        R.NOT_LINKED: translate("Reason", "Not linked to a phone yet."),
        R.SCAN_QR: translate("Reason", "Waiting for the QR code to be scanned."),
        R.TYPE_PAIRING_CODE: translate("Reason", "Waiting for the code to be typed on the phone."),
        R.PAIRED: translate("Reason", "Code accepted — finishing the link."),
        R.QR_EXPIRED: translate("Reason", "Nobody scanned the code in time."),
        R.LOGGED_OUT_BY_USER: translate("Reason", "You logged this connection out."),
        R.LOGGED_OUT_BY_PHONE: translate("Reason", "This computer was unlinked on the phone."),
        R.REPLACED: translate(
            "Reason", "This WhatsApp account was opened on another computer or app."),
        R.BANNED: translate("Reason", "WhatsApp has temporarily blocked this number."),
        R.OUTDATED: translate("Reason", "This version of whatdesk is too old for WhatsApp."),
        R.PAIRING_FAILED: translate("Reason", "The phone could not finish linking."),
        R.CODE_REFUSED: translate("Reason", "WhatsApp did not give a code for this number."),
        R.NOT_READY: translate("Reason", "WhatsApp is not ready to give a code yet."),
        R.ALREADY_LINKED: translate("Reason", "This connection is already linked to a phone."),
        R.WRONG_NUMBER: translate("Reason", "This number does not belong to this connection."),
        R.NOT_STARTED: translate("Reason", "The connections have not started yet."),
        R.SESSION_UNREADABLE: translate("Reason", "The saved WhatsApp session is damaged."),
        R.CANNOT_SAVE: translate("Reason", "whatdesk could not save its data."),
        R.INBOUND_NOT_SAVED: translate(
            "Reason", "Received messages could not be saved, so this connection was stopped."),
        R.LOGOUT_FAILED: translate(
            "Reason", "WhatsApp could not be told to unlink this computer."),
        R.DATA_DIR_UNUSABLE: translate("Reason", "The data folder cannot be used."),
        R.DATABASE_UNAVAILABLE: translate("Reason", "The database cannot be opened or written."),
        R.NAME_TAKEN: translate("Reason", "Another connection already has this name."),
        R.INVALID_INPUT: translate("Reason", "Some of the values are not valid."),
        R.SESSION_LOCKED: translate(
            "Reason", "The saved session is locked: it cannot be opened with this computer's key."),
        R.KEYRING_UNAVAILABLE: translate(
            "Reason", "This computer has no usable keyring to keep the session key in."),
        R.WRONG_PASSPHRASE: translate("Reason", "The passphrase is not right."),
    }
    return texts.get(reason, texts[R.UNKNOWN])


def reason_advice(reason: Reason) -> str:
    """What the user can do about it ("" when there is nothing to do)."""
    retries = translate("Reason", "whatdesk tries again by itself.")
    advice = {
        R.UNKNOWN: translate(
            "Reason", "Try again. If it keeps happening, send the details below to support."),
        R.NO_INTERNET: translate(
            "Reason", "Check the cable or Wi-Fi. whatdesk tries again by itself."),
        R.WHATSAPP_UNREACHABLE: translate(
            "Reason", "The internet may be down or slow, or a firewall may be blocking WhatsApp. "
                      "whatdesk tries again by itself."),
        R.SECURE_CONNECTION_FAILED: translate(
            "Reason", "Check that this computer's date and time are right. A proxy or antivirus "
                      "may be intercepting the connection."),
        R.CONNECTION_LOST: retries,
        R.NO_RESPONSE: retries,
        R.WHATSAPP_DOWN: retries,
        R.WHATSAPP_REFUSED: translate(
            "Reason", "Link the connection again. If it keeps happening, remove this computer "
                      "under Linked devices on the phone first."),
        R.NOT_LINKED: translate("Reason", "Choose “Link by QR code” or “Link by phone number”."),
        R.QR_EXPIRED: translate("Reason", "Ask for a new code when the phone is at hand."),
        R.LOGGED_OUT_BY_USER: translate("Reason", "Link it again to use it."),
        R.LOGGED_OUT_BY_PHONE: translate("Reason", "Link it again to use it."),
        R.REPLACED: translate("Reason", "Close WhatsApp there, then reconnect here."),
        R.BANNED: translate(
            "Reason", "Wait until the block ends (see the details), then reconnect."),
        R.OUTDATED: translate("Reason", "Install the latest version of whatdesk."),
        R.PAIRING_FAILED: translate("Reason", "Try again with a new code."),
        R.CODE_REFUSED: translate(
            "Reason", "Check the number, with country and area code, or link by QR code."),
        R.NOT_READY: translate("Reason", "Wait a few seconds and ask again."),
        R.ALREADY_LINKED: translate("Reason", "Log it out first to link another number."),
        R.WRONG_NUMBER: translate(
            "Reason", "Type the number of the WhatsApp account you are linking."),
        R.NOT_STARTED: translate("Reason", "Wait a moment and try again."),
        R.SESSION_UNREADABLE: translate("Reason", "Log the connection out and link it again."),
        R.CANNOT_SAVE: translate(
            "Reason", "Check that the disk is not full and that the data folder can be written."),
        R.INBOUND_NOT_SAVED: translate(
            "Reason", "Nothing is lost: WhatsApp keeps the messages. Free disk space or check the "
                      "database; whatdesk reconnects by itself once saving works again."),
        R.LOGOUT_FAILED: translate(
            "Reason", "The session was kept. Check the internet and log out again, or remove this "
                      "computer under Linked devices on the phone."),
        R.DATA_DIR_UNUSABLE: translate(
            "Reason", "Choose another folder with --data-dir or WHATDESK_DATA_DIR."),
        R.DATABASE_UNAVAILABLE: translate(
            "Reason", "Check the data folder or the database server and try again. Nothing was "
                      "changed."),
        R.NAME_TAKEN: translate("Reason", "Choose another name."),
        R.INVALID_INPUT: translate("Reason", "Check the values and try again."),
        R.SESSION_LOCKED: translate(
            "Reason", "Unlock it with the passphrase it was saved with, or link the connection "
                      "again. The locked file is kept."),
        R.KEYRING_UNAVAILABLE: translate(
            "Reason", "Choose a passphrase, or store the sessions unencrypted."),
        R.WRONG_PASSPHRASE: translate("Reason", "Type it again; letters and case must match."),
    }
    return advice.get(reason, "")


class UserMessage(str):
    """Translated text for the user; ``details`` holds the raw words behind it (may be "")."""

    details: str
    reason: Reason

    def __new__(cls, text: str, details: str = "", reason: Reason = Reason.UNKNOWN
                ) -> UserMessage:
        obj = super().__new__(cls, text)
        obj.details = details
        obj.reason = reason
        return obj


def error_message(exc: BaseException) -> UserMessage:
    """An exception as the user reads it: our words, translated; the raw text as details."""
    if not isinstance(exc, WhatdeskError):
        return UserMessage(
            QCoreApplication.translate(
                "Tasks", "Unexpected error: {error}. Details were written to the log."
            ).format(error=type(exc).__name__),
            f"{type(exc).__name__}: {exc}", Reason.UNKNOWN)
    reason = reason_of(exc)
    if reason is Reason.UNKNOWN:
        # no code, but the raiser's own sentence reads well when it is in the UI's language
        portuguese = QLocale().language() == QLocale.Language.Portuguese
        if portuguese or exc.message_en:
            return UserMessage(exc.message("pt" if portuguese else "en"), str(exc), reason)
    return UserMessage(sentence(reason), str(exc), reason)


def sentence(reason: Reason) -> str:
    """What happened and what to do, as one paragraph."""
    return " ".join(part for part in (reason_text(reason), reason_advice(reason)) if part)
