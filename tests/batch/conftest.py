"""Fixtures of the catalogue tests: the small fixture pack, and catalogues written on the fly."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_helpers import MINI, ROWS, write_csv

import compliance


@pytest.fixture(scope="session")
def mini() -> compliance.Engine:
    return compliance.Engine.load([MINI], include_default=False)


@pytest.fixture
def catalog(tmp_path) -> Path:
    return write_csv(tmp_path / "catalog.csv", ROWS)
