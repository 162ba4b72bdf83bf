"""Fixtures of the screening tests: the bundled list files, read once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.screening import Gazetteer, Screener, load_list_rows

LISTS = Path(__file__).resolve().parents[2] / "rules" / "lists"


@pytest.fixture(scope="session")
def lists_dir() -> Path:
    return LISTS


@pytest.fixture(scope="session")
def uflpa() -> Screener:
    return Screener.from_rows("uflpa-entities", load_list_rows(LISTS / "uflpa-entities.csv")[1])


@pytest.fixture(scope="session")
def fcc() -> Screener:
    return Screener.from_rows("fcc-covered-list", load_list_rows(LISTS / "fcc-covered-list.csv")[1])


@pytest.fixture(scope="session")
def xinjiang() -> Gazetteer:
    return Gazetteer.from_rows("xinjiang-places", load_list_rows(LISTS / "xinjiang-places.csv")[1])
