"""Packs configured outside the command line: a `compliance.toml` in the working folder.

    [rules]
    packs = ["my-pack", "../shared-pack"]
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError

CONFIG_NAME = "compliance.toml"


def config_section(name: str, folder: Path | None = None) -> tuple[Path, dict] | None:
    """The ``[name]`` table of the `compliance.toml` in ``folder`` (the working folder), with
    the file's path; None when there is no file. A file that is no TOML, or a ``name`` that is
    not a table, is a one-line error naming the file."""
    path = (folder or Path.cwd()) / CONFIG_NAME
    if not path.is_file():
        return None
    import tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"TOML error: {exc}", file=str(path)) from None
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise InputError(f"{name} must be a table ([{name}]), got {type(table).__name__} {table!r}",
                         file=str(path), field=name)
    return path, table


def configured_packs(folder: Path | None = None) -> list[Path]:
    found = config_section("rules", folder)
    if found is None:
        return []
    path, table = found
    packs = table.get("packs", [])
    if not isinstance(packs, list) or not all(isinstance(p, str) for p in packs):
        raise InputError("rules.packs must be a list of folder paths", file=str(path), field="rules.packs")
    return [(path.parent / p) for p in packs]
