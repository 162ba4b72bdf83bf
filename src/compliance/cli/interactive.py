"""Asking a person the open questions at the terminal, then evaluating again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import InputError


def ask_and_reevaluate(engine: Any, profile: Any, checklist: Any, day: Any, explain: bool, lang: str,
                       write_to: str | None) -> Any:
    answers: dict[str, Any] = {}
    asked: set[str] = set()
    while True:
        open_qs = [q for q in checklist.questions if q.fact not in asked and q.definition is not None]
        if not open_qs:
            break
        for q in open_qs:
            asked.add(q.fact)
            d = q.to_dict(lang)
            hint = f" [{'/'.join(d['values'])}]" if d["values"] else (" [yes/no]" if d["type"] == "bool" else "")
            raw = click.prompt(f"{d['question']}{hint} (Enter to skip)", default="", show_default=False,
                               err=True)
            if raw.strip() == "":
                continue
            try:
                answers[q.fact] = q.definition.coerce(raw.strip())
            except ValueError as exc:
                click.echo(f"  {exc}; skipped", err=True)
        if not answers:
            break
        profile.facts.update(answers)
        checklist = engine.evaluate(profile, day, explain=explain)
    if write_to and answers:
        save_answers(Path(write_to), profile, answers)
    return checklist


def save_answers(path: Path, profile: Any, answers: dict[str, Any]) -> None:
    """Write the answers into the profile file; only single-profile YAML files are rewritten."""
    import yaml

    from .common import write_output
    if path.suffix == ".json":
        import json
        data = json.loads(path.read_text(encoding="utf-8"))
    else:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise InputError("answers can only be written back to a file holding one profile", file=str(path))
    data.setdefault("facts", {})
    data["facts"].update({k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in answers.items()})
    if path.suffix == ".json":
        import json
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    write_output(text, str(path))
    click.echo(f"answers saved to {path}", err=True)
