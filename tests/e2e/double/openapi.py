"""Discord's OpenAPI specification, as vendored in `spec/` (see `tools/vendor_discord_spec.py`):
which operation a request is, whether its body and the double's answer have the spec's shape,
and Discord's nested error body for a request that has not.

The spec is JSON Schema 2020-12 under OpenAPI 3.1; `jsonschema` validates against it, the
`$ref`s resolved inside the vendored document. `format` is an annotation there (2020-12's
default), so a `uri` or `date-time` is not checked: Discord's own checks of those are not
in the spec either.

Where the spec and Discord disagree, Discord wins, and the difference is written down here
(`_errata`) rather than edited into the vendored file, so a refresh keeps it visible.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_FILE = Path(__file__).resolve().parent / "spec" / "discord-openapi.json"
BASE_URI = "urn:discord-api-spec"
INVALID_FORM_BODY = 50035

Path_ = Sequence[str | int]
"""Where in a body: keys and list indices, as Discord's `errors` nests them."""


def _errata(document: dict[str, Any]) -> None:
    """Discord's behaviour where the spec says otherwise (checked against its documentation):

    - A field error's `code` is a string (`BASE_TYPE_REQUIRED`...), as in the documentation's
      examples of `errors` (developers/reference#error-messages); the spec types it integer.
    - A 429's body is `{message, retry_after, global}`, with no `code`
      (developers/topics/rate-limits, every example); the spec requires `code`.
    - A snowflake in a request may be a JSON integer: Discord reads both, and discord.py sends
      attachment ids as integers (`File.to_dict` gives the file's index); the spec allows only
      strings.
    """
    schemas = document["components"]["schemas"]
    schemas["InnerErrors"]["properties"]["_errors"]["items"] = {
        "type": "object",
        "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        "required": ["code", "message"],
    }
    limited = schemas["RatelimitedResponse"]
    limited["allOf"][0] = {
        "type": "object",
        "properties": {"code": {"type": "integer"}, "message": {"type": "string"}},
        "required": ["message"],
    }
    snowflake = schemas["SnowflakeType"]
    schemas["SnowflakeType"] = {"oneOf": [snowflake, {"type": "integer", "minimum": 0}]}


class FormErrors:
    """Discord's `errors` for an Invalid Form Body (50035): each problem under its path, list
    indices as string keys, the problems of one place in its `_errors`."""

    def __init__(self) -> None:
        self.tree: dict[str, Any] = {}

    def __bool__(self) -> bool:
        return bool(self.tree)

    def add(self, path: Path_, code: str, message: str) -> None:
        node = self.tree
        for key in path:
            node = node.setdefault(str(key), {})
        listed = node.setdefault("_errors", [])
        if {"code": code, "message": message} not in listed:  # the spec and a rule may agree
            listed.append({"code": code, "message": message})

    def body(self) -> dict[str, Any]:
        return {"code": INVALID_FORM_BODY, "message": "Invalid Form Body", "errors": self.tree}


@dataclass(frozen=True, slots=True)
class Operation:
    """One vendored operation: how its requests look, and its answers by status."""

    id: str
    method: str
    template: str
    pattern: re.Pattern[str]
    requests: Mapping[str, Draft202012Validator] = field(repr=False)
    """media type -> the request body's schema"""
    responses: Mapping[str, Draft202012Validator | None] = field(repr=False)
    """status ("200", "204", "429", "4XX") -> the answer's schema; None: no body"""

    def request_schema(self, content_type: str) -> Draft202012Validator | None:
        return self.requests.get(content_type) or self.requests.get("application/json")

    def response_schema(self, status: int) -> tuple[bool, Draft202012Validator | None]:
        """(whether the status is one the operation answers, the body's schema)."""
        for key in (str(status), f"{status // 100}XX"):
            if key in self.responses:
                return True, self.responses[key]
        return False, None


class Spec:
    """The vendored document, its operations and validators, built once per process."""

    def __init__(self, document: dict[str, Any]) -> None:
        _errata(document)
        self.document = document
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(BASE_URI, resource)
        self.operations = [
            self._operation(path, method, operation)
            for path, item in document["paths"].items()
            for method, operation in item.items()
            if method != "parameters"
        ]
        self.by_id = {operation.id: operation for operation in self.operations}

    def _validator(self, *pointer: str) -> Draft202012Validator:
        escaped = "/".join(part.replace("~", "~0").replace("/", "~1") for part in pointer)
        return Draft202012Validator({"$ref": f"{BASE_URI}#/{escaped}"}, registry=self._registry)

    def _operation(self, path: str, method: str, operation: dict[str, Any]) -> Operation:
        at = ("paths", path, method)
        requests = {
            media: self._validator(*at, "requestBody", "content", media, "schema")
            for media in operation.get("requestBody", {}).get("content", {})
        }
        responses: dict[str, Draft202012Validator | None] = {}
        for status, declared in operation["responses"].items():
            if "$ref" in declared:
                name = declared["$ref"].rsplit("/", 1)[1]
                response = self.document["components"]["responses"][name]
                at_response: tuple[str, ...] = ("components", "responses", name)
            else:
                response, at_response = declared, (*at, "responses", status)
            content = response.get("content", {})
            responses[status] = (
                self._validator(*at_response, "content", "application/json", "schema")
                if "application/json" in content
                else None
            )
        literal = re.escape(path).replace(r"\{", "{").replace(r"\}", "}")
        pattern = re.compile(re.sub(r"\{[^/}]+\}", "[^/]+", literal) + "$")
        return Operation(
            operation["operationId"], method.upper(), path, pattern, requests, responses
        )

    def operation(self, method: str, path: str) -> Operation | None:
        """The operation a request is; a literal segment (`@original`) before a parameter."""
        matches = [
            operation
            for operation in self.operations
            if operation.method == method and operation.pattern.match(path)
        ]
        return max(matches, key=lambda op: len(re.sub(r"\{[^}]*\}", "", op.template)), default=None)

    def schema(self, name: str) -> dict[str, Any]:
        schema: dict[str, Any] = self.document["components"]["schemas"][name]
        return schema

    @property
    def locales(self) -> frozenset[str]:
        """Discord's locales (`AvailableLocalesEnum`): the keys a localizations map may use."""
        return frozenset(choice["const"] for choice in self.schema("AvailableLocalesEnum")["oneOf"])


@functools.cache
def spec() -> Spec:
    return Spec(json.loads(SPEC_FILE.read_text("utf-8")))


def check_schema(
    validator: Draft202012Validator, instance: Any, errors: FormErrors, at: Path_ = ()
) -> None:
    """Each way `instance` breaks the schema, in `errors` as Discord words it."""
    for error in validator.iter_errors(instance):
        for leaf in _leaves(error):
            _add(errors, leaf, at)


def _off_kind(branch: Sequence[ValidationError]) -> bool:
    """A branch of a union that is about another kind of thing: the value is not its JSON
    type, or its `type` field names another kind (a button is not a select)."""
    for error in branch:
        path = list(error.relative_path)
        if (not path and error.validator == "type") or (
            path == ["type"] and error.validator in ("enum", "const")
        ):
            return True
    return False


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    """The errors to report: for a union (`anyOf`/`oneOf`) that nothing matched, those of the
    branch for the value's kind, not the union's "valid under none"."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        yield error
        return
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    matching = [branch for branch in branches.values() if not _off_kind(branch)]
    if not matching:
        yield error
        return
    for sub in min(matching, key=len):
        yield from _leaves(sub)


_LENGTHS = {
    "maxLength": ("minLength", "maxLength"),
    "minLength": ("minLength", "maxLength"),
    "maxItems": ("minItems", "maxItems"),
    "minItems": ("minItems", "maxItems"),
    "maxProperties": ("minProperties", "maxProperties"),
    "minProperties": ("minProperties", "maxProperties"),
}
_CONVERSIONS = {
    "integer": ("NUMBER_TYPE_COERCE", 'Value "{}" is not int.'),
    "number": ("NUMBER_TYPE_COERCE", 'Value "{}" is not a number.'),
    "string": ("STRING_TYPE_CONVERT", 'Could not interpret "{}" as string.'),
    "boolean": ("BOOLEAN_TYPE_CONVERT", 'Value "{}" is not a boolean.'),
    "object": ("MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType"),
    "array": ("LIST_TYPE_CONVERT", "Only iterables may be used in a ListType"),
}


def _add(errors: FormErrors, error: ValidationError, at: Path_) -> None:
    """One schema error as Discord words it: its codes where Discord's documentation or its
    answers show them (BASE_TYPE_REQUIRED, BASE_TYPE_BAD_LENGTH...), else a descriptive one."""
    path = [*at, *error.absolute_path]
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    value: Any = error.validator_value
    instance: Any = error.instance
    if kind == "required":
        missing = [name for name in value if name not in instance]
        errors.add([*path, missing[0]], "BASE_TYPE_REQUIRED", "This field is required")
    elif kind in _LENGTHS:
        low_key, high_key = _LENGTHS[str(kind)]
        low, high = schema.get(low_key), schema.get(high_key)
        if low and high is not None:
            code, words = "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length."
        elif high is not None:
            code, words = "BASE_TYPE_MAX_LENGTH", f"Must be {high} or fewer in length."
        else:
            code, words = "BASE_TYPE_MIN_LENGTH", f"Must be {low} or more in length."
        errors.add(path, code, words)
    elif kind == "type":
        first = value if isinstance(value, str) else value[0]
        code, words = _CONVERSIONS.get(first, ("BASE_TYPE_INVALID", "{}"))
        errors.add(path, code, words.format(instance))
    elif kind in ("enum", "const"):
        choices = value if kind == "enum" else [value]
        errors.add(path, "BASE_TYPE_CHOICES", f"Value must be one of {tuple(choices)}.")
    elif kind in ("maximum", "minimum"):
        word = "less" if kind == "maximum" else "greater"
        code = "NUMBER_TYPE_MAX" if kind == "maximum" else "NUMBER_TYPE_MIN"
        errors.add(path, code, f"int value should be {word} than or equal to {value}.")
    elif kind == "pattern":
        errors.add(path, "STRING_TYPE_REGEX", "String value did not match validation regex.")
    elif kind in ("anyOf", "oneOf"):
        errors.add(path, "UNION_TYPE_CHOICES", "Value does not match any of the allowed kinds.")
    else:
        errors.add(path, "BASE_TYPE_INVALID", error.message)


def response_problems(operation: Operation, status: int, raw: bytes) -> list[str]:
    """How an answer of the double differs from the spec's for this operation and status."""
    known, validator = operation.response_schema(status)
    if not known:
        return [f"{operation.id} has no {status} answer in the spec"]
    if validator is None:
        return [f"{status} carries a body, where Discord's has none"] if raw else []
    try:
        payload = json.loads(raw)
    except ValueError:
        return [f"{status} is not JSON: {raw[:80]!r}"]
    return list(_answer_problems(operation.id, status, json.dumps(_shape(payload))))


_SNOWFLAKE = re.compile(r"[0-9]{17,20}")
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(\+00:00|Z)?")


def _shape(value: Any) -> Any:
    """An answer with its ids and clock readings made constant: two answers that differ only
    there have the same problems (the spec types both as plain strings; `format` is not
    checked), so each shape of answer is validated once (see `strict.judge` for why)."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    if isinstance(value, str):
        if _SNOWFLAKE.fullmatch(value):
            return "1"
        if _TIMESTAMP.fullmatch(value):
            return "1970-01-01T00:00:00+00:00"
    return value


@functools.lru_cache(maxsize=4096)
def _answer_problems(operation_id: str, status: int, canonical: str) -> tuple[str, ...]:
    _, validator = spec().by_id[operation_id].response_schema(status)
    assert validator is not None
    return tuple(
        f"{'.'.join(map(str, error.absolute_path)) or '(body)'}: {error.message[:200]}"
        for error in validator.iter_errors(json.loads(canonical))
    )
