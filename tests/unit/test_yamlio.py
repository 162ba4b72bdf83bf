"""Reading YAML safely: positions, duplicate keys, aliases, sizes; nothing can run code."""

from __future__ import annotations

import pytest

from compliance.errors import InputError
from compliance.yamlio import MAX_NODES, load_file, load_text


def test_positions_of_nested_values():
    located = load_text("a:\n  b:\n    - x\n    - y: 1\n")
    assert located.position(("a", "b", 1, "y")) == (4, 7)
    assert located.position(("a", "b", 9)) == (2, 3)  # nearest known ancestor


def test_duplicate_keys_are_rejected():
    with pytest.raises(InputError, match="duplicate key 'a'"):
        load_text("a: 1\na: 2\n", "f.yaml")


def test_alias_bomb_is_bounded():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    with pytest.raises(InputError, match=str(MAX_NODES)):
        load_text("\n".join(lines) + "\n")


def test_python_tags_cannot_run_code():
    with pytest.raises(InputError):
        load_text("a: !!python/object/apply:os.system ['true']\n")


def test_file_size_limit(tmp_path, monkeypatch):
    import compliance.yamlio as y
    monkeypatch.setattr(y, "MAX_FILE_BYTES", 10)
    f = tmp_path / "big.yaml"
    f.write_text("a: 12345678901234567890\n")
    with pytest.raises(InputError, match="limit"):
        load_file(f)


def test_json_errors_read_like_json(tmp_path):
    f = tmp_path / "p.json"
    f.write_text('{"hts": "8517.62.0090",\n "origin": }')
    with pytest.raises(InputError) as err:
        load_file(f)
    assert str(err.value).startswith(f"{f}:2:")
    assert "JSON syntax error" in str(err.value)


@pytest.mark.parametrize("text, value", [("code: 0101210010", "0101210010"), ("code: 0", 0), ("code: 10", 10),
                                         ("code: 0x10", 16), ("code: '010'", "010"), ("code: 0.5", 0.5)])
def test_a_number_written_with_a_leading_zero_is_kept_as_written(text, value):
    """YAML 1.1 reads 0101210010 as an octal number: an HTS number became another one."""
    assert load_text(text, "p.yaml").data == {"code": value}


def test_an_integer_too_long_to_read_is_a_located_error():
    with pytest.raises(InputError) as err:
        load_text("hts: '8517.62.0090'\ncustoms_value: " + "9" * 5000 + "\n", "p.yaml")
    assert (err.value.line, err.value.field) == (2, "customs_value")
    assert err.value.message == "a number of 5000 digits (at most 4300 are read)"


@pytest.mark.parametrize("text, reason", [("2025-02-30", "day is out of range for month"),
                                          ("2025-13-01", "month must be in 1..12")])
def test_a_date_not_on_the_calendar_is_named_as_such(tmp_path, text, reason):
    path = tmp_path / "p.yaml"
    path.write_text(f"hts: '8517.62.0090'\norigin: CN\nentry_date: {text}\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_file(path)
    assert str(info.value) == f"{path}:3:13: entry_date: {text} is not a date ({reason})"
