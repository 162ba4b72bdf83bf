"""The lint fixture pack holds exactly one instance of every lint code; its whole result is a snapshot."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from compliance.authoring.lint import CODES, lint_packs
from compliance.authoring.lint.catalogue import parse, to_markdown

from conftest import LINT_PACK, ROOT, TODAY

SNAPSHOT = Path(__file__).parent / "snapshots" / "lint-pack.json"


def _result() -> list[dict]:
    problems = lint_packs([LINT_PACK], include_default=False, today=dt.date.fromisoformat(TODAY),
                          max_review_age_days=365)
    out = []
    for p in problems:
        d = p.to_dict()
        d["file"] = Path(d["file"]).resolve().relative_to(LINT_PACK).as_posix()
        d["message"] = d["message"].replace(str(LINT_PACK) + os.sep, "").replace(
            str(LINT_PACK.relative_to(ROOT)) + "/", "")
        out.append(d)
    return out


def test_whole_result_matches_snapshot():
    result = _result()
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert result == expected


def test_every_code_fires_exactly_once():
    codes = [p["code"] for p in _result()]
    assert sorted(codes) == sorted(CODES), f"codes found: {sorted(codes)}"


def test_every_problem_has_a_place():
    for p in _result():
        assert p["line"] and p["column"], p


def test_cli_text_and_json_agree_and_exit_1():
    env = {k: v for k, v in os.environ.items() if k != "COMPLIANCE_RULES"}
    base = [sys.executable, "-m", "compliance", "rules", "lint", str(LINT_PACK.relative_to(ROOT)),
            "--no-default-rules", "--today", TODAY]
    text = subprocess.run(base, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    js = subprocess.run(base + ["--format", "json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert text.returncode == 1 and js.returncode == 1
    lines = text.stdout.splitlines()
    data = json.loads(js.stdout)
    assert len(lines) == len(data) == len(CODES)
    for line, p in zip(lines, data):
        assert line == f"{p['file']}:{p['line']}:{p['column']}: {p['code']} {p['message']}"
    assert "error(s)" in text.stderr


def test_every_code_documents_a_problem_and_a_fix():
    for code in CODES.values():
        doc = parse(code)
        assert doc.summary, code.code
        assert doc.problem.code or doc.problem.text, f"{code.code} has no Problem example"
        assert doc.fix.code or doc.fix.text, f"{code.code} has no Fix example"


def test_lint_codes_page_is_current():
    page = (ROOT / "docs" / "lint-codes.md").read_text(encoding="utf-8")
    assert page == to_markdown(), "run `compliance rules lint --list-codes > docs/lint-codes.md`"
