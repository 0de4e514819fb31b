"""The double as strict as Discord: every request to the API is read once, judged against the
vendored spec (`openapi.py`) and the documented rules the spec lacks (`limits.py`), and
refused with Discord's own error body where Discord would refuse it. The routes never see a
refused request; `Rest` records it as a `Violation`, and the e2e fixtures fail the test
that sent it."""

from __future__ import annotations

import email.parser
import email.policy
import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from aiohttp import web

from tests.e2e.double.limits import (
    CHANNEL_MESSAGE_FLAGS,
    DEFERRAL_FLAGS,
    EDIT_FLAGS,
    FOLLOW_UP_FLAGS,
    INTERACTION_MESSAGE_FLAGS,
    check_choices,
    check_commands,
    check_flags,
    check_message,
    is_empty,
)
from tests.e2e.double.openapi import FormErrors, Operation, check_schema, spec


@dataclass(frozen=True, slots=True)
class Body:
    """A request's body as read: the JSON (a multipart request's `payload_json`), and its
    files by file name, with the names of the parts that carried them (`files[0]`...)."""

    payload: Any = None
    files: dict[str, bytes] = field(default_factory=dict)
    parts: tuple[str, ...] = ()
    multipart: bool = False
    unreadable: bool = False
    """Not JSON: Discord answers 50109."""


BODY = web.RequestKey("body", Body)
"""Where the read body is kept on the aiohttp request, for the route to use."""


async def read_body(request: web.Request) -> Body:
    """The request's body, read once and kept on the request (`BODY`)."""
    if BODY in request:
        return request[BODY]
    raw = await request.read()
    body = _parse(request.headers.get("Content-Type", ""), raw)
    request[BODY] = body
    return body


def _parse(content_type: str, raw: bytes) -> Body:
    if not raw:
        return Body()
    if not content_type.startswith("multipart/"):
        try:
            return Body(json.loads(raw))
        except ValueError:
            return Body(unreadable=True)
    # The standard library's MIME parser reads the multipart body from the bytes already read
    # (aiohttp's reader would need the stream, which the middleware has consumed).
    header = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(header + raw)
    payload: Any = None
    files: dict[str, bytes] = {}
    parts: list[str] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        content = part.get_payload(decode=True)
        content = content if isinstance(content, bytes) else b""
        if name == "payload_json":
            try:
                payload = json.loads(content)
            except ValueError:
                return Body(multipart=True, unreadable=True)
        else:
            filename = part.get_filename()
            # aiohttp quotes a file name in the header; its own reader gives it back unquoted.
            files[unquote(filename) if filename else str(name or "file")] = content
            parts.append(str(name))
    return Body(payload, files, tuple(parts), multipart=True)


@dataclass(frozen=True, slots=True)
class Refusal:
    status: int
    body: dict[str, Any]


INVALID_JSON = Refusal(400, {"code": 50109, "message": "The request body contains invalid JSON."})
EMPTY_MESSAGE = Refusal(400, {"code": 50006, "message": "Cannot send an empty message"})


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _callback(body: Body, errors: FormErrors) -> bool:
    """An interaction response: a message (4), a deferral (5), a click's edit (7) or an
    autocomplete's choices (8)."""
    payload = _mapping(body.payload)
    data = _mapping(payload.get("data"))
    kind = payload.get("type")
    if kind in (4, 7):
        check_message(
            data,
            errors,
            ("data",),
            allowed_flags=INTERACTION_MESSAGE_FLAGS,
            file_parts=body.parts,
            editing=kind == 7,
        )
        return kind == 4 and is_empty(data, body.parts)
    if kind == 5:
        check_flags(data.get("flags"), DEFERRAL_FLAGS, errors, ("data",))
    if kind == 8:
        choices = data.get("choices")
        check_choices(choices if isinstance(choices, list) else [], errors, ("data", "choices"))
    return False


def _new_message(allowed_flags: int) -> Callable[[Body, FormErrors], bool]:
    def check(body: Body, errors: FormErrors) -> bool:
        message = _mapping(body.payload)
        check_message(message, errors, allowed_flags=allowed_flags, file_parts=body.parts)
        return is_empty(message, body.parts)

    return check


def _edit(body: Body, errors: FormErrors) -> bool:
    message = _mapping(body.payload)
    check_message(message, errors, allowed_flags=EDIT_FLAGS, file_parts=body.parts, editing=True)
    return False


def _commands(body: Body, errors: FormErrors) -> bool:
    if isinstance(body.payload, list):
        check_commands(body.payload, spec().locales, errors)
    return False


RULES: dict[str, Callable[[Body, FormErrors], bool]] = {
    "create_interaction_response": _callback,
    "execute_webhook": _new_message(FOLLOW_UP_FLAGS),
    "create_message": _new_message(CHANNEL_MESSAGE_FLAGS),
    "update_original_webhook_message": _edit,
    "update_webhook_message": _edit,
    "bulk_set_application_commands": _commands,
    "bulk_set_guild_application_commands": _commands,
}
"""The documented rules per operation; each says whether the message would be empty."""


def judge(operation: Operation, body: Body) -> Refusal | None:
    """Discord's answer to a request it refuses, or None if it would accept it.

    The same request (operation, JSON, file parts) is judged once: a burst sends the same few
    answers again and again, and validating one costs the double's event loop milliseconds,
    which would count against the bot in benchmarks/burst.py and the burst tests."""
    if body.unreadable:
        return INVALID_JSON
    canonical = json.dumps(body.payload, sort_keys=True)
    return _judged(operation.id, canonical, body.parts, body.multipart)


@functools.lru_cache(maxsize=4096)
def _judged(
    operation_id: str, canonical: str, parts: tuple[str, ...], multipart: bool
) -> Refusal | None:
    operation = spec().by_id[operation_id]
    body = Body(json.loads(canonical), parts=parts, multipart=multipart)
    errors = FormErrors()
    validator = operation.request_schema(
        "multipart/form-data" if body.multipart else "application/json"
    )
    if validator is not None:
        if body.payload is None:
            errors.add([], "BASE_TYPE_REQUIRED", "This field is required")
        else:
            check_schema(validator, body.payload, errors)
    rule = RULES.get(operation.id)
    empty = rule(body, errors) if rule is not None and body.payload is not None else False
    if errors:
        return Refusal(400, errors.body())
    return EMPTY_MESSAGE if empty else None
