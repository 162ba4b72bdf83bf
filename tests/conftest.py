"""Shared fixtures: one engine over the bundled pack for the whole session."""

from __future__ import annotations

from pathlib import Path

import pytest

import compliance

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def engine() -> compliance.Engine:
    return compliance.Engine.load()


@pytest.fixture
def root() -> Path:
    return ROOT
