"""Answers derived from a season, kept on it: a loaded season never changes, and a reload
builds a new one, so what is worked out once from it can be served again for as long as it is
in service (`Season.derived`)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from knowledge.models import Season

_P = ParamSpec("_P")
_R = TypeVar("_R")


def per_season(
    query: Callable[Concatenate[Season, _P], _R],
) -> Callable[Concatenate[Season, _P], _R]:
    """`query`, answered once per season and arguments (`Season.derived`). Only for queries
    whose answer is immutable (frozen dataclasses, tuples): every caller shares it."""

    arguments = call_key(query)

    @functools.wraps(query)
    def answer(season: Season, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        # One key however the arguments are passed, so that `prepare` fills the entries
        # every caller reads.
        key = arguments(args, kwargs)
        if key is None:
            return query(season, *args, **kwargs)  # not a call `query` takes: let it say so
        return season.derived((query, *key), lambda: query(season, *args, **kwargs))

    return answer


CallKey = Callable[[tuple[object, ...], dict[str, object]], "tuple[object, ...] | None"]


def call_key(function: Callable[..., object]) -> CallKey:
    """How `function` was called, after its first parameter (the season, the context), as one
    tuple of values however its arguments were passed (by position, by name, left out for
    their defaults); None for a call it does not take."""
    parameters = list(inspect.signature(function).parameters.values())[1:]
    names = [parameter.name for parameter in parameters]
    known = frozenset(names)
    defaults = [parameter.default for parameter in parameters]

    def key(args: tuple[object, ...], kwargs: dict[str, object]) -> tuple[object, ...] | None:
        if len(args) > len(names) or not known.issuperset(kwargs):
            return None
        given = [*args, *defaults[len(args) :]]
        for index in range(len(args), len(names)):
            given[index] = kwargs.get(names[index], given[index])
        if inspect.Parameter.empty in given:
            return None  # a required argument left out
        return tuple(given)

    return key
