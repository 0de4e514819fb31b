"""Fixtures for handler tests: a context over the packaged season, in English or Spanish."""

from __future__ import annotations

import pytest

from commands.context import Context
from commands.i18n import translator
from knowledge.store import KnowledgeStore, packaged_seasons


@pytest.fixture(scope="session")
def store() -> KnowledgeStore:
    return KnowledgeStore(packaged_seasons())


@pytest.fixture
def ctx(store: KnowledgeStore) -> Context:
    return Context(store.current, translator("en"))


@pytest.fixture
def ctx_es(store: KnowledgeStore) -> Context:
    return Context(store.current, translator("es-419"))
