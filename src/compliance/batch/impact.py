"""What a change of date or of rules does to a catalogue: items gained and lost, duties.

:func:`compare` takes two checklists of the same product (before and after) and returns
the difference as a plain dict; :class:`ImpactSummary` adds the differences of a whole
catalogue up. :func:`compliance.batch.impact` runs both over a catalogue.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..checklist import Checklist
from ..profile import format_hts


def _tariff_key(line: Any) -> str:
    return line.heading or line.rule_id or line.program


def seen_by(engine: Any, other: Any, profile: Any) -> Any:
    """The profile as ``engine`` reads it in a comparison with ``other``: without the facts that
    only ``other`` declares. A new pack that asks a new question is compared on catalogues that
    answer it; the old rules never read that answer. A fact neither declares stays in, so that
    the engine reports it (and only it)."""
    facts = profile.facts
    if not facts or engine is other:
        return profile
    known = engine.facts
    if all(name in known for name in facts):
        return profile
    theirs = other.facts
    return profile.model_copy(update={"facts": {n: v for n, v in facts.items() if n in known or n not in theirs}})


def compare(before: Checklist, after: Checklist) -> dict[str, Any]:
    """The difference between two checklists of one product, as a JSON-ready dict."""
    p = after.profile
    a = {i.rule_id: i for i in before.items}
    b = {i.rule_id: i for i in after.items}
    gained = [{"rule_id": r, "status": b[r].status, "severity": b[r].severity, "agency": b[r].agency}
              for r in sorted(b) if r not in a]
    lost = [{"rule_id": r, "status": a[r].status, "severity": a[r].severity, "agency": a[r].agency}
            for r in sorted(a) if r not in b]
    status = [{"rule_id": r, "before": a[r].status, "after": b[r].status}
              for r in sorted(a) if r in b and a[r].status != b[r].status]
    ta = {_tariff_key(t): t for t in before.tariffs}
    tb = {_tariff_key(t): t for t in after.tariffs}
    added = [_line(tb[h]) for h in sorted(tb) if h not in ta]
    removed = [_line(ta[h]) for h in sorted(ta) if h not in tb]
    changed = [{"heading": h, "rate_before": ta[h].rate_percent, "rate_after": tb[h].rate_percent,
                "duty_before": ta[h].duty, "duty_after": tb[h].duty}
               for h in sorted(ta) if h in tb and (ta[h].rate_percent != tb[h].rate_percent
                                                    or ta[h].duty != tb[h].duty)]
    d0, d1 = before.total_duty, after.total_duty
    delta = None if d0 is None or d1 is None else round(d1 - d0, 2)
    return {
        "sku": p.sku,
        "name": p.name,
        "hts": format_hts(p.hts),
        "origin": p.origin,
        "changed": bool(gained or lost or status or added or removed or changed or d0 != d1),
        "before": {"as_of": before.as_of.isoformat(), "rules_version": before.rules_version,
                   "items": len(before.items), "total_duty": d0},
        "after": {"as_of": after.as_of.isoformat(), "rules_version": after.rules_version,
                  "items": len(after.items), "total_duty": d1},
        "gained": gained,
        "lost": lost,
        "status_changed": status,
        "tariffs_added": added,
        "tariffs_removed": removed,
        "tariffs_changed": changed,
        "duty_delta": delta,
    }


def _line(t: Any) -> dict[str, Any]:
    return {"heading": t.heading, "program": t.program, "rule_id": t.rule_id,
            "rate_percent": t.rate_percent, "duty": t.duty}


@dataclass
class ImpactSummary:
    """A catalogue's differences added up."""

    products: int = 0
    changed: int = 0
    errors: int = 0
    gained_items: int = 0
    lost_items: int = 0
    status_changes: int = 0
    gained_by_rule: Counter = field(default_factory=Counter)
    lost_by_rule: Counter = field(default_factory=Counter)
    tariffs_added: Counter = field(default_factory=Counter)
    tariffs_removed: Counter = field(default_factory=Counter)
    tariffs_changed: Counter = field(default_factory=Counter)
    duty_before: float = 0.0
    duty_after: float = 0.0
    duty_known: int = 0
    duty_unknown: int = 0
    duty_up: int = 0
    duty_down: int = 0
    largest: list[tuple[float, str]] = field(default_factory=list)
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    output: str | None = None
    errors_path: str | None = None
    error_samples: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, diff: dict[str, Any]) -> None:
        self.products += 1
        if diff["changed"]:
            self.changed += 1
        self.gained_items += len(diff["gained"])
        self.lost_items += len(diff["lost"])
        self.status_changes += len(diff["status_changed"])
        self.gained_by_rule.update(g["rule_id"] for g in diff["gained"])
        self.lost_by_rule.update(g["rule_id"] for g in diff["lost"])
        self.tariffs_added.update(t["heading"] for t in diff["tariffs_added"])
        self.tariffs_removed.update(t["heading"] for t in diff["tariffs_removed"])
        self.tariffs_changed.update(t["heading"] for t in diff["tariffs_changed"])
        d0, d1 = diff["before"]["total_duty"], diff["after"]["total_duty"]
        if d0 is None or d1 is None:
            self.duty_unknown += 1
            return
        self.duty_known += 1
        self.duty_before += d0
        self.duty_after += d1
        delta = diff["duty_delta"] or 0.0
        if delta > 0:
            self.duty_up += 1
        elif delta < 0:
            self.duty_down += 1
        if delta:
            label = diff["sku"] or f"{diff['hts']} {diff['origin']}"
            self.largest.append((delta, label))
            if len(self.largest) > 200:
                self.largest.sort(key=lambda x: -abs(x[0]))
                del self.largest[20:]

    @property
    def duty_delta(self) -> float:
        return round(self.duty_after - self.duty_before, 2)

    def top(self, n: int = 10) -> list[tuple[float, str]]:
        return sorted(self.largest, key=lambda x: -abs(x[0]))[:n]

    def to_dict(self) -> dict[str, Any]:
        return {
            "before": self.before, "after": self.after,
            "products": self.products, "changed": self.changed, "errors": self.errors,
            "items_gained": self.gained_items, "items_lost": self.lost_items,
            "status_changes": self.status_changes,
            "gained_by_rule": dict(self.gained_by_rule.most_common()),
            "lost_by_rule": dict(self.lost_by_rule.most_common()),
            "tariffs_added": dict(self.tariffs_added.most_common()),
            "tariffs_removed": dict(self.tariffs_removed.most_common()),
            "tariffs_changed": dict(self.tariffs_changed.most_common()),
            "duty": {"before": round(self.duty_before, 2), "after": round(self.duty_after, 2),
                     "delta": self.duty_delta, "products_with_known_duty": self.duty_known,
                     "products_with_unknown_duty": self.duty_unknown,
                     "products_up": self.duty_up, "products_down": self.duty_down},
            "largest_changes": [{"sku": s, "duty_delta": d} for d, s in self.top()],
            "output": self.output, "errors_file": self.errors_path,
        }

    def to_text(self, width: int = 100) -> str:
        """The summary as a table for the terminal."""
        from io import StringIO

        from rich.console import Console
        from rich.table import Table

        buf = StringIO()
        console = Console(file=buf, width=width, force_terminal=False, color_system=None)
        head = Table(title="Impact", show_header=True)
        head.add_column("")
        head.add_column("before")
        head.add_column("after")
        head.add_column("change", justify="right")
        head.add_row("as of", str(self.before.get("as_of") or "entry date"),
                     str(self.after.get("as_of") or "entry date"), "")
        head.add_row("rules", str(self.before.get("rules_version", "")), str(self.after.get("rules_version", "")), "")
        head.add_row("total duty (USD)", f"{self.duty_before:,.2f}", f"{self.duty_after:,.2f}",
                     f"{self.duty_delta:+,.2f}")
        console.print(head)
        console.print(f"{self.products:,} products compared, {self.changed:,} changed, "
                      f"{self.errors:,} rows with errors; items gained {self.gained_items:,}, "
                      f"lost {self.lost_items:,}, status changed {self.status_changes:,}; "
                      f"duty up for {self.duty_up:,}, down for {self.duty_down:,}, "
                      f"unknown for {self.duty_unknown:,} (no customs value or a rate that needs more)")
        if self.gained_by_rule or self.lost_by_rule:
            t = Table(title="Items by rule", show_header=True)
            t.add_column("rule")
            t.add_column("products gaining", justify="right")
            t.add_column("products losing", justify="right")
            for rule in sorted(set(self.gained_by_rule) | set(self.lost_by_rule),
                               key=lambda r: (-(self.gained_by_rule[r] + self.lost_by_rule[r]), r)):
                t.add_row(rule, f"{self.gained_by_rule[rule]:,}", f"{self.lost_by_rule[rule]:,}")
            console.print(t)
        lines = set(self.tariffs_added) | set(self.tariffs_removed) | set(self.tariffs_changed)
        if lines:
            t = Table(title="Tariff lines", show_header=True)
            t.add_column("heading")
            t.add_column("added", justify="right")
            t.add_column("removed", justify="right")
            t.add_column("rate or duty changed", justify="right")
            for h in sorted(lines):
                t.add_row(h, f"{self.tariffs_added[h]:,}", f"{self.tariffs_removed[h]:,}",
                          f"{self.tariffs_changed[h]:,}")
            console.print(t)
        top = self.top()
        if top:
            t = Table(title="Largest duty changes", show_header=True)
            t.add_column("sku")
            t.add_column("duty change (USD)", justify="right")
            for d, s in top:
                t.add_row(s, f"{d:+,.2f}")
            console.print(t)
        return buf.getvalue()
