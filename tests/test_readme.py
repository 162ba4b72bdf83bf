"""The README's quickstart commands work as written."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def quickstart_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^    (compliance .+)$", section, flags=re.M)


def test_readme_opens_with_install_and_test_commands():
    lines = [line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines() if line.startswith("    $ ")]
    assert lines[0].startswith("    $ pip install")
    assert lines[1].startswith("    $ python -m pytest")


@pytest.mark.parametrize("command", quickstart_commands())
def test_quickstart_command(command, tmp_path):
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    env = {**os.environ, "COLUMNS": "160"}
    env.pop("COMPLIANCE_RULES", None)
    args = shlex.split(command)
    result = subprocess.run([sys.executable, "-m", "compliance", *args[1:]], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() or list(tmp_path.glob("results*")), "no output"


def readme_code(language: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.M | re.S)


@pytest.mark.parametrize("sample", [s for s in readme_code("yaml") if re.search(r"^hts:", s, flags=re.M)])
def test_a_profile_shown_in_the_readme_is_a_valid_profile(sample, engine):
    import compliance
    profile = compliance.parse_profile(sample)
    assert engine.evaluate(profile).items
