"""A run whose files would overwrite the catalogue or one another stops before writing anything."""

from __future__ import annotations

import subprocess
import sys

import pytest
from batch_helpers import DAY, MINI, ROWS, write_csv

from compliance import batch
from compliance.errors import InputError


@pytest.mark.parametrize("kwargs, field, message", [
    ({"output": "c.csv"}, "--output", "the output would overwrite the catalogue"),
    ({"output": "out.jsonl", "errors": "c.csv"}, "--errors", "the errors file would overwrite the catalogue"),
    ({"output": "out.jsonl", "store": "c.csv"}, "--store", "the result store would overwrite the catalogue"),
    ({"output": "c.csv.jsonl", "errors": "c.csv.jsonl.partial"}, "--errors",
     "the errors file and the output (--output) are the same file"),
    ({"output": "out.jsonl", "errors": "out.jsonl"}, "--errors",
     "the errors file and the output (--output) are the same file"),
    ({"output": "out.jsonl", "store": "out.jsonl"}, "--store",
     "the result store and the output (--output) are the same file"),
    ({"output": "out.jsonl", "errors": "out.jsonl.rules.json", "detail": "compact"}, "--detail",
     "the rules file of the compact output and the errors file (--errors) are the same file"),
    ({"output": "folder"}, "--output", "the output is a folder; give a file name"),
    ({"output": "out.jsonl", "errors": "folder"}, "--errors", "the errors file is a folder; give a file name"),
])
def test_batch_refuses_files_that_would_overwrite_each_other(mini, tmp_path, monkeypatch, kwargs, field, message):
    monkeypatch.chdir(tmp_path)
    cat = write_csv(tmp_path / "c.csv", ROWS)
    (tmp_path / "folder").mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    content = cat.read_bytes()
    output = kwargs.pop("output")
    with pytest.raises(InputError) as err:
        batch.run(mini, "c.csv", output, as_of=DAY, **kwargs)
    assert (err.value.field, err.value.message) == (field, message)
    assert cat.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written, not even a partial file


@pytest.mark.parametrize("kwargs, field", [({"output": "c.csv"}, "--output"),
                                           ({"output": "x.jsonl", "errors": "c.csv"}, "--errors"),
                                           ({"output": "x.jsonl", "errors": "x.jsonl"}, "--errors")])
def test_impact_refuses_files_that_would_overwrite_each_other(mini, tmp_path, monkeypatch, kwargs, field):
    monkeypatch.chdir(tmp_path)
    cat = write_csv(tmp_path / "c.csv", ROWS)
    content = cat.read_bytes()
    with pytest.raises(InputError) as err:
        batch.impact(mini, mini, "c.csv", kwargs.pop("output"), as_of=DAY, **kwargs)
    assert err.value.field == field
    assert cat.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv"]


def test_the_same_file_under_another_name_is_caught(mini, tmp_path):
    cat = write_csv(tmp_path / "c.csv", ROWS)
    (tmp_path / "link.csv").symlink_to(cat)
    with pytest.raises(InputError, match="would overwrite the catalogue"):
        batch.run(mini, cat, tmp_path / "sub" / ".." / "link.csv", as_of=DAY)
    assert cat.read_text(encoding="utf-8").startswith("sku,")


def test_the_cli_says_it_in_one_line_with_exit_code_2(tmp_path):
    cat = write_csv(tmp_path / "c.csv", ROWS)
    content = cat.read_bytes()
    run = subprocess.run([sys.executable, "-m", "compliance", "batch", "c.csv", "-o", "out.jsonl", "--errors", "c.csv",
                          "--rules", str(MINI), "--no-default-rules", "--as-of", DAY.isoformat()],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == ["error: c.csv: --errors: the errors file would overwrite the catalogue"]
    assert cat.read_bytes() == content and not (tmp_path / "out.jsonl").exists()


def test_resume_to_standard_output_is_refused(tmp_path):
    write_csv(tmp_path / "c.csv", ROWS)
    run = subprocess.run([sys.executable, "-m", "compliance", "batch", "c.csv", "-o", "-", "--resume",
                          "--rules", str(MINI), "--no-default-rules", "--as-of", DAY.isoformat()],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.strip().splitlines() == ["error: --resume: --resume needs an output file (-o)"]


def test_csv_to_standard_output_prints_nothing_for_a_catalogue_that_cannot_be_read(tmp_path):
    (tmp_path / "c.csv").write_text("sku,hts,hts\nA,1,2\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "compliance", "batch", "c.csv", "-o", "-", "--format", "csv",
                          "--rules", str(MINI), "--no-default-rules", "--as-of", DAY.isoformat()],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and run.stdout == ""
    (tmp_path / "e.csv").write_text("sku,hts,origin\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "compliance", "batch", "e.csv", "-o", "-", "--format", "csv",
                          "--rules", str(MINI), "--no-default-rules", "--as-of", DAY.isoformat(), "-q"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and run.stdout.startswith("sku,hts,origin,as_of,") and run.stdout.count("\n") == 1


@pytest.mark.parametrize("maps, message", [
    (["Made In"], "--map: expected a mapping file or COLUMN=FIELD, got 'Made In'"),
    (["cols.yaml", "Made In=bogus"], "--map: Made In: unknown target 'bogus'"),
])
def test_map_errors_name_what_was_given(tmp_path, maps, message):
    write_csv(tmp_path / "c.csv", ROWS)
    (tmp_path / "cols.yaml").write_text("Made In: origin\n", encoding="utf-8")
    args = [a for m in maps for a in ("--map", m)]
    run = subprocess.run([sys.executable, "-m", "compliance", "batch", "c.csv", "-o", "o.jsonl", *args,
                          "--rules", str(MINI), "--no-default-rules", "--as-of", DAY.isoformat()],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and run.stderr.startswith(f"error: {message}")
