"""`message`: send a text, optionally with media, a location or a contact card."""

from __future__ import annotations

from typing import Any

from ..document import Node
from .. import media as flow_media
from ..registry import FieldKind, FieldSpec, NodeType, Text, register
from ..runtime import Goto, MessageSpec, Outcome, RunStatus, Step, Stop
from ..validation import Checker
from ._common import NEXT

MEDIA_KINDS = ("image", "video", "audio", "voice", "document", "sticker")
_MEDIA_TITLES = {
    "image": Text("Imagem", "Image"), "video": Text("Vídeo", "Video"),
    "audio": Text("Áudio", "Audio"), "voice": Text("Mensagem de voz", "Voice note"),
    "document": Text("Documento", "Document"), "sticker": Text("Figurinha", "Sticker"),
}


def _obj(value: object) -> dict[str, Any] | None:
    return value if isinstance(value, dict) and value else None


def _float(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return None


async def execute(step: Step) -> Outcome:
    sink, config = step.ctx.sink, step.config
    typing = config.get("typing_ms")
    if isinstance(typing, int) and not isinstance(typing, bool) and typing > 0:
        await sink.typing(typing)
    text = step.render(config.get("text"))
    media, location, contact = (_obj(config.get(k)) for k in ("media", "location", "contact"))
    if media and isinstance(media.get("path"), str) and media["path"]:
        # never rendered: a template here would let a customer's answer pick the file
        try:
            file = flow_media.resolve(step.services.media_root, media["path"])
        except flow_media.MediaPathError as err:
            return Stop(RunStatus.ERROR, err.problem.code, step.text(err.problem.pt,
                                                                     err.problem.en))
        caption = step.render(media.get("caption"))
        if caption and text:
            await sink.send(MessageSpec(text=text))
        kind = media.get("kind") if media.get("kind") in MEDIA_KINDS else "document"
        filename = media.get("filename") if isinstance(media.get("filename"), str) else None
        await sink.send(MessageSpec(kind=kind, text=caption or text,
                                    media_path=str(file),
                                    filename=filename or None))
    elif location and _float(location.get("latitude")) is not None:
        if text:
            await sink.send(MessageSpec(text=text))
        await sink.send(MessageSpec(
            kind="location", latitude=_float(location.get("latitude")),
            longitude=_float(location.get("longitude")),
            location_name=step.render(location.get("name")) or None,
            location_address=step.render(location.get("address")) or None))
    elif contact and contact.get("name"):
        if text:
            await sink.send(MessageSpec(text=text))
        await sink.send(MessageSpec(kind="contact", contact_name=step.render(contact.get("name")),
                                    contact_phone=step.render(contact.get("phone")) or None))
    elif text.strip():
        await sink.send(MessageSpec(text=text))
    return Goto("next")


def check(node: Node, config: dict[str, Any], checker: Checker) -> None:
    attached = [k for k in ("media", "location", "contact") if _obj(config.get(k))]
    text = config.get("text")
    if not attached and not (isinstance(text, str) and text.strip()):
        checker.warning("empty_message", "Mensagem sem texto e sem anexo.",
                        "Message with no text and no attachment.")
    if len(attached) > 1:
        checker.warning("message_multiple_attachments",
                        f"Só um anexo é enviado ({attached[0]}); remova os outros.",
                        f"Only one attachment is sent ({attached[0]}); remove the others.")
    media = _obj(config.get("media"))
    if media is not None and not (isinstance(media.get("path"), str) and media["path"].strip()):
        checker.error("media_no_file", "Anexo sem arquivo escolhido.", "Attachment with no file.")
    elif media is not None:
        problem = flow_media.path_problem(media["path"])
        if problem is not None:
            checker.error(problem.code, problem.pt[:1].upper() + problem.pt[1:] + ".",
                          problem.en[:1].upper() + problem.en[1:] + ".")
    location = _obj(config.get("location"))
    if location is not None:
        lat, lon = _float(location.get("latitude")), _float(location.get("longitude"))
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            checker.error("invalid_location", "Localização com latitude/longitude inválidas.",
                          "Location with invalid latitude/longitude.")


NODE_TYPE = register(NodeType(
    name="message", title=Text("Mensagem", "Message"), category="messages", icon="message",
    description=Text("Envia um texto, com mídia, localização ou contato opcionais.",
                     "Sends a text, with optional media, location or contact."),
    fields=(
        FieldSpec("text", FieldKind.MULTILINE, Text("Texto", "Text"), default=""),
        FieldSpec("media", FieldKind.MEDIA, Text("Mídia", "Media"), default=None, nullable=True,
                  item_fields=(
                      FieldSpec("path", FieldKind.TEXT,
                                Text("Arquivo (na pasta flow-media)", "File (in flow-media)"),
                                default=""),
                      FieldSpec("kind", FieldKind.CHOICE, Text("Tipo", "Kind"), default="image",
                                choices=tuple((k, _MEDIA_TITLES[k]) for k in MEDIA_KINDS)),
                      FieldSpec("caption", FieldKind.TEMPLATE, Text("Legenda", "Caption"),
                                default=""),
                      FieldSpec("filename", FieldKind.TEXT,
                                Text("Nome do arquivo", "File name"), default=""),
                  )),
        FieldSpec("location", FieldKind.LOCATION, Text("Localização", "Location"), default=None,
                  nullable=True, item_fields=(
                      FieldSpec("latitude", FieldKind.NUMBER, Text("Latitude", "Latitude"),
                                default=0.0, minimum=-90, maximum=90),
                      FieldSpec("longitude", FieldKind.NUMBER, Text("Longitude", "Longitude"),
                                default=0.0, minimum=-180, maximum=180),
                      FieldSpec("name", FieldKind.TEMPLATE, Text("Nome", "Name"), default=""),
                      FieldSpec("address", FieldKind.TEMPLATE, Text("Endereço", "Address"),
                                default=""),
                  )),
        FieldSpec("contact", FieldKind.CONTACT, Text("Contato", "Contact"), default=None,
                  nullable=True, item_fields=(
                      FieldSpec("name", FieldKind.TEMPLATE, Text("Nome", "Name"), default=""),
                      FieldSpec("phone", FieldKind.TEMPLATE, Text("Telefone", "Phone"),
                                default=""),
                  )),
        FieldSpec("typing_ms", FieldKind.INTEGER,
                  Text("Mostrar \"digitando...\" (ms)", "Show \"typing...\" (ms)"), default=0,
                  minimum=0, maximum=60_000),
    ),
    execute=execute, ports=(NEXT,), check=check,
))
