"""compliance.toml: the packs and lint settings it configures, and its mistakes as one-line errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from compliance.authoring.lint.runner import configured_max_age
from compliance.errors import InputError
from compliance.settings import configured_packs


def test_configured_packs_are_read_beside_the_file(tmp_path):
    (tmp_path / "compliance.toml").write_text('[rules]\npacks = ["a", "../b"]\n[lint]\nmax_review_age_days = 90\n')
    assert configured_packs(tmp_path) == [tmp_path / "a", tmp_path / "../b"]
    assert configured_max_age(tmp_path) == 90


def test_no_file_configures_nothing(tmp_path):
    assert configured_packs(tmp_path) == [] and configured_max_age(tmp_path) == 365


@pytest.mark.parametrize("name, read", [("rules", configured_packs), ("lint", configured_max_age)])
def test_a_section_that_is_not_a_table_is_a_one_line_error(tmp_path, name, read):
    (tmp_path / "compliance.toml").write_text(f"{name} = 5\n")
    with pytest.raises(InputError, match=rf"{name} must be a table \(\[{name}\]\), got int 5") as err:
        read(tmp_path)
    assert err.value.field == name and err.value.file == str(tmp_path / "compliance.toml")


def test_the_cli_reports_a_section_that_is_not_a_table_in_one_line(tmp_path):
    (tmp_path / "compliance.toml").write_text("rules = 5\n")
    (tmp_path / "p.yaml").write_text("hts: '8517.62.0090'\norigin: CN\n")
    run = subprocess.run([sys.executable, "-m", "compliance", "evaluate", "p.yaml"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [f"error: {tmp_path / 'compliance.toml'}: rules: rules must be a "
                                               "table ([rules]), got int 5"]


def test_a_missing_pack_in_compliance_rules_is_named_with_the_variable(tmp_path, monkeypatch):
    from compliance.packs import resolve_pack_paths
    monkeypatch.setenv("COMPLIANCE_RULES", str(tmp_path / "rules.csv"))
    with pytest.raises(InputError, match="rule pack folder not found") as err:
        resolve_pack_paths()
    assert err.value.field == "COMPLIANCE_RULES" and err.value.file == str(tmp_path / "rules.csv")
