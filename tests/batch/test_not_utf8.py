"""A catalogue that is not UTF-8 stops the run with an error naming the line of its first bad
byte, in one process and with workers alike."""

from __future__ import annotations

from batch_helpers import DAY, ROWS, write_csv
import pytest

from compliance import batch
from compliance.errors import InputError


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_a_byte_that_is_not_utf8_is_named_by_its_line(mini, tmp_path, workers, ending):
    cat = write_csv(tmp_path / "cat.csv", ROWS * 200)  # header + 1,000 rows
    lines = cat.read_bytes().decode("utf-8").splitlines()
    lines[700] = "\xe9" + lines[700]  # line 701 of the file
    cat.write_bytes(ending.join(lines).encode("latin-1") + ending.encode())
    with pytest.raises(InputError) as caught:
        batch.run(mini, cat, tmp_path / "out.jsonl", as_of=DAY, workers=workers)
    assert caught.value.line == 701 and "not UTF-8" in str(caught.value)
    assert not (tmp_path / "out.jsonl").exists()
