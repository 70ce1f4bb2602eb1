"""`question`: ask, wait, validate the answer and store it normalised in a variable."""

from __future__ import annotations

from typing import Any

from ..document import Node
from ..registry import FieldKind, FieldSpec, NodeType, Text, register
from ..runtime import Goto, MessageSpec, Outcome, Step
from ..validation import Checker
from ..validators import VALIDATORS, Answer, validate_answer
from ._common import (
    INVALID, MAX_RETRIES, NEXT, TIMEOUT, TIMEOUT_S, retry_or_give_up, wait_for_input,
)

KINDS: dict[str, tuple[Text, Text]] = {  # validate -> (title, default "try again" text)
    "text": (Text("Texto", "Text"), Text("Por favor, responda com um texto.",
                                         "Please reply with some text.")),
    "number": (Text("Número", "Number"), Text("Por favor, informe um número válido.",
                                              "Please enter a valid number.")),
    "integer": (Text("Número inteiro", "Whole number"),
                Text("Por favor, informe um número inteiro válido.",
                     "Please enter a valid whole number.")),
    "email": (Text("E-mail", "E-mail"), Text("Por favor, informe um e-mail válido.",
                                             "Please enter a valid e-mail address.")),
    "phone": (Text("Telefone", "Phone"), Text("Por favor, informe um telefone válido com DDD.",
                                              "Please enter a valid phone number.")),
    "date": (Text("Data", "Date"), Text("Por favor, informe uma data válida (DD/MM/AAAA).",
                                        "Please enter a valid date (DD/MM/YYYY).")),
    "cpf": (Text("CPF", "CPF"), Text("CPF inválido. Confira os números e envie novamente.",
                                     "Invalid CPF. Check the digits and send it again.")),
    "cnpj": (Text("CNPJ", "CNPJ"), Text("CNPJ inválido. Confira os números e envie novamente.",
                                        "Invalid CNPJ. Check the digits and send it again.")),
    "regex": (Text("Formato personalizado", "Custom pattern"),
              Text("Resposta em formato inválido. Tente novamente.",
                   "The reply is not in the expected format. Try again.")),
    "image": (Text("Imagem", "Image"), Text("Por favor, envie uma imagem.",
                                            "Please send an image.")),
    "location": (Text("Localização", "Location"),
                 Text("Por favor, envie sua localização pelo WhatsApp.",
                      "Please send your location through WhatsApp.")),
}
assert set(KINDS) == set(VALIDATORS), "every validator needs a title and a retry text"


def _ask(step: Step) -> MessageSpec:
    return MessageSpec(text=step.render(step.config.get("text")))


async def execute(step: Step) -> Outcome:
    ask = _ask(step)
    if ask.text.strip():
        await step.ctx.sink.send(ask)
    return wait_for_input(step)


async def on_input(step: Step, answer: Answer) -> Outcome:
    chosen = step.config.get("validate")
    kind = chosen if isinstance(chosen, str) and chosen in KINDS else "text"
    value = validate_answer(kind, answer, step.config)
    if value is not None:
        save_as = step.config.get("save_as")
        if isinstance(save_as, str):
            step.set_var(save_as.strip(), value)
        return Goto("next")
    invalid_text = step.config.get("invalid_text")
    text = step.render(invalid_text) if isinstance(invalid_text, str) and invalid_text.strip() \
        else step.text(KINDS[kind][1].pt, KINDS[kind][1].en)
    return await retry_or_give_up(step, text, _ask(step))


async def on_timer(step: Step) -> Outcome:
    return Goto("timeout")


def check(node: Node, config: dict[str, Any], checker: Checker) -> None:
    if config.get("validate") == "regex":
        pattern = config.get("pattern")
        if not isinstance(pattern, str) or not pattern:
            checker.error("invalid_regex", "Validação por expressão regular sem padrão.",
                          "Regex validation with no pattern.")
    low, high = config.get("min"), config.get("max")
    if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
        checker.error("invalid_range", "O mínimo é maior que o máximo.",
                      "The minimum is greater than the maximum.")


NODE_TYPE = register(NodeType(
    name="question", title=Text("Pergunta", "Question"), category="input", icon="question",
    description=Text("Pergunta, valida a resposta e guarda numa variável.",
                     "Asks, validates the answer and stores it in a variable."),
    fields=(
        FieldSpec("text", FieldKind.MULTILINE, Text("Pergunta", "Question"), default=""),
        FieldSpec("save_as", FieldKind.VARIABLE, Text("Salvar resposta em", "Save answer as"),
                  default="", required=True, required_code="question_no_save_as"),
        FieldSpec("validate", FieldKind.CHOICE, Text("Validar como", "Validate as"),
                  default="text", choices=tuple((k, v[0]) for k, v in KINDS.items())),
        FieldSpec("pattern", FieldKind.REGEX, Text("Expressão regular", "Regular expression"),
                  default="", visible_when=("validate", ("regex",))),
        FieldSpec("min", FieldKind.NUMBER, Text("Mínimo", "Minimum"), default=None,
                  nullable=True, visible_when=("validate", ("number", "integer"))),
        FieldSpec("max", FieldKind.NUMBER, Text("Máximo", "Maximum"), default=None,
                  nullable=True, visible_when=("validate", ("number", "integer"))),
        FieldSpec("invalid_text", FieldKind.MULTILINE,
                  Text("Resposta inválida", "Invalid reply text"), default="",
                  help=Text("Vazio: uma mensagem padrão para o tipo escolhido.",
                            "Empty: a default message for the chosen kind.")),
        MAX_RETRIES,
        TIMEOUT_S,
    ),
    ports=(NEXT, INVALID, TIMEOUT), waits=True,
    execute=execute, on_input=on_input, on_timer=on_timer, check=check,
))
