"""The engine: loads and compiles rule packs once, then evaluates products against them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from .checklist import Checklist, Considered, Item, Overridden, PendingItems, PendingQuestions
from .compiled import CompiledRule
from .conditions import Compiler, Node, hts_guard, time_edges, walk, Fact as FactNode
from .context import Context
from .dates import as_date
from .errors import InputError, RulePackError
from .gctune import gc_tuned
from .lists import ReferenceList
from .model.facts import FactDef
from .model.rule import SEVERITY_RANK
from .packs import Pack, content_hash, read_pack, resolve_pack_paths
from .planner import Planner, ask, question_specs
from .profile import Profile, profile_from_data
from .tariffs import MfnTable, assess

ProfileLike = Profile | Mapping[str, Any]
_INDEX_LENGTHS = tuple(range(1, 11))
_CACHE_LIMIT = 100_000  # HTS codes whose candidate rules are kept


class Engine:
    """Compiled rule packs, ready to evaluate products.

    >>> engine = Engine.load()
    >>> checklist = engine.evaluate({"hts": "8517.62.0090", "origin": "CN"})
    """

    def __init__(self, packs: list[Pack], collect: Callable[[InputError], None] | None = None) -> None:
        self.packs = packs
        self.facts: dict[str, FactDef] = {}
        self.fact_source: dict[str, tuple[str, int | None]] = {}
        self.lists: dict[str, ReferenceList] = {}
        self.rules: list[CompiledRule] = []
        self.by_id: dict[str, CompiledRule] = {}
        self.rules_version = content_hash(packs)
        self._screeners: dict[str, Any] = {}
        self._gazetteers: dict[str, Any] = {}
        self._cache: dict[str, tuple[int, ...]] = {}
        report = collect or _raise
        self._merge(report)
        self._compile(report)
        self._index()
        self.mfn = MfnTable(self.lists.get("mfn-rates"))

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, packs: Iterable[Path | str] | None = None, *, include_default: bool = True,
             cache: bool = True) -> "Engine":
        """Load the bundled pack, the packs named in COMPLIANCE_RULES, then ``packs``.

        Raises :class:`RulePackError` (an :class:`InputError`) on the first problem. The
        compiled engine is cached on disk (see :mod:`compliance.cache`) unless ``cache`` is
        false or COMPLIANCE_NO_CACHE is set.
        """
        roots = resolve_pack_paths(packs, include_default)
        build = lambda: cls([read_pack(p) for p in roots])  # noqa: E731
        if not cache:
            return build()
        from .cache import cached
        return cached(roots, build)

    @classmethod
    def load_collecting(cls, packs: Iterable[Path | str] | None = None, *,
                        include_default: bool = True) -> tuple["Engine | None", list[InputError]]:
        """Load packs and return every problem instead of raising at the first (lint's mode)."""
        errors: list[InputError] = []
        loaded = []
        for path in resolve_pack_paths(packs, include_default):
            try:
                loaded.append(read_pack(path, errors.append))
            except InputError as exc:
                errors.append(exc)
        try:
            engine = cls(loaded, errors.append)
        except InputError as exc:
            errors.append(exc)
            engine = None
        return engine, errors

    def _merge(self, report: Callable[[InputError], None]) -> None:
        self._ordered: list[tuple[Any, str | None, str | None, str | None]] = []
        where: dict[str, int] = {}
        for pack in self.packs:
            for name, (fact, file, line) in pack.facts.items():
                if name in self.facts:
                    report(RulePackError(f"fact '{name}' is already declared in {self.fact_source[name][0]}",
                                         file=file, line=line, field=f"facts.{name}", code="L002"))
                    continue
                self.facts[name] = fact
                self.fact_source[name] = (file, line)
            for name, lst in pack.lists.items():
                self.lists[name] = lst  # a later pack's list of the same name replaces the earlier
            overrides = {o.id: o.reason for o in pack.manifest.overrides}
            disabled = {o.id: o.reason for o in pack.manifest.disable}
            for rid, reason in disabled.items():
                if rid in where:
                    entry = self._ordered[where[rid]]
                    self._ordered[where[rid]] = (entry[0], entry[1], reason, pack.name)
                else:
                    report(RulePackError(f"disable names unknown rule '{rid}'",
                                         file=str(pack.root / "pack.yaml"), field="disable", code="L006"))
            own = {r.rule.id for r in pack.rules}
            for rid in overrides:
                problem = None
                if rid not in where:
                    problem = f"overrides names unknown rule '{rid}' (no earlier pack has it)"
                elif rid not in own:
                    problem = f"overrides '{rid}' but this pack defines no rule with that id"
                if problem:
                    report(RulePackError(f"overrides: {problem}", file=str(pack.root / "pack.yaml"),
                                         code="L006"))
            for loaded in pack.rules:
                rid = loaded.rule.id
                if rid in where:
                    if rid in overrides and self._ordered[where[rid]][0].pack != pack.name:
                        self._ordered[where[rid]] = (loaded, overrides[rid], None, None)
                        continue
                    line, col = loaded.position("id")
                    report(RulePackError(f"duplicate rule id '{rid}' (first in {self._ordered[where[rid]][0].file})",
                                         file=loaded.file, line=line, column=col, field="id", code="L002"))
                    continue
                where[rid] = len(self._ordered)
                self._ordered.append((loaded, None, None, None))

    def _compile(self, report: Callable[[InputError], None]) -> None:
        compiler = Compiler(self.facts, self.lists, self.screener, self.gazetteer)
        for pack in self.packs:
            for name, (raw, located, at) in pack.conditions.items():
                def named_error(path, message, code, _loc=located, _at=at):
                    from .yamlio import dotted
                    line, col = _loc.position(_at + path)
                    return RulePackError(message, file=_loc.file, line=line, column=col,
                                         field=dotted(_at + path), code=code)
                compiler.named[name] = (raw, named_error)
        for order, (loaded, override, disabled, disabled_by) in enumerate(self._ordered):
            rule = loaded.rule

            def error(path: tuple, message: str, code: str, _l=loaded, _base=("when",)) -> RulePackError:
                line, col = _l.position(*(_base + path))
                from .yamlio import dotted
                return RulePackError(message, file=_l.file, line=line, column=col,
                                     field=dotted(("when",) + path), code=code)
            try:
                cond = compiler.compile(rule.when, error) if rule.when is not None else None
                exemptions = []
                for i, ex in enumerate(rule.exemptions):
                    def ex_error(path, message, code, _l=loaded, _i=i):
                        line, col = _l.position("exemptions", _i, "when", *path)
                        from .yamlio import dotted
                        return RulePackError(message, file=_l.file, line=line, column=col,
                                             field=dotted(("exemptions", _i, "when") + path), code=code)
                    exemptions.append((ex.id, compiler.compile(ex.when, ex_error), ex.reason))
            except RulePackError as exc:
                report(exc)
                continue
            facts_read = frozenset(n.name for node in ([cond] if cond else []) + [e[1] for e in exemptions]
                                   for n in walk(node) if isinstance(n, FactNode))
            crule = CompiledRule(rule, loaded, cond, exemptions, hts_guard(cond) if cond else None,
                                 order, override, disabled, disabled_by, facts_read,
                                 (-SEVERITY_RANK[rule.severity], rule.agency, rule.id))
            self.rules.append(crule)
            self.by_id[rule.id] = crule
        for name, (raw, named_error) in compiler.named.items():
            # a named condition no rule uses must still be valid
            try:
                compiler.compile({"condition": name}, named_error)
            except RulePackError as exc:
                report(exc)

    def _index(self) -> None:
        self._global: list[int] = []
        self._index_map: dict[str, list[int]] = {}
        for i, crule in enumerate(self.rules):
            if crule.rule.status == "deprecated":
                continue
            if crule.guard is None:
                self._global.append(i)
            else:
                for prefix in crule.guard:
                    self._index_map.setdefault(prefix, []).append(i)
        self._lengths = tuple(sorted({len(p) for p in self._index_map}))
        edges: set[dt.date] = set()
        one_day = dt.timedelta(days=1)
        for crule in self.rules:
            rule = crule.rule
            for start, end in [(rule.effective.from_, rule.effective.to)] + [(w.from_, w.to) for w in rule.rates]:
                edges.add(start)
                if end is not None:
                    edges.add(end + one_day)
            for node in [crule.cond] + [ex for _, ex, _ in crule.exemptions]:
                if node is not None:
                    edges.update(time_edges(node))
        self._edges = sorted(edges)
        self._planner = Planner(self)

    def screener(self, list_name: str) -> Any:
        if list_name not in self._screeners:
            from .screening import Screener
            self._screeners[list_name] = Screener.from_rows(list_name, self.lists[list_name].rows)
        return self._screeners[list_name]

    def gazetteer(self, list_name: str) -> Any:
        if list_name not in self._gazetteers:
            from .screening import Gazetteer
            self._gazetteers[list_name] = Gazetteer.from_rows(list_name, self.lists[list_name].rows)
        return self._gazetteers[list_name]

    # --------------------------------------------------------------- evaluation
    def candidates(self, hts: str) -> tuple[int, ...]:
        """Indexes of the rules that can concern a product with this HTS code."""
        found = self._cache.get(hts)
        if found is None:
            idx = set(self._global)
            index = self._index_map
            for n in self._lengths:
                hit = index.get(hts[:n])
                if hit:
                    idx.update(hit)
            found = tuple(sorted(idx))
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[hts] = found
        return found

    def prepare_facts(self, profile: Profile) -> dict[str, Any]:
        """The profile's answers checked against the facts catalogue, in canonical types."""
        out: dict[str, Any] = {}
        if not profile.facts:
            return out
        for name, value in profile.facts.items():
            fact = self.facts.get(name)
            if fact is None:
                raise profile.error(("facts", name), "undeclared fact (see `compliance rules facts`)")
            if value is None:
                continue
            try:
                out[name] = fact.coerce(value)
            except ValueError as exc:
                raise profile.error(("facts", name), str(exc)) from None
        return out

    def evaluate(self, profile: ProfileLike, as_of: dt.date | None = None, *,
                 explain: bool = False) -> Checklist:
        """Evaluate one product; ``as_of`` defaults to its entry date, else today."""
        if not isinstance(profile, Profile):
            profile = _profile_of(profile)
        if as_of is not None and type(as_of) is not dt.date:
            as_of = as_date(as_of)
        facts = self.prepare_facts(profile)
        day = as_of or profile.entry_date or dt.date.today()
        ctx = Context(profile, facts, day)
        if not explain:
            return self._evaluate_fast(profile, ctx, day)
        return self._evaluate_explained(profile, ctx, day)

    def _evaluate_explained(self, profile: Profile, ctx: Context, day: dt.date) -> Checklist:
        """Every candidate rule on its full condition, recording why each did or did not apply."""
        items: list[Item] = []
        applied_tariffs: list[tuple[CompiledRule, Any, list]] = []
        questions: dict[str, tuple[set[str], str]] = {}
        considered: list[Considered] = []
        overridden: list[Overridden] = []
        cands = self.candidates(profile.hts)
        for i in cands:
            crule = self.rules[i]
            rule = crule.rule
            eff = rule.effective
            window = rule.rate_on(day) if crule.is_tariff else None
            if day < eff.from_ or (eff.to is not None and day > eff.to) or (crule.is_tariff and window is None):
                considered.append(Considered(rule.id, "not_in_force", [
                    ("window", {"from": eff.from_.isoformat(), "to": eff.to and eff.to.isoformat()})]))
                continue
            cond = crule.cond
            value = True if cond is None else cond.ev(ctx)
            if value is False:
                considered.append(Considered(rule.id, "not_applicable", [_describe(cond)]))
                continue
            if crule.disabled_reason is not None:
                considered.append(Considered(rule.id, "disabled", [("override", {
                    "reason": f"{crule.disabled_by}: {crule.disabled_reason}"})]))
                overridden.append(Overridden(crule, "applies" if value else "needs_info", day))
                continue
            because: list = []
            if cond is not None:
                cond.why(ctx, because)
            else:
                because.append(("always", {}))
            if value is None:
                missing = _unique(cond.missing(ctx))  # type: ignore[union-attr]
                for m in missing:
                    ask(questions, m, rule.id, "applicability")
                items.append(Item(crule, "needs_info", because, missing, day, crule.override_reason, ctx))
                considered.append(Considered(rule.id, "needs_info", [("missing", {"facts": missing})]))
                continue
            exempt = self._exemption(crule, ctx, questions)
            if exempt is not None:
                considered.append(Considered(rule.id, "exempt", because + [exempt]))
                continue
            if window is not None:
                applied_tariffs.append((crule, window, because))
            else:
                items.append(Item(crule, "applies", because, [], day, crule.override_reason, ctx))
            considered.append(Considered(rule.id, "applies", because))
        return self._finish(profile, day, items, applied_tariffs, questions, considered,
                            len(self.rules) - len(cands), overridden)

    def _evaluate_fast(self, profile: Profile, ctx: Context, day: dt.date) -> Checklist:
        specs, overridden_rules, tariff_rules, asked, stacking, pending = self._planner.outcome(ctx, day)
        stack = assess(tariff_rules, profile, day, self.mfn.rate(profile.hts), ctx=ctx, stacking=stacking)
        if stack.missing:
            questions = {fact: (set(by), purpose) for fact, by, purpose in asked}
            for fact, rule_id in _content_askers(stack, tariff_rules):
                ask(questions, fact, rule_id, "tariff")
            pending = PendingQuestions(question_specs(questions), self.facts)
        overridden = [Overridden(crule, would_be, day) for crule, would_be in overridden_rules] \
            if overridden_rules else []
        return Checklist(profile, day, self.rules_version, PendingItems(specs, day, ctx), stack,
                         pending, stack.total, None, 0, overridden)

    def _finish(self, profile: Profile, day: dt.date, items: list[Item], applied_tariffs: list,
                questions: dict, considered: list[Considered], unconsidered: int,
                overridden: list[Overridden]) -> Checklist:
        stack = assess(applied_tariffs, profile, day, self.mfn.rate(profile.hts))
        for fact, rule_id in _content_askers(stack, applied_tariffs):
            ask(questions, fact, rule_id, "tariff")
        for rid, why in stack.dropped:
            considered.append(Considered(rid, "yielded", why))
        items.sort(key=_item_order)
        qs = PendingQuestions(question_specs(questions), self.facts).build()
        return Checklist(profile, day, self.rules_version, items, stack.tariff_lines(), qs, stack.total,
                         considered, unconsidered, overridden)

    def _exemption(self, crule: CompiledRule, ctx: Context, questions) -> tuple | None:
        for ex_id, node, reason in crule.exemptions:
            v = node.ev(ctx)
            if v:
                return ("exempt", {"id": ex_id, "reason": reason.en, "reason_zh": reason.get("zh")})
            if v is None:
                for m in node.missing(ctx):
                    ask(questions, m, crule.id, "exemption")
        return None

    def evaluate_many(self, profiles: Iterable[ProfileLike], as_of: dt.date | None = None, *,
                      explain: bool = False) -> Iterator[Checklist]:
        """Evaluate a stream of products lazily, one checklist per product, in order.

        While it runs, the garbage collector leaves the engine's objects alone (see
        :func:`compliance.gctune.gc_tuned`).
        """
        as_of = as_date(as_of)
        today = dt.date.today()  # one date for the whole stream, even past midnight
        with gc_tuned():
            if explain:
                for profile in profiles:
                    if not isinstance(profile, Profile):
                        profile = _profile_of(profile)
                    yield self.evaluate(profile, as_of or profile.entry_date or today, explain=True)
                return
            # :meth:`evaluate` without its per-call dispatch: a catalogue pays it per product
            prepare, fast = self.prepare_facts, self._evaluate_fast
            for profile in profiles:
                if not isinstance(profile, Profile):
                    if isinstance(profile, InputError):  # a bad row as read_catalog gives it: say so
                        raise profile
                    profile = _profile_of(profile)
                day = as_of or profile.entry_date or today
                yield fast(profile, Context(profile, prepare(profile), day), day)

    def explain(self, profile: ProfileLike, rule_id: str, as_of: dt.date | None = None) -> Considered:
        """Why one rule does or does not apply to a product."""
        if rule_id not in self.by_id:
            raise InputError(f"unknown rule id '{rule_id}'", field="rule_id")
        checklist = self.evaluate(profile, as_of, explain=True)
        assert checklist.considered is not None
        for c in checklist.considered:
            if c.rule_id == rule_id:
                return c
        crule = self.by_id[rule_id]
        reason = [("hts_any", {"prefixes": sorted(crule.guard or [])[:12]})] if crule.guard else []
        return Considered(rule_id, "not_applicable", reason)

    def tariff_timeline(self, profile: ProfileLike, start: dt.date, end: dt.date) -> list[tuple[dt.date, Checklist]]:
        """The tariff stack on every date between ``start`` and ``end`` on which it changes."""
        if not isinstance(profile, Profile):
            profile = _profile_of(profile)
        start, end = as_date(start, "start"), as_date(end, "end")
        if start is None or end is None:
            raise InputError("a timeline needs a start and an end date", field="start" if start is None else "end")
        days = {start}
        for i in self.candidates(profile.hts):
            rule = self.rules[i].rule
            edges = [rule.effective.from_, *(w.from_ for w in rule.rates)]
            edges += [d + dt.timedelta(days=1) for d in
                      [rule.effective.to, *(w.to for w in rule.rates)] if d is not None]
            days.update(d for d in edges if start < d <= end)
        out: list[tuple[dt.date, Checklist]] = []
        previous = None
        for day in sorted(days):
            cl = self.evaluate(profile, day)
            key = tuple((t.heading, t.rate_percent, t.assessed_value) for t in cl.tariffs)
            if key != previous:
                out.append((day, cl))
                previous = key
        return out


def _content_askers(stack: Any, applied: Iterable[tuple]) -> list[tuple[str, str]]:
    """(content value fact, rule id) for each content value the stack lacks and each measure
    assessed on that content."""
    return [(fact, line[0].id) for fact in stack.missing for line in applied
            if line[0].rule.basis != "value" and fact.startswith("material:" + line[0].rule.basis[:-8])]


def _describe(cond: Node | None) -> tuple:
    return cond.describe() if cond is not None else ("always", {})


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _item_order(item: Item) -> tuple:
    return (item.status != "applies", -SEVERITY_RANK[item.severity], item.agency, item.rule_id)


def _raise(err: InputError) -> None:
    raise err


def _profile_of(value: Any) -> Profile:
    """A profile given as a mapping (a dict read from JSON or YAML) validated; anything else
    refused as a profile error rather than failing inside ``dict()``."""
    return profile_from_data(dict(value) if isinstance(value, Mapping) else value)
