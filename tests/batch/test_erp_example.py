"""examples/erp_duty_summary.py: a summary row per SKU, bad rows reported and skipped, the
summary file written whole or not at all."""

from __future__ import annotations

import csv
import subprocess
import sys

from batch_helpers import ROOT

EXAMPLE = ROOT / "examples" / "erp_duty_summary.py"


def run(tmp_path, catalog, *args):
    return subprocess.run([sys.executable, str(EXAMPLE), str(catalog), "--as-of", "2025-06-01", *args],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)


def test_a_row_refused_at_evaluation_is_skipped_and_the_rest_summarised(tmp_path):
    text = (ROOT / "examples" / "catalog.csv").read_text(encoding="utf-8")
    width = text.splitlines()[0].count(",")
    bad_answer = "BAD-2,Undeclared,8517.62.0090,CN,100" + ",,,,,,,," + "maybe"
    catalog = tmp_path / "cat.csv"
    catalog.write_text(text + bad_answer + "," * (width - bad_answer.count(",")) + "\nBAD-1,Short,85176,CN,10"
                       + "," * (width - 4) + "\n", encoding="utf-8")
    result = run(tmp_path, catalog, "-o", "summary.csv")
    assert result.returncode == 1, result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == 2 and "fact:has_radio_transmitter" in " ".join(skipped) and ":27: hts" in skipped[1]
    with (tmp_path / "summary.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 24 and rows[0]["sku"] == "RT-AX3000" and rows[0]["total_duty"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cat.csv", "summary.csv"]
    assert "24 SKUs, 2 skipped" in result.stderr


def test_a_catalogue_that_cannot_be_read_leaves_no_summary(tmp_path):
    (tmp_path / "cat.csv").write_bytes(b"sku,hts,origin\nA,8517.62.0090,CN\nB,\xff,CN\n")
    result = run(tmp_path, tmp_path / "cat.csv", "-o", "summary.csv")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"error: {tmp_path / 'cat.csv'}:3: not UTF-8 text (save the file as UTF-8 CSV)"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cat.csv"]


def test_a_summary_into_a_missing_folder_is_a_one_line_error(tmp_path):
    result = run(tmp_path, ROOT / "examples" / "catalog.csv", "-o", "nodir/summary.csv")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: nodir/summary.csv: cannot write the summary: No such file or directory"]


def test_the_summary_is_readable_by_other_accounts_as_any_new_file(tmp_path):
    """An ERP import job may run as another user: the file is 0644 under the usual umask."""
    import os
    import stat
    catalog = tmp_path / "cat.csv"
    catalog.write_text("sku,hts,origin,customs_value\nA,8517.62.0090,CN,100\n", encoding="utf-8")
    umask = os.umask(0o022)
    try:
        result = run(tmp_path, catalog, "-o", "summary.csv")
    finally:
        os.umask(umask)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((tmp_path / "summary.csv").stat().st_mode) == 0o644
