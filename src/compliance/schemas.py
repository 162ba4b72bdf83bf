"""The published JSON Schemas: rule files, facts files, pack manifests, profiles, checklists."""

from __future__ import annotations

from typing import Any

from .conditions import PREDICATE_KEYS

_ID = "https://github.com/compliance-engine/compliance/schemas/"


def _condition_defs() -> dict[str, Any]:
    cond = {"$ref": "#/$defs/condition"}
    strs = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]}
    num_ops = {"type": "object", "additionalProperties": False, "minProperties": 1,
               "properties": {k: {"type": "number"} for k in ("gte", "gt", "lte", "lt")}}
    role = {"enum": ["any", "manufacturer", "supplier"]}
    one = lambda key, schema, **extra: {  # noqa: E731
        "type": "object", "required": [key], "additionalProperties": False,
        "properties": {key: schema, **extra}}
    return {"condition": {
        "description": "all / any / not over predicates; see docs/rule-language.md",
        "oneOf": [
            one("all", {"type": "array", "items": cond, "minItems": 1}),
            one("any", {"type": "array", "items": cond, "minItems": 1}),
            one("not", cond),
            one("condition", {"type": "string", "description": "name of a condition in the pack's conditions/"}),
            one("hts", {**strs, "description": "HTS prefixes, 2 to 10 digits, dots optional"}),
            one("hts_list", {"type": "string", "description": "name of an HTS list of the pack"}),
            one("origin", strs),
            {"type": "object", "required": ["fact"], "additionalProperties": False,
             "minProperties": 2, "maxProperties": 2,
             "properties": {"fact": {"type": "string"}, "is": {}, "in": {"type": "array"},
                            "gte": {}, "gt": {}, "lte": {}, "lt": {}, "answered": {"type": "boolean"}}},
            one("material", strs),
            one("party", {"type": "object", "additionalProperties": False,
                          "properties": {"role": role, "country": strs, "region": strs}}),
            one("party_listed", {"oneOf": [{"type": "string"}, {
                "type": "object", "required": ["list"], "additionalProperties": False,
                "properties": {"list": {"type": "string"}, "min_score": {"type": "number", "minimum": 0,
                                                                          "maximum": 100}, "role": role}}]},
                role=role),
            one("party_in_region", {"type": "string"}, role=role),
            one("customs_value", num_ops),
            one("entry_date", {"type": "object", "additionalProperties": False, "minProperties": 1,
                               "properties": {"from": {"type": "string", "format": "date"},
                                              "to": {"type": "string", "format": "date"}}}),
            one("manufacture_date", {"type": "object", "additionalProperties": False, "minProperties": 1,
                                     "properties": {"from": {"type": "string", "format": "date"},
                                                    "to": {"type": "string", "format": "date"}}}),
            one("transport", strs),
        ]}}


def _with_conditions(schema: dict[str, Any]) -> dict[str, Any]:
    """Replace the free-form condition slots that pydantic emits by the condition schema."""
    defs = schema.setdefault("$defs", {})
    defs.update(_condition_defs())

    def fix(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("when",):
                if key in node.get("properties", {}):
                    node["properties"][key] = {"$ref": "#/$defs/condition"}
            for v in node.values():
                fix(v)
        elif isinstance(node, list):
            for v in node:
                fix(v)

    fix(schema)
    return schema


def schema_for(which: str) -> dict[str, Any]:
    """The JSON Schema of: rule, facts, pack, profile, checklist, checklist-compact (a line of
    ``compliance batch --detail compact``)."""
    if which == "rule":
        from .model.rule import RuleFile
        schema = _with_conditions(RuleFile.model_json_schema(by_alias=True))
    elif which == "facts":
        from .model.facts import FactsFile
        schema = FactsFile.model_json_schema(by_alias=True)
    elif which == "pack":
        from .model.rule import PackManifest
        schema = PackManifest.model_json_schema(by_alias=True)
    elif which == "profile":
        from .profile import Profile
        single = Profile.model_json_schema()
        defs = single.pop("$defs", {})
        defs["profile"] = single
        schema = {"$defs": defs, "oneOf": [{"$ref": "#/$defs/profile"},
                                           {"type": "array", "items": {"$ref": "#/$defs/profile"}}]}
    elif which == "checklist":
        schema = _checklist_schema()
    elif which == "checklist-compact":
        schema = _compact_schema()
    else:
        raise ValueError(which)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = _ID + f"{which}.json"
    return schema


def _checklist_schema() -> dict[str, Any]:
    s, n, nn = {"type": "string"}, {"type": "number"}, {"type": ["number", "null"]}
    ns = {"type": ["string", "null"]}
    strings = {"type": "array", "items": s}
    item = {"type": "object", "required": ["rule_id", "kind", "agency", "severity", "status", "title", "citations"],
            "properties": {
                "rule_id": s, "kind": {"enum": ["requirement", "prohibition", "tariff", "risk", "advisory"]},
                "agency": {"type": "string", "pattern": "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$"},
                "severity": {"enum": ["prohibited", "blocking", "required", "advisory"]},
                "status": {"enum": ["applies", "needs_info"]}, "title": s, "action": ns,
                "documents": {"type": "array", "items": {"oneOf": [s, {
                    "type": "object", "required": ["any_of"], "properties": {"any_of": strings}}]}},
                "citations": strings, "citation_urls": {"type": "array", "items": ns}, "because": strings,
                "missing_facts": strings, "rule_status": {"enum": ["draft", "active", "deprecated"]},
                "effective": {"type": "object"}, "last_reviewed": s, "pack": s, "override": s}}
    line = {"type": "object", "required": ["program", "heading", "rate_percent", "basis"],
            "properties": {"program": s, "heading": {"type": "string", "pattern": r"^(MFN|\d{4}\.\d{2}\.\d{2})$"},
                           "rule_id": ns, "title": ns, "rate_percent": nn, "rate_text": ns,
                           "basis": {"type": "string", "pattern": "^(value|[a-z_]+_content)$"},
                           "assessed_value": nn, "duty": nn, "citations": strings, "because": strings,
                           "notes": strings, "rule_status": s}}
    question = {"type": "object", "required": ["fact", "question"],
                "properties": {"fact": s, "question": s, "type": s,
                               "values": {"type": ["array", "null"], "items": s}, "asked_by": strings,
                               "purpose": {"enum": ["applicability", "exemption", "tariff"]}}}
    overridden = {"type": "object", "required": ["rule_id", "pack", "reason", "would_be"],
                  "properties": {"rule_id": s, "agency": s, "severity": s, "title": s, "action": s,
                                 "pack": ns, "reason": ns, "would_be": {"enum": ["applies", "needs_info"]},
                                 "rule_status": s}}
    return {"title": "Checklist", "type": "object",
            "required": ["as_of", "rules_version", "items", "tariffs", "questions"],
            "properties": {"schema_version": s, "product": {"type": "object"},
                           "as_of": {"type": "string", "format": "date"}, "rules_version": s, "lang": s,
                           "items": {"type": "array", "items": item},
                           "tariffs": {"type": "array", "items": line}, "total_duty": nn,
                           "total_rate_percent": nn,
                           "questions": {"type": "array", "items": question},
                           "overridden": {"type": "array", "items": overridden,
                                          "description": "rules an overlay switched off that would have concerned the product"},
                           "explanation": {"type": "object"}}}


def _compact_schema() -> dict[str, Any]:
    s, nn, ns = {"type": "string"}, {"type": ["number", "null"]}, {"type": ["string", "null"]}
    strings = {"type": "array", "items": s}
    item = {"type": "object", "required": ["rule_id", "status"], "additionalProperties": False,
            "properties": {"rule_id": s, "status": {"enum": ["applies", "needs_info"]}, "missing_facts": strings}}
    line = {"type": "object", "additionalProperties": False,
            "required": ["rule_id", "program", "heading", "rate_percent", "basis", "assessed_value", "duty"],
            "properties": {"rule_id": ns, "program": s,
                           "heading": {"type": "string", "pattern": r"^(MFN|\d{4}\.\d{2}\.\d{2})$"},
                           "rate_percent": nn, "rate_text": ns,
                           "basis": {"type": "string", "pattern": "^(value|[a-z_]+_content)$"},
                           "assessed_value": nn, "duty": nn}}
    question = {"type": "object", "required": ["fact", "asked_by", "purpose"], "additionalProperties": False,
                "properties": {"fact": s, "asked_by": strings,
                               "purpose": {"enum": ["applicability", "exemption", "tariff"]}}}
    return {"title": "Compact checklist line",
            "description": "One line of `compliance batch --detail compact`: rules by id; their texts are in "
                           "<output>.rules.json, written once per run.",
            "type": "object", "additionalProperties": False,
            "required": ["sku", "product", "as_of", "rules_version", "items", "tariffs", "total_duty", "questions"],
            "properties": {"sku": ns, "product": {"type": "object"},
                           "as_of": {"type": "string", "format": "date"}, "rules_version": s,
                           "items": {"type": "array", "items": item},
                           "tariffs": {"type": "array", "items": line}, "total_duty": nn,
                           "questions": {"type": "array", "items": question}}}


__all__ = ["schema_for", "PREDICATE_KEYS"]
