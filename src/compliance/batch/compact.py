"""Compact JSON Lines: each product's line names its rules by id, and the rules' texts are
written once per run beside the output (``<output>.rules.json``).

A full checklist repeats every rule's title, action, documents and citations for every
product (about 20 KiB a line). A catalogue run mostly needs the decisions: which rules apply
or need facts, the duties and the questions. A compact line holds just those; joined with the
rules file on ``rule_id`` it gives back the full checklist's content.

Line layout (see ``compliance schema checklist-compact``)::

    {"sku": ..., "product": {...}, "as_of": "2025-06-01", "rules_version": "sha256:...",
     "items": [{"rule_id": ..., "status": "applies"}, {"rule_id": ..., "status": "needs_info",
                "missing_facts": [...]}],
     "tariffs": [{"rule_id": null, "program": "mfn", "heading": "MFN", "rate_percent": 2.6,
                  "rate_text": "2.6%", "basis": "value", "assessed_value": 100.0, "duty": 2.6}, ...],
     "total_duty": 27.6, "questions": [{"fact": ..., "asked_by": [...], "purpose": ...}]}
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..checklist import SCHEMA_VERSION, PendingItems, PendingQuestions
from ..i18n import ui
from ..profile import format_hts
from ..tariffs import Assessment
from .fastjson import dumps

_string = __import__("json").encoder.encode_basestring
COMPACT_SCHEMA_VERSION = "1.0"


def _num(value: Any) -> str:
    # float.__repr__ is what the json module writes for a finite float
    return "null" if value is None else repr(value) if type(value) is float else dumps(value)


def _text(value: str | None) -> str:
    return "null" if value is None else _string(value)


class CompactEncoder:
    """Encodes checklists as compact lines. The parts products share (the items and questions
    of an outcome) are encoded once and reused while the engine keeps that outcome."""

    def __init__(self) -> None:
        self._items: dict[int, tuple[Any, str]] = {}
        self._questions: dict[int, tuple[Any, str]] = {}
        self._fragments: dict[tuple, str] = {}
        self._question_fragments: dict[tuple, str] = {}

    def encode(self, checklist: Any) -> str:
        """One line (without its newline)."""
        p = checklist.profile
        sku = _text(p.sku)
        return (f'{{"sku":{sku},"product":{{"sku":{sku},"name":{_text(p.name)},'
                f'"hts":"{format_hts(p.hts)}","origin":{_string(p.origin)},'
                f'"customs_value":{_num(p.customs_value)}}},"as_of":"{checklist.as_of.isoformat()}",'
                f'"rules_version":{_string(checklist.rules_version)},"items":{self._items_json(checklist)},'
                f'"tariffs":{_tariffs_json(checklist)},"total_duty":{_num(checklist.total_duty)},'
                f'"questions":{self._questions_json(checklist)}}}')

    def _items_json(self, checklist: Any) -> str:
        pending = checklist._items
        if type(pending) is not PendingItems:
            return dumps([_item(i.rule_id, i.status, i.missing) for i in pending])
        specs = pending.specs
        found = self._items.get(id(specs))
        if found is None or found[0] is not specs:
            found = (specs, "[" + ",".join([self._fragment(c.rule.id, status, missing)
                                            for c, status, missing in specs]) + "]")
            if len(self._items) >= 50_000:
                self._items.clear()
            self._items[id(specs)] = found
        return found[1]

    def _fragment(self, rule_id: str, status: str, missing: tuple) -> str:
        # outcomes differ in a few items: each item's text is made once
        key = (rule_id, status, missing)
        text = self._fragments.get(key)
        if text is None:
            if len(self._fragments) >= 50_000:
                self._fragments.clear()
            text = self._fragments[key] = dumps(_item(rule_id, status, missing))
        return text

    def _questions_json(self, checklist: Any) -> str:
        pending = checklist._questions
        if type(pending) is not PendingQuestions:
            return dumps([{"fact": q.fact, "asked_by": list(q.asked_by), "purpose": q.purpose} for q in pending])
        specs = pending.specs
        found = self._questions.get(id(specs))
        if found is None or found[0] is not specs:
            found = (specs, "[" + ",".join([self._question(spec) for spec in specs]) + "]")
            if len(self._questions) >= 50_000:
                self._questions.clear()
            self._questions[id(specs)] = found
        return found[1]


    def _question(self, spec: tuple) -> str:
        text = self._question_fragments.get(spec)
        if text is None:
            if len(self._question_fragments) >= 50_000:
                self._question_fragments.clear()
            fact, by, purpose = spec
            text = self._question_fragments[spec] = dumps({"fact": fact, "asked_by": list(by), "purpose": purpose})
        return text


def _item(rule_id: str, status: str, missing: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"rule_id": rule_id, "status": status}
    if missing:
        out["missing_facts"] = list(missing)
    return out


def _tariffs_json(checklist: Any) -> str:
    stack = checklist._tariffs
    if type(stack) is not Assessment:
        return dumps([{"rule_id": t.rule_id, "program": t.program, "heading": t.heading,
                       "rate_percent": t.rate_percent, "rate_text": t.rate_text, "basis": t.basis,
                       "assessed_value": t.assessed_value, "duty": t.duty} for t in stack])
    parts = []
    if stack.mfn is not None:
        parsed, _, percent, duty, _ = stack.mfn
        parts.append(f'{{"rule_id":null,"program":"mfn","heading":"MFN","rate_percent":{_num(percent)},'
                     f'"rate_text":{_string(parsed.text)},"basis":"value","assessed_value":{_num(stack.value)},'
                     f'"duty":{_num(duty)}}}')
    for crule, _, _, rate, assessed, duty, _ in stack.lines:
        r = crule.rule
        parts.append(f'{{"rule_id":{_string(r.id)},"program":{_string(r.program or "")},'
                     f'"heading":{_string(r.heading or "")},"rate_percent":{_num(rate)},"rate_text":null,'
                     f'"basis":{_string(r.basis)},"assessed_value":{_num(assessed)},"duty":{_num(duty)}}}')
    return "[" + ",".join(parts) + "]"


def rules_catalogue(engine: Any, lang: str = "en") -> dict[str, Any]:
    """Every rule's texts and references, once: what compact lines leave out. Rules whose
    title or action changed over time list each version under ``texts`` with its start date."""
    rules: dict[str, Any] = {}
    for crule in engine.rules:
        r = crule.rule
        entry: dict[str, Any] = {
            "kind": r.kind, "agency": r.agency, "severity": r.severity,
            "title": r.title.get(lang), "action": r.action.get(lang) if r.action else None,
            "documents": [{"any_of": [d.get(lang) for d in doc.any_of]} if hasattr(doc, "any_of") else doc.get(lang)
                          for doc in r.documents],
            "citations": [c.cite for c in r.citations], "citation_urls": [c.url for c in r.citations],
            "rule_status": r.status,
            "effective": {"from": r.effective.from_.isoformat(),
                          "to": r.effective.to.isoformat() if r.effective.to else None},
            "last_reviewed": r.last_reviewed.isoformat(), "pack": crule.pack,
        }
        if r.texts:
            entry["texts"] = [{"from": t.from_.isoformat(), "title": t.title.get(lang) if t.title else None,
                               "action": t.action.get(lang) if t.action else None}
                              for t in sorted(r.texts, key=lambda t: t.from_)]
        if crule.is_tariff:
            entry.update(program=r.program, heading=r.heading, basis=r.basis)
        if crule.override_reason:
            entry["override"] = crule.override_reason
        rules[r.id] = entry
    questions = {name: {"question": f.question.get(lang), "type": f.type,
                        "values": list(f.values) if f.values else None}
                 for name, f in sorted(engine.facts.items())}
    for name in sorted(_profile_fields_asked(engine)):
        questions.setdefault(name, {"question": ui(name, lang), "type": "number" if name.startswith("material:")
                                    or name == "customs_value" else "profile", "values": None})
    return {"schema_version": COMPACT_SCHEMA_VERSION, "checklist_schema_version": SCHEMA_VERSION,
            "rules_version": engine.rules_version, "lang": lang,
            "written": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "rules": rules, "facts": questions}


def _profile_fields_asked(engine: Any) -> set[str]:
    """Profile fields (not facts) a checklist may ask for: materials, parties, values, and the
    content value of each material a measure is assessed on."""
    from .. import conditions as c
    from ..conditions import walk
    from ..tariffs import content_material
    asked = set()
    for crule in engine.rules:
        nodes = ([crule.cond] if crule.cond is not None else []) + [ex for _, ex, _ in crule.exemptions]
        for node in (n for top in nodes for n in walk(top)):
            if isinstance(node, c.Material):
                asked.add("materials")
            elif isinstance(node, c.PartyNode):
                asked.add("parties")
            elif isinstance(node, c.Compare):
                asked.add(node.missing_name)
            elif isinstance(node, c.ManufactureDate):
                asked.add("manufacture_date")
        if crule.is_tariff and crule.rule.basis != "value":
            asked.add(f"material:{content_material(crule.rule.basis)}:content_value")
    return asked


def rule_text(entry: dict[str, Any], as_of: str) -> tuple[str, str | None]:
    """Title and action of a rules-file entry on a line's ``as_of`` date (ISO text): a dated
    version replaces the base text from its start date on."""
    title, action = entry["title"], entry["action"]
    for dated in entry.get("texts", ()):
        if dated["from"] <= as_of:
            title = dated["title"] or title
            action = dated["action"] or action
    return title, action


def rules_path(output: Any) -> Any:
    """Where the rules file of a compact output goes: beside it, ``<output>.rules.json``."""
    from pathlib import Path
    target = Path(output)
    return target.with_name(target.name + ".rules.json")
