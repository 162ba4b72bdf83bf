"""What the command line says about bad rows when the output goes to standard output."""

from __future__ import annotations

import subprocess
import sys

from batch_helpers import DAY, MINI


def _catalogue(path, bad: int):
    rows = ["sku,hts,origin,customs_value"] + [f"B{i},85176,CN,10" for i in range(bad)] + ["G1,8517.62.0090,CN,100"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _run(tmp_path, *extra):
    cat = _catalogue(tmp_path / "c.csv", 15)
    return subprocess.run([sys.executable, "-m", "compliance", "batch", str(cat), "-o", "-", "--rules", str(MINI),
                           "--no-default-rules", "--as-of", DAY.isoformat(), "-q", *extra],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)


def test_errors_not_shown_are_counted_and_the_way_to_keep_them_is_named(tmp_path):
    run = _run(tmp_path)
    assert run.returncode == 2, run.stderr  # some rows were bad
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 11 and all(line.startswith("error: ") for line in lines[:10])
    assert lines[-1] == "15 row(s) with errors; 5 more not shown: give --errors FILE to keep every one"
    assert len(run.stdout.splitlines()) == 1


def test_an_errors_file_keeps_every_bad_row(tmp_path):
    run = _run(tmp_path, "--errors", "bad.jsonl")
    assert run.returncode == 2, run.stderr  # some rows were bad
    assert run.stderr.strip().splitlines()[-1] == "15 row(s) with errors (all in bad.jsonl)"
    assert len((tmp_path / "bad.jsonl").read_text(encoding="utf-8").splitlines()) == 15
