"""Every test case of the bundled pack (rules/tests/) as one pytest test, id = file:name."""

from __future__ import annotations

import os

import pytest

import compliance
from compliance.authoring.ruletest import cases_of_file, run_case
from compliance.errors import InputError
from compliance.packs import default_pack_path

PACK = default_pack_path()


def _cases():
    params = []
    for path in sorted((PACK / "tests").rglob("*.y*ml")):
        rel = path.relative_to(PACK).as_posix()
        try:
            cases = list(cases_of_file(path))
        except InputError as exc:
            params.append(pytest.param(None, str(exc), id=f"{rel}:(unreadable)"))
            continue
        for file, located, index, case in cases:
            name = case.get("name", f"case {index}") if isinstance(case, dict) else f"case {index}"
            params.append(pytest.param((file, located, index, case), None, id=f"{rel}:{name}"))
    return params


@pytest.fixture(scope="module")
def bundled() -> compliance.Engine:
    """The bundled pack alone: a company pack in COMPLIANCE_RULES must not change these cases."""
    saved = os.environ.pop("COMPLIANCE_RULES", None)
    try:
        return compliance.Engine.load()
    finally:
        if saved is not None:
            os.environ["COMPLIANCE_RULES"] = saved


@pytest.mark.parametrize("case, unreadable", _cases())
def test_bundled_case(bundled, case, unreadable):
    if unreadable:
        pytest.fail(unreadable, pytrace=False)
    result = run_case(bundled, *case)
    if not result.passed:
        pytest.fail(result.report(), pytrace=False)
