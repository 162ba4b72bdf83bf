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
            zh = lang == "zh"
            yes_no = " [是/否]" if zh else " [yes/no]"
            hint = f" [{'/'.join(d['values'])}]" if d["values"] else (yes_no if d["type"] == "bool" else "")
            skip = "（直接回车跳过）" if zh else " (Enter to skip)"
            raw = click.prompt(f"{d['question']}{hint}{skip}", default="", show_default=False, err=True)
            if raw.strip() == "":
                continue
            try:
                answers[q.fact] = q.definition.coerce(raw.strip())
            except ValueError as exc:
                click.echo(f"  {exc}; {'已跳过' if zh else 'skipped'}", err=True)
        if not answers:
            break
        profile.facts.update(answers)
        checklist = engine.evaluate(profile, day, explain=explain)
    if write_to and answers:
        save_answers(Path(write_to), profile, answers)
    return checklist


def save_answers(path: Path, profile: Any, answers: dict[str, Any]) -> None:
    """Write the answers into the profile file (a file holding one profile).

    A YAML file keeps its comments and layout: the answers are added as lines to its block
    `facts:` mapping (or a new one at the end); only a file whose `facts` is written in flow
    style (`{...}`) is rewritten whole. JSON files are rewritten.
    """
    from .common import write_output
    text = path.read_text(encoding="utf-8")
    values = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in answers.items()}
    if path.suffix == ".json":
        import json
        data = json.loads(text)
        if not isinstance(data, dict):
            raise InputError("answers can only be written back to a file holding one profile", file=str(path))
        data.setdefault("facts", {}).update(values)
        new_text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    else:
        new_text = _yaml_with_answers(path, text, values)
    write_output(new_text, str(path))
    click.echo(f"answers saved to {path}", err=True)


def _yaml_with_answers(path: Path, text: str, values: dict[str, Any]) -> str:
    import yaml

    from ..yamlio import load_text
    located = load_text(text, str(path))
    data = located.data
    if not isinstance(data, dict):
        raise InputError("answers can only be written back to a file holding one profile", file=str(path))
    facts = data.get("facts")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"

    def render(name: str, value: Any, indent: str) -> str:
        dumped = yaml.safe_dump({name: value}, allow_unicode=True, default_flow_style=True).strip()
        return indent + dumped[1:-1].strip() + "\n"

    if facts is None and "facts" not in data:
        return "".join(lines) + "facts:\n" + "".join(render(k, v, "  ") for k, v in values.items())
    key_line = located.position(("facts",))[0]
    entries = [located.position(("facts", name)) for name in (facts or {})]
    if not isinstance(facts, dict) or not entries or any(line == key_line for line, _ in entries):
        # flow style or empty: rewrite the file as data
        data["facts"] = {**(facts or {}), **values}
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    indent = " " * (entries[0][1] - 1)
    known = dict(facts)
    for name, value in values.items():
        if name in known:  # an answer that was there: replace its line
            line = located.position(("facts", name))[0]
            lines[line - 1] = render(name, value, indent)
    new = [render(k, v, indent) for k, v in values.items() if k not in known]
    # after the last line that belongs to the facts mapping
    last = max(line for line, _ in entries)
    end = last
    while end < len(lines) and (lines[end].startswith(indent + " ") or not lines[end].strip()):
        end += 1
    while end > last and not lines[end - 1].strip():
        end -= 1
    return "".join(lines[:end] + new + lines[end:])
