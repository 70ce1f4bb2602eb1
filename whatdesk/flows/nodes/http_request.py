"""`http_request`: call a web service; save parts of its JSON answer; `ok` on 2xx else `error`."""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from typing import Any

import httpx

from ..document import Node
from ..registry import FieldKind, FieldSpec, NodeType, PortSpec, Text, register
from ..runtime import Goto, Outcome, Step
from ..validation import Checker
from ._common import number

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
MAX_RESPONSE_BYTES = 1024 * 1024
MAX_REDIRECTS = 5
ERROR_VARIABLE = "http_error"
# A crash between the call and the commit of its step replays the step, so the call can be
# made twice (at-least-once); both carry the same key, so the receiver can drop the second.
IDEMPOTENCY_HEADER = "Idempotency-Key"


def extract(data: Any, path: str) -> Any:
    """`data.items.0.name` -> the value, or None when any step is missing."""
    current = data
    for part in [p for p in path.strip().split(".") if p != ""]:
        if isinstance(current, dict):
            if part not in current:
                return None
            current = current[part]
        elif isinstance(current, list):
            try:
                index = int(part)
            except ValueError:
                return None
            if not -len(current) <= index < len(current):
                return None
            current = current[index]
        else:
            return None
    return current


def as_variable(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def idempotency_key(step: Step) -> str:
    """Same value when a crash makes this step run again, new for every other call."""
    ctx = step.ctx
    ctx.http_calls += 1
    if not ctx.step_key:
        return uuid.uuid4().hex
    identity = "\x1f".join((step.state.flow_id, ctx.ticket_id, ctx.step_key, step.node.id,
                             str(ctx.http_calls)))
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:40]


class _TooLarge(Exception):
    pass


async def _exchange(client: httpx.AsyncClient, method: str, url: str,
                    headers: dict[str, str], body: str | None, timeout: float
                    ) -> tuple[int, bytes]:
    """One call, following at most MAX_REDIRECTS redirects; the body capped in size."""
    request = client.build_request(method, url, headers=headers, content=body, timeout=timeout)
    for _ in range(MAX_REDIRECTS + 1):
        response = await client.send(request, stream=True, follow_redirects=False)
        try:
            if response.next_request is None:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > MAX_RESPONSE_BYTES:
                    raise _TooLarge
                return response.status_code, await _read_capped(response)
            request = response.next_request
        finally:
            await response.aclose()
        if request.url.scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(f"redirect to {request.url.scheme}:")
    raise httpx.TooManyRedirects(f"more than {MAX_REDIRECTS} redirects")


async def _read_capped(response: httpx.Response) -> bytes:
    chunks, total = [], 0
    async for chunk in response.aiter_bytes():
        total += len(chunk)
        if total > MAX_RESPONSE_BYTES:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


async def execute(step: Step) -> Outcome:
    config = step.config
    method = str(config.get("method") or "GET").upper()
    url = step.render(config.get("url"), escape="url").strip()
    headers = {str(k): step.render(v) for k, v in (config.get("headers") or {}).items()} \
        if isinstance(config.get("headers"), dict) else {}
    body_template = config.get("body")
    body: str | None = None
    if isinstance(body_template, str) and body_template.strip():
        looks_json = body_template.lstrip()[:1] in ("{", "[")
        body = step.render(body_template, escape="json" if looks_json else None)
        if looks_json and not any(k.lower() == "content-type" for k in headers):
            headers["Content-Type"] = "application/json"
    headers = {k: v for k, v in headers.items() if k.lower() != IDEMPOTENCY_HEADER.lower()}
    headers[IDEMPOTENCY_HEADER] = idempotency_key(step)
    timeout = min(max(number(config, "timeout_s", 10), 0.1), 120)
    status: int | None = None
    error: str | None = None
    payload: bytes = b""
    step.state.variables.pop(ERROR_VARIABLE, None)
    if method not in METHODS:
        error = f"método HTTP inválido: {method}"
    elif not url.lower().startswith(("http://", "https://")):
        error = f"URL inválida: {url[:80]}"
    else:
        client = step.services.http_client
        own = client is None
        if own:
            client = httpx.AsyncClient()
        try:
            async with asyncio.timeout(timeout):  # the whole exchange, redirects included
                status, payload = await _exchange(client, method, url, headers, body, timeout)
        except TimeoutError:
            error = f"tempo esgotado ({timeout:g} s)"
        except httpx.TimeoutException:
            error = f"tempo esgotado ({timeout:g} s)"
        except _TooLarge:
            error = f"resposta maior que {MAX_RESPONSE_BYTES // 1024} KB"
        except httpx.TooManyRedirects:
            error = f"redirecionamentos demais (máximo {MAX_REDIRECTS})"
        except (httpx.HTTPError, ValueError, OSError) as err:
            error = f"falha de rede: {type(err).__name__}: {str(err)[:120]}".rstrip(": ")
        finally:
            if own:
                await client.aclose()
    await step.ctx.sink.http(method, url, status)
    save_status_as = config.get("save_status_as")
    if isinstance(save_status_as, str) and save_status_as.strip():
        step.set_var(save_status_as.strip(), "" if status is None else str(status))
    if error is None and status is not None and not 200 <= status < 300:
        error = f"HTTP {status}"
    if payload:
        try:
            data = json.loads(payload.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            data = None
        for row in config.get("save") if isinstance(config.get("save"), list) else []:
            if isinstance(row, dict) and isinstance(row.get("name"), str) and row["name"].strip() \
                    and isinstance(row.get("path"), str):
                step.set_var(row["name"].strip(), as_variable(extract(data, row["path"])))
    if error is not None:
        step.set_var(ERROR_VARIABLE, error)
        return Goto("error")
    return Goto("ok")


def check(node: Node, config: dict[str, Any], checker: Checker) -> None:
    url = config.get("url")
    if isinstance(url, str) and url.strip() and not url.strip().startswith("{{") \
            and not url.strip().lower().startswith(("http://", "https://")):
        checker.error("invalid_url", "A URL deve começar com http:// ou https://.",
                      "The URL must start with http:// or https://.")


NODE_TYPE = register(NodeType(
    name="http_request", title=Text("Requisição HTTP", "HTTP request"), category="integrations",
    icon="http",
    description=Text("Chama um serviço web e guarda partes da resposta.",
                     "Calls a web service and stores parts of the answer."),
    fields=(
        FieldSpec("method", FieldKind.CHOICE, Text("Método", "Method"), default="GET",
                  choices=tuple((m, Text(m, m)) for m in METHODS)),
        FieldSpec("url", FieldKind.TEMPLATE, Text("URL", "URL"), default="", required=True,
                  required_code="http_no_url"),
        FieldSpec("headers", FieldKind.KEY_VALUE, Text("Cabeçalhos", "Headers"), default={}),
        FieldSpec("body", FieldKind.MULTILINE, Text("Corpo", "Body"), default=None, nullable=True,
                  visible_when=("method", ("POST", "PUT", "PATCH", "DELETE"))),
        FieldSpec("timeout_s", FieldKind.NUMBER, Text("Tempo limite (s)", "Timeout (s)"),
                  default=10, minimum=1, maximum=120),
        FieldSpec("save", FieldKind.OBJECT_LIST, Text("Guardar da resposta", "Save from response"),
                  default=[], item_fields=(
                      FieldSpec("name", FieldKind.VARIABLE, Text("Variável", "Variable"),
                                default="", required=True),
                      FieldSpec("path", FieldKind.TEXT,
                                Text("Caminho (ex.: data.items.0.name)",
                                     "Path (e.g. data.items.0.name)"), default=""),
                  )),
        FieldSpec("save_status_as", FieldKind.VARIABLE,
                  Text("Guardar status HTTP em", "Save HTTP status as"), default=""),
    ),
    ports=(PortSpec("ok", Text("Sucesso", "OK")), PortSpec("error", Text("Erro", "Error"))),
    execute=execute, check=check,
))
