"""Packs configured outside the command line: a `compliance.toml` in the working folder.

    [rules]
    packs = ["my-pack", "../shared-pack"]
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError

CONFIG_NAME = "compliance.toml"


def configured_packs(folder: Path | None = None) -> list[Path]:
    path = (folder or Path.cwd()) / CONFIG_NAME
    if not path.is_file():
        return []
    import tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"TOML error: {exc}", file=str(path)) from None
    packs = data.get("rules", {}).get("packs", [])
    if not isinstance(packs, list) or not all(isinstance(p, str) for p in packs):
        raise InputError("rules.packs must be a list of folder paths", file=str(path), field="rules.packs")
    return [(path.parent / p) for p in packs]
