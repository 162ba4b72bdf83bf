"""The result of an evaluation: items, tariff lines, questions; and its stable dict form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .i18n import render_reason, ui
from .profile import Profile, format_hts

if TYPE_CHECKING:
    from .compiled import CompiledRule
    from .model.facts import FactDef

SCHEMA_VERSION = "1.0"


@dataclass(slots=True)
class Item:
    """One thing the user must do or know: a rule that applies, or needs facts to decide."""

    rule: "CompiledRule"
    status: str                      # applies | needs_info
    _because: list[tuple[str, dict[str, Any]]] | None
    missing: list[str] = field(default_factory=list)
    as_of: dt.date | None = None
    override: str | None = None
    _ctx: Any = None                 # the evaluation's context, to explain on demand

    @property
    def because(self) -> list[tuple[str, dict[str, Any]]]:
        """The conditions that matched (worked out when first asked: most checklists of a
        catalogue are stored, not read)."""
        if self._because is None:
            from .conditions import reasons
            self._because = reasons(self.rule.cond, self._ctx)
        return self._because

    @property
    def rule_id(self) -> str:
        return self.rule.id

    @property
    def severity(self) -> str:
        return self.rule.rule.severity

    @property
    def kind(self) -> str:
        return self.rule.rule.kind

    @property
    def agency(self) -> str:
        return self.rule.rule.agency

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        r = self.rule.rule
        title, action = r.text_on(self.as_of) if self.as_of else (r.title, r.action)
        out: dict[str, Any] = {
            "rule_id": r.id,
            "kind": r.kind,
            "agency": r.agency,
            "severity": r.severity,
            "status": self.status,
            "title": title.get(lang),
            "action": action.get(lang) if action else None,
            "documents": [_document(d, lang) for d in r.documents],
            "citations": [c.cite for c in r.citations],
            "citation_urls": [c.url for c in r.citations],
            "because": [render_reason(b, lang) for b in self.because],
            "rule_status": r.status,
            "effective": {"from": r.effective.from_.isoformat(),
                          "to": r.effective.to.isoformat() if r.effective.to else None},
            "last_reviewed": r.last_reviewed.isoformat(),
            "pack": self.rule.pack,
        }
        if self.missing:
            out["missing_facts"] = list(self.missing)
        if self.override:
            out["override"] = self.override
        return out


def _document(doc: Any, lang: str) -> Any:
    if hasattr(doc, "any_of"):
        return {"any_of": [d.get(lang) for d in doc.any_of]}
    return doc.get(lang)


@dataclass(slots=True)
class TariffLine:
    """One duty of the stack."""

    program: str
    heading: str
    rate_percent: float | None
    basis: str
    rule_id: str | None = None
    rate_text: str | None = None
    assessed_value: float | None = None
    duty: float | None = None
    _because: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    title: Any = None
    citations: list[str] = field(default_factory=list)
    notes: list[Any] = field(default_factory=list)
    rule_status: str = "active"
    _why: Any = None                 # reasons of the rule's condition, worked out when first read

    @property
    def because(self) -> list[tuple[str, dict[str, Any]]]:
        """Why the line is charged: the rule's matching conditions, then how it was assessed."""
        if self._why is not None:
            self._because[:0] = self._why()
            self._why = None
        return self._because

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "program": self.program,
            "heading": self.heading,
            "rule_id": self.rule_id,
            "title": self.title.get(lang) if self.title is not None else None,
            "rate_percent": self.rate_percent,
            "rate_text": self.rate_text,
            "basis": self.basis,
            "assessed_value": self.assessed_value,
            "duty": self.duty,
            "citations": list(self.citations),
            "because": [render_reason(b, lang) for b in self.because],
            "notes": [n.get(lang) if hasattr(n, "get") else str(n) for n in self.notes],
            "rule_status": self.rule_status,
        }


@dataclass(slots=True)
class Question:
    """A fact the engine needs to decide one or more rules."""

    fact: str
    definition: "FactDef | None"
    asked_by: list[str]
    purpose: str = "applicability"   # applicability | exemption | tariff

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        d = self.definition
        return {
            "fact": self.fact,
            "question": d.question.get(lang) if d else ui(self.fact, lang),
            "type": d.type if d else "number",
            "values": list(d.values) if d and d.values else None,
            "asked_by": list(self.asked_by),
            "purpose": self.purpose,
        }


@dataclass(slots=True)
class Considered:
    """Why a rule that could concern the product did or did not produce an item."""

    rule_id: str
    outcome: str          # applies | needs_info | not_applicable | not_in_force | exempt | disabled
    because: list[tuple[str, dict[str, Any]]]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"rule_id": self.rule_id, "outcome": self.outcome,
                "because": [render_reason(b, lang) for b in self.because]}


@dataclass(slots=True)
class Overridden:
    """A rule that would have concerned the product, switched off by an overlay pack (`disable`)."""

    rule: "CompiledRule"
    would_be: str                    # applies | needs_info: what the rule would have given
    as_of: dt.date | None = None

    @property
    def rule_id(self) -> str:
        return self.rule.id

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        r = self.rule.rule
        title, _ = r.text_on(self.as_of) if self.as_of else (r.title, r.action)
        return {"rule_id": r.id, "agency": r.agency, "severity": r.severity, "title": title.get(lang),
                "action": "disabled", "pack": self.rule.disabled_by, "reason": self.rule.disabled_reason,
                "would_be": self.would_be, "rule_status": r.status}


class PendingItems:
    """A checklist's items before anyone has asked for them: (rule, status, missing facts) each.

    A catalogue's checklists are mostly written out or summarised, not read item by item, so
    the Item objects are made on first access.
    """

    __slots__ = ("specs", "as_of", "ctx")

    def __init__(self, specs: tuple, as_of: dt.date, ctx: Any) -> None:
        self.specs, self.as_of, self.ctx = specs, as_of, ctx

    def build(self) -> list[Item]:
        as_of, ctx = self.as_of, self.ctx
        return [Item(crule, status, None, list(missing), as_of, crule.override_reason, ctx)
                for crule, status, missing in self.specs]


class PendingQuestions:
    """A checklist's questions before anyone has asked for them: (fact, asked by, purpose) each,
    in order, with the facts catalogue to word them."""

    __slots__ = ("specs", "facts")

    def __init__(self, specs: tuple, facts: dict) -> None:
        self.specs, self.facts = specs, facts

    def build(self) -> list[Question]:
        get = self.facts.get
        return [Question(fact, get(fact), list(by), purpose) for fact, by, purpose in self.specs]


@dataclass(slots=True)
class Checklist:
    """Everything a product needs to enter the US on one date, under one rule set."""

    profile: Profile
    as_of: dt.date
    rules_version: str
    _items: "list[Item] | PendingItems"
    _tariffs: Any                    # list[TariffLine], or the stack's Assessment before they are read
    _questions: "list[Question] | PendingQuestions"
    total_duty: float | None
    considered: list[Considered] | None = None
    unconsidered: int = 0
    overridden: list[Overridden] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        """Rules that apply, then rules that need facts; by severity, agency and id."""
        items = self._items
        if type(items) is PendingItems:
            items = self._items = items.build()
        return items  # type: ignore[return-value]

    @property
    def tariffs(self) -> list[TariffLine]:
        """The duty lines: MFN first, then the measures that apply after stacking."""
        lines = self._tariffs
        if type(lines) is not list:
            lines = self._tariffs = lines.tariff_lines()
        return lines

    @property
    def questions(self) -> list[Question]:
        """Facts to answer: those that decide applicability first, then by fact name."""
        qs = self._questions
        if type(qs) is PendingQuestions:
            qs = self._questions = qs.build()
        return qs  # type: ignore[return-value]

    @property
    def rule_statuses(self) -> list[tuple[str, str]]:
        """(rule id, status) of every item, without making the items."""
        items = self._items
        if type(items) is PendingItems:
            return [(crule.rule.id, status) for crule, status, _ in items.specs]
        return [(i.rule_id, i.status) for i in items]  # type: ignore[union-attr]

    @property
    def applies(self) -> list[Item]:
        return [i for i in self.items if i.status == "applies"]

    @property
    def needs_info(self) -> list[Item]:
        return [i for i in self.items if i.status == "needs_info"]

    def item(self, rule_id: str) -> Item | None:
        return next((i for i in self.items if i.rule_id == rule_id), None)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The checklist as the published JSON Schema describes it."""
        p = self.profile
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "product": {"sku": p.sku, "name": p.name, "hts": format_hts(p.hts), "origin": p.origin,
                        "customs_value": p.customs_value},
            "as_of": self.as_of.isoformat(),
            "rules_version": self.rules_version,
            "lang": lang,
            "items": [i.to_dict(lang) for i in self.items],
            "tariffs": [t.to_dict(lang) for t in self.tariffs],
            "total_duty": self.total_duty,
            "total_rate_percent": _total_rate(self),
            "questions": [q.to_dict(lang) for q in self.questions],
        }
        if self.overridden:
            out["overridden"] = [o.to_dict(lang) for o in self.overridden]
        if self.considered is not None:
            out["explanation"] = {"considered": [c.to_dict(lang) for c in self.considered],
                                  "not_considered_count": self.unconsidered}
        return out


def _total_rate(cl: Checklist) -> float | None:
    """Sum of ad valorem rates on the full value (content-based lines excluded)."""
    rates = [t.rate_percent for t in cl.tariffs if t.basis == "value" and t.rate_percent is not None]
    return round(sum(rates), 4) if rates else None
