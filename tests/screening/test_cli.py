"""`compliance screen` and `compliance lists import` through the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from compliance.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "csl_sample.csv"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A pack holding only the screening lists, so the tests do not depend on other rules."""
    root = tmp_path / "pack"
    (root / "lists").mkdir(parents=True)
    (root / "pack.yaml").write_text("name: screening-test\n", encoding="utf-8")
    for name in ("uflpa-entities.csv", "uflpa-entities-unconfirmed.csv", "fcc-covered-list.csv",
                 "xinjiang-places.csv"):
        shutil.copy(ROOT / "rules" / "lists" / name, root / "lists" / name)
    return root


def run(args: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(args)
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


def test_screen_json_lists_candidates_with_reasons(pack, capsys, monkeypatch):
    monkeypatch.delenv("COMPLIANCE_RULES", raising=False)
    code, out, _ = run(["screen", "XINJIANG ZHONGTAI CHEMICAL CO LTD", "--country", "CN", "--format", "json",
                        "--rules", str(pack), "--no-default-rules"], capsys)
    assert code == 0
    data = json.loads(out)
    top = data["matches"][0]
    assert top["entry"] == "Xinjiang Zhongtai Chemical Co., Ltd." and top["strength"] == "strong"
    assert top["method"] == "normalized" and top["listed"]["fr_citation"] == "88 FR 38080"
    assert data["lists"] == ["fcc-covered-list", "uflpa-entities", "uflpa-entities-unconfirmed"]


def test_screen_one_list_in_chinese_and_address(pack, capsys):
    code, out, _ = run(["screen", "华为", "--list", "fcc-covered-list", "--address", "新疆乌鲁木齐市",
                        "--format", "json", "--rules", str(pack), "--no-default-rules"], capsys)
    data = json.loads(out)
    assert code == 0 and data["matches"][0]["entry"] == "Huawei Technologies Company"
    assert data["places"][0]["place"] == "Urumqi"


def test_screen_table_and_fail_on(pack, capsys):
    code, out, _ = run(["screen", "Hoshine Silicon Industry Co Ltd", "--fail-on", "strong",
                        "--rules", str(pack), "--no-default-rules"], capsys)
    assert code == 1
    assert "Hoshine Silicon" in out and "95 strong" in out and "uflpa-entities" in out
    code, out, _ = run(["screen", "Acme Widgets Inc.", "--fail-on", "weak", "--rules", str(pack),
                        "--no-default-rules"], capsys)
    assert code == 0 and "No candidate" in out


def test_screen_unknown_list_is_a_usage_error(pack, capsys):
    code, _, err = run(["screen", "X", "--list", "nope", "--rules", str(pack), "--no-default-rules"], capsys)
    assert code == 2 and "no entity list named nope" in err


def test_lists_import(tmp_path, capsys):
    code, out, _ = run(["lists", "import", str(FIXTURE), "--out", str(tmp_path), "--edition", "2026-11-23"], capsys)
    assert code == 0 and "wrote 6 entries" in out
    assert (tmp_path / "csl.csv").read_text(encoding="utf-8").startswith("# source: U.S. International Trade")


def test_lists_import_of_a_wrong_file_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    code, _, err = run(["lists", "import", str(bad), "--out", str(tmp_path)], capsys)
    assert code == 2 and "bad.csv:1" in err and "Traceback" not in err
