"""Safe YAML and JSON reading that remembers where every value came from.

The C safe loader composes a node tree; we build plain Python objects from it ourselves
so that each mapping key and list index gets a (line, column), duplicate keys are
rejected, and anchors cannot blow up memory.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader  # type: ignore[misc]

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_NODES = 2_000_000

Path_ = tuple[Any, ...]
Positions = dict[Path_, tuple[int, int]]


class Located:
    """Parsed data plus the position of every value in its file."""

    __slots__ = ("data", "positions", "file")

    def __init__(self, data: Any, positions: Positions, file: str) -> None:
        self.data = data
        self.positions = positions
        self.file = file

    def __getstate__(self) -> tuple:
        # The parsed data is validated into models at load; a cached engine needs only the places.
        return (None, self.positions, self.file)

    def __setstate__(self, state: tuple) -> None:
        self.data, self.positions, self.file = state

    def position(self, path: Path_) -> tuple[int | None, int | None]:
        """Line and column of the deepest known ancestor of ``path`` (1-based)."""
        path = tuple(path)
        while True:
            if path in self.positions:
                return self.positions[path]
            if not path:
                return None, None
            path = path[:-1]

    def error(self, path: Path_, message: str, code: str = "E000",
              cls: type[InputError] = InputError) -> InputError:
        line, col = self.position(path)
        return cls(message, file=self.file, line=line, column=col,
                   field=dotted(path) or None, code=code)


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def read_text(path: Path | str) -> str:
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError("file not found", file=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", file=str(path)) from None
    if p.is_dir():
        raise InputError("is a folder, not a file", file=str(path))
    if size > MAX_FILE_BYTES:
        raise InputError(f"file is {size} bytes; the limit is {MAX_FILE_BYTES}", file=str(path))
    try:
        return p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", file=str(path)) from None


def load_file(path: Path | str) -> Located:
    """Read a YAML or JSON file (JSON is YAML) into a :class:`Located`."""
    text = read_text(path)
    return load_text(text, str(path))


def load_text(text: str, file: str = "<input>") -> Located:
    """Parse YAML (or, for a `.json` file, JSON) text into a :class:`Located`."""
    if file.endswith(".json"):
        return _load_json(text, file)
    return _load_yaml(text, file)


def _load_yaml(text: str, file: str) -> Located:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        started = ""
        if exc.context and exc.context_mark and exc.problem_mark and \
                exc.context_mark.line != exc.problem_mark.line:
            started = f" ({exc.context} at line {exc.context_mark.line + 1})"
        raise InputError(f"YAML syntax error: {exc.problem or exc.context}{started}", file=file,
                         line=line, column=col) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", file=file) from None
    positions: Positions = {}
    if node is None:
        return Located(None, positions, file)
    builder = _Builder(loader, positions, file)
    try:
        data = builder.build(node, ())
    finally:
        loader.dispose()
    return Located(data, positions, file)


def _load_json(text: str, file: str) -> Located:
    # JSON is a subset of YAML; we still parse it as YAML to get positions, but only
    # after the strict JSON parser has accepted it so JSON errors read like JSON errors.
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"JSON syntax error: {exc.msg}", file=file, line=exc.lineno,
                         column=exc.colno) from None
    return _load_yaml(text, file)


_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:omap"})
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_INT_TAG = "tag:yaml.org,2002:int"
_LEADING_ZERO = re.compile(r"0[0-9]+\Z")


class _Builder:
    def __init__(self, loader: Any, positions: Positions, file: str) -> None:
        self.loader = loader
        self.positions = positions
        self.file = file
        self.count = 0

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise InputError(f"document has more than {MAX_NODES} values (aliases expanding?)",
                             file=self.file, line=node.start_mark.line + 1)
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
            raise InputError(f"YAML tag {node.tag} is not allowed", file=self.file,
                             line=node.start_mark.line + 1, column=node.start_mark.column + 1,
                             field=dotted(path) or None)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise InputError("YAML merge keys (<<) are not supported", file=self.file,
                                     line=key_node.start_mark.line + 1)
                key = self.loader.construct_object(key_node, deep=True)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    raise InputError("mapping keys must be plain values", file=self.file,
                                     line=key_node.start_mark.line + 1)
                key = str(key) if not isinstance(key, str) else key
                if key in out:
                    raise InputError(f"duplicate key '{key}'", file=self.file,
                                     line=key_node.start_mark.line + 1,
                                     column=key_node.start_mark.column + 1,
                                     field=dotted(path + (key,)))
                self.positions[path + (key,)] = (key_node.start_mark.line + 1,
                                                 key_node.start_mark.column + 1)
                out[key] = self.build(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag == _INT_TAG and not node.style and _LEADING_ZERO.match(node.value):
            # YAML 1.1 reads 0101210010 as an octal number: a code written with its leading
            # zero (an HTS number, a postcode) is kept as written
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise InputError(f"YAML error: {getattr(exc, 'problem', None) or exc}", file=self.file,
                             line=node.start_mark.line + 1, column=node.start_mark.column + 1,
                             field=dotted(path) or None) from None
        except ValueError as exc:
            if node.tag == _TIMESTAMP_TAG:  # 2025-02-30: the form of a date, not a day of the calendar
                message = f"{node.value} is not a date ({exc})"
            else:  # an integer of more digits than Python converts
                message = f"a number of {len(node.value)} digits (at most {sys.get_int_max_str_digits()} are read)"
            raise InputError(message, file=self.file, line=node.start_mark.line + 1,
                             column=node.start_mark.column + 1, field=dotted(path) or None) from None
