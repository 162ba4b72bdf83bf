"""The engine: loads and compiles rule packs once, then evaluates products against them."""

from __future__ import annotations

import bisect
import datetime as dt
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from .checklist import Checklist, Considered, Item, Overridden, PendingItems, PendingQuestions, TariffLine
from .compiled import CompiledRule
from .conditions import STATIC_NODES, Compiler, Node, hts_guard, residual, time_edges, walk, Fact as FactNode
from .context import Context
from .errors import InputError, RulePackError
from .gctune import gc_tuned
from .lists import ReferenceList
from .model.facts import FactDef
from .model.rule import SEVERITY_RANK
from .packs import Pack, content_hash, read_pack, resolve_pack_paths
from .profile import Profile, profile_from_data
from .tariffs import MfnTable, assess

ProfileLike = Profile | Mapping[str, Any]
_INDEX_LENGTHS = tuple(range(1, 11))
_CACHE_LIMIT = 100_000


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
        self._leaf_by_prefix: dict[str, list[tuple[int, Any]]] | None = None  # made when first needed
        self._static_leaves = [tuple(n for top in ([c.cond] if c.cond is not None else []) +
                                     [ex for _, ex, _ in c.exemptions]
                                     for n in walk(top) if isinstance(n, STATIC_NODES))
                               for c in self.rules]
        self._residuals: dict[tuple, tuple] = {}
        self._in_force_by_bucket: dict[int, dict[int, Any]] = {}
        self._inputs_of: dict[int, tuple] = {}
        self._plan_of: dict[tuple[str, str, int], _Plan] = {}
        self._classes: dict[tuple, int] = {}
        self._class_of: dict[tuple[str, int], int] = {}
        self._party_values: dict[tuple, tuple] = {}
        self._interned: dict[tuple, tuple] = {}
        self._plans: dict[tuple[int, str, int], _Plan] = {}
        self._remembered = 0

    def _index_hts_leaves(self) -> None:
        """Every HTS predicate of the pack by the prefixes that make it true, so that the truth of
        all of them for one HTS code is a handful of dictionary lookups."""
        from .conditions import Hts, HtsList
        self._leaf_by_prefix: dict[str, list[tuple[int, Any]]] = {}
        seen: dict[int, int] = {}
        for crule in self.rules:
            nodes = ([crule.cond] if crule.cond is not None else []) + [ex for _, ex, _ in crule.exemptions]
            for top in nodes:
                for node in walk(top):
                    if not isinstance(node, (Hts, HtsList)) or id(node) in seen:
                        continue
                    leaf = seen[id(node)] = len(seen)
                    windows = node.windows if isinstance(node, HtsList) else None
                    for prefix in node.prefixes.items:
                        dated = windows.get(prefix) if windows else None
                        self._leaf_by_prefix.setdefault(prefix, []).append((leaf, dated))
        self._leaf_lengths = tuple(sorted({len(p) for p in self._leaf_by_prefix}))

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
            profile = profile_from_data(dict(profile))
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
                    _ask(questions, m, rule.id, "applicability")
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

    def _hts_class(self, hts: str, day: dt.date) -> int:
        """A number shared by the HTS codes that every rule of the pack treats alike on this date:
        the same candidate rules, and the same HTS predicates true."""
        true: list[int] = []
        index = self._leaf_by_prefix
        if index is None:
            self._index_hts_leaves()
            index = self._leaf_by_prefix
        for n in self._leaf_lengths:
            hit = index.get(hts[:n])
            if hit:
                for leaf, dated in hit:
                    if dated is None or any((a is None or a <= day) and (b is None or day <= b) for a, b in dated):
                        true.append(leaf)
        key = (self.candidates(hts), frozenset(true))
        found = self._classes.get(key)
        if found is None:
            found = self._classes[key] = len(self._classes)
        return found

    def _plan(self, hts: str, origin: str, day: dt.date) -> "_Plan":
        """The rules that can concern products of this HTS code and origin on this date, each with
        what is left of its condition and exemptions once those are known.

        A plan is shared by every HTS code of the same class (see ``_hts_class``): a catalogue
        of thousands of HTS numbers needs a few hundred plans per origin.
        """
        bucket = bisect.bisect_right(self._edges, day)
        key = (hts, origin, bucket)
        plan = self._plan_of.get(key)
        if plan is not None:
            return plan
        if len(self._plan_of) < _OWN_PLANS and self._leaf_by_prefix is None:
            # a few products (one evaluation at the command line) do not pay for indexing the
            # pack's HTS predicates: their plans are their own
            plan = self._plan_of[key] = self._build_plan(hts, origin, day)
            return plan
        cls = self._class_of.get((hts, bucket))
        if cls is None:
            if len(self._class_of) >= _CACHE_LIMIT:
                self._class_of.clear()
            cls = self._class_of[(hts, bucket)] = self._hts_class(hts, day)
        shared = (cls, origin, bucket)
        plan = self._plans.get(shared)
        if plan is None:
            plan = self._plans[shared] = self._build_plan(hts, origin, day)
        if len(self._plan_of) >= _CACHE_LIMIT:
            self._plan_of.clear()
        self._plan_of[key] = plan
        return plan

    def _in_force(self, bucket: int, day: dt.date) -> dict[int, Any]:
        """The rules in force on the days of a date bucket, each with its rate window (None for a
        rule that is not a tariff)."""
        found = self._in_force_by_bucket.get(bucket)
        if found is None:
            found = {}
            for i, crule in enumerate(self.rules):
                eff = crule.rule.effective
                if day < eff.from_ or (eff.to is not None and day > eff.to):
                    continue
                if crule.is_tariff:
                    window = crule.rule.rate_on(day)
                    if window is not None:
                        found[i] = window
                else:
                    found[i] = None
            self._in_force_by_bucket[bucket] = found
        return found

    def _build_plan(self, hts: str, origin: str, day: dt.date) -> "_Plan":
        static = _StaticInputs(hts, origin, day)
        entries = []
        bucket = bisect.bisect_right(self._edges, day)
        in_force = self._in_force(bucket, day)
        residuals = self._residuals
        static_leaves = self._static_leaves
        for i in self.candidates(hts):
            window = in_force.get(i, _MISSING)
            if window is _MISSING:
                continue
            # A rule's residual depends only on its own static predicates: plans of many HTS
            # classes and origins share it.
            key = (i, bucket, tuple([leaf.ev(static) for leaf in static_leaves[i]]))
            left_and_ex = residuals.get(key)
            if left_and_ex is None:
                crule = self.rules[i]
                left = True if crule.cond is None else residual(crule.cond, static)
                exemptions = tuple((ex_id, left_ex, reason) for ex_id, node, reason in crule.exemptions
                                   for left_ex in (residual(node, static),) if left_ex is not False)
                left_and_ex = residuals[key] = (left, exemptions)
            left, exemptions = left_and_ex
            if left is False:
                continue
            entries.append((len(entries), self.rules[i], left, window, exemptions))
        entries.sort(key=_entry_order)
        return _Plan(tuple(entries), self._inputs_of)

    def _evaluate_fast(self, profile: Profile, ctx: Context, day: dt.date) -> Checklist:
        plan = self._plan(profile.hts, profile.origin, day)
        signature = plan.signature(ctx, self._party_values)
        outcome = plan.outcomes.get(signature) if signature is not None else None
        if outcome is None:
            outcome = self._decide(plan.entries, ctx)
            if signature is not None:
                self._remembered += 1
                if self._remembered > _MEMO_TOTAL:  # memory stays bounded over any catalogue
                    for kept in self._plans.values():
                        kept.outcomes.clear()
                    self._remembered = 1
                plan.remember(signature, outcome)
        specs, overridden_rules, tariff_rules, question_specs = outcome
        applied_tariffs = [(crule, window, _LazyWhy(crule.cond, ctx)) for crule, window in tariff_rules]
        stack, content_missing = self._stack(profile, day, applied_tariffs)
        if content_missing:
            questions = {fact: (set(by), purpose) for fact, by, purpose in question_specs}
            for fact, rule_id in content_missing:
                _ask(questions, fact, rule_id, "tariff")
            question_specs = _question_specs(questions)
        overridden = [Overridden(crule, would_be, day) for crule, would_be in overridden_rules] \
            if overridden_rules else []
        return Checklist(profile, day, self.rules_version, PendingItems(specs, day, ctx), stack,
                         PendingQuestions(question_specs, self.facts), stack.total, None, 0, overridden)

    def _decide(self, entries: tuple, ctx: Context) -> tuple:
        """Which rules of a plan apply, need information, are switched off or charge a duty, and
        what to ask: everything of a checklist that depends only on the plan's inputs.

        ``entries`` come in checklist order (see :class:`_Plan`); tariffs and overrides are put
        back in the order of the rules."""
        applies: list[tuple] = []
        needs: list[tuple] = []
        key: list = []
        overridden: list[tuple] = []
        tariffs: list[tuple] = []
        questions: dict[str, tuple[set[str], str]] = {}
        for pos, crule, left, window, exemptions in entries:
            if left is True:
                value = True
            else:
                missing_facts: list[str] = []
                value = left.evm(ctx, missing_facts)
                if value is False:
                    continue
            if crule.disabled_reason is not None:
                overridden.append((pos, crule, "applies" if value else "needs_info"))
                continue
            if value is None:
                missing = tuple(missing_facts) if len(missing_facts) < 2 else tuple(dict.fromkeys(missing_facts))
                rid = crule.rule.id
                for m in missing:
                    asked = questions.get(m)
                    if asked is None:
                        questions[m] = ({rid}, "applicability")
                    else:
                        asked[0].add(rid)
                        if asked[1] != "applicability":
                            questions[m] = (asked[0], "applicability")
                needs.append((crule, "needs_info", missing))
                continue
            if exemptions and _exempt(crule.rule.id, exemptions, ctx, questions):
                continue
            if window is not None:
                tariffs.append((pos, crule, window))
            else:
                applies.append((crule, "applies", ()))
                key.append(crule.order)
        # Outcomes of many plans and products have the same items and questions: one copy
        # each keeps memory low and lets encoders reuse what they made for it.
        interned = self._interned
        if len(interned) >= _INTERN_LIMIT:
            interned.clear()
        for crule, _, missing in needs:
            key.append((crule.order, missing))
        specs = applies + needs
        specs = interned.setdefault(tuple(key), tuple(specs))
        question_specs = _question_specs(questions)
        question_specs = interned.setdefault(question_specs, question_specs)
        if len(tariffs) > 1:
            tariffs.sort(key=_first)
        if len(overridden) > 1:
            overridden.sort(key=_first)
        return (specs, tuple([(c, w) for _, c, w in overridden]), tuple([(c, w) for _, c, w in tariffs]),
                question_specs)

    def _stack(self, profile: Profile, day: dt.date, applied_tariffs: list) -> tuple:
        """The numbers of the tariff stack (see :class:`compliance.tariffs.Assessment`), and the
        content values it lacks as (fact, rule id) pairs."""
        result = assess(applied_tariffs, profile, day, self.mfn.rate(profile.hts))
        missing = [(fact, crule.id) for fact in result.missing for crule, _, _ in applied_tariffs
                   if crule.rule.basis != "value" and fact.startswith("material:" + crule.rule.basis[:-8])]
        return result, missing

    def _finish(self, profile: Profile, day: dt.date, items: list[Item], applied_tariffs: list,
                questions: dict, considered: list[Considered], unconsidered: int,
                overridden: list[Overridden]) -> Checklist:
        stack, content_missing = self._stack(profile, day, applied_tariffs)
        for fact, rule_id in content_missing:
            _ask(questions, fact, rule_id, "tariff")
        for rid, why in stack.dropped:
            considered.append(Considered(rid, "yielded", why))
        items.sort(key=_item_order)
        qs = PendingQuestions(_question_specs(questions), self.facts).build()
        return Checklist(profile, day, self.rules_version, items, stack.tariff_lines(), qs, stack.total,
                         considered, unconsidered, overridden)

    def _exemption(self, crule: CompiledRule, ctx: Context, questions) -> tuple | None:
        for ex_id, node, reason in crule.exemptions:
            v = node.ev(ctx)
            if v:
                return ("exempt", {"id": ex_id, "reason": reason.en})
            if v is None:
                for m in node.missing(ctx):
                    _ask(questions, m, crule.id, "exemption")
        return None

    def evaluate_many(self, profiles: Iterable[ProfileLike], as_of: dt.date | None = None, *,
                      explain: bool = False) -> Iterator[Checklist]:
        """Evaluate a stream of products lazily, one checklist per product, in order.

        While it runs, the garbage collector leaves the engine's objects alone (see
        :func:`compliance.gctune.gc_tuned`).
        """
        with gc_tuned():
            for profile in profiles:
                yield self.evaluate(profile, as_of, explain=explain)

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
            profile = profile_from_data(dict(profile))
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


def _describe(cond: Node | None) -> tuple:
    return cond.describe() if cond is not None else ("always", {})


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _first(pair: tuple) -> Any:
    return pair[0]


def _entry_order(entry: tuple) -> tuple:
    return entry[1].sort_key


def _question_specs(questions: dict) -> tuple:
    """Questions in checklist order (those deciding applicability first, then by fact), each
    as (fact, sorted rule ids, purpose)."""
    return tuple((fact, tuple(sorted(by)), purpose) for fact, (by, purpose) in
                 sorted(questions.items(), key=lambda kv: (kv[1][1] != "applicability", kv[0])))


def _ask(questions: dict, fact: str, rule_id: str, purpose: str) -> None:
    entry = questions.get(fact)
    if entry is None:
        questions[fact] = ({rule_id}, purpose)
    else:
        entry[0].add(rule_id)
        if purpose == "applicability" and entry[1] != "applicability":
            questions[fact] = (entry[0], purpose)


class _StaticInputs:
    """The inputs a plan is made for: what static predicates read."""

    __slots__ = ("hts", "origin", "as_of")

    def __init__(self, hts: str, origin: str, as_of: dt.date) -> None:
        self.hts, self.origin, self.as_of = hts, origin, as_of


_MISSING = object()
_MEMO_LIMIT = 256          # outcomes one plan remembers
_MEMO_TOTAL = 50_000       # outcomes all plans together remember
_INTERN_LIMIT = 20_000     # distinct item and question lists kept to share
_OWN_PLANS = 16            # plans made before plans are shared by HTS class
_PARTY_SETS: dict[tuple[int, ...], int] = {}


def _exempt(rule_id: str, exemptions: tuple, ctx: Context, questions: dict) -> bool:
    for _, node, _ in exemptions:
        if node is True:
            return True
        missing: list[str] = []
        v = node.evm(ctx, missing)
        if v:
            return True
        for m in missing:
            _ask(questions, m, rule_id, "exemption")
    return False


class _LazyWhy:
    """The reasons a condition holds for one product, worked out only if someone reads them."""

    __slots__ = ("cond", "ctx")

    def __init__(self, cond: Node | None, ctx: Context) -> None:
        self.cond, self.ctx = cond, ctx

    def __call__(self) -> list:
        out: list = []
        if self.cond is None:
            out.append(("always", {}))
        else:
            self.cond.why(self.ctx, out)
        return out


def _inputs(top: Node) -> tuple[tuple[str, ...], tuple[Node, ...], bool]:
    """The facts a condition reads, its other dynamic predicates, and whether it has only
    predicates an outcome signature knows."""
    from . import conditions as c
    facts: dict[str, None] = {}
    leaves: dict[int, Node] = {}
    exact = True
    for node in walk(top):
        if isinstance(node, c.Fact):
            facts[node.name] = None
        elif isinstance(node, (c.Material, c.PartyNode, c.Compare, c.ManufactureDate)):
            leaves.setdefault(id(node), node)
        elif not isinstance(node, (c.All, c.Any_, c.Not, c.Named)):
            exact = False  # a predicate this signature does not know: decide every product
    return tuple(facts), tuple(leaves.values()), exact


class _Plan:
    """The rules of one HTS class, origin and date bucket, with the outcomes already worked out.

    An outcome depends only on the answers to the facts the remaining conditions read and on
    the value (True, False or unknown) of their other predicates: materials, parties, customs
    value, manufacture date. That pair is the outcome's signature, so two products with
    different suppliers or values share an outcome whenever the rules cannot tell them apart.
    """

    __slots__ = ("entries", "facts", "leaves", "party_leaves", "party_set", "outcomes")

    def __init__(self, entries: tuple, inputs_of: dict[int, tuple]) -> None:
        self.entries = entries
        facts: dict[str, None] = {}
        leaves: dict[int, Node] = {}
        exact = True
        nodes = [left for _, _, left, _, _ in entries if left is not True]
        nodes += [node for _, _, _, _, exemptions in entries for _, node, _ in exemptions if node is not True]
        for top in nodes:
            found = inputs_of.get(id(top))
            if found is None or found[0] is not top:
                found = inputs_of[id(top)] = (top, *_inputs(top))
            _, node_facts, node_leaves, node_exact = found
            facts.update(dict.fromkeys(node_facts))
            for leaf in node_leaves:
                leaves.setdefault(id(leaf), leaf)
            exact = exact and node_exact
        from .conditions import PartyNode
        self.facts = frozenset(facts) if exact else None
        self.leaves = tuple(leaf for leaf in leaves.values() if not isinstance(leaf, PartyNode))
        # screening a party costs more than the rest of a signature: values kept per parties
        self.party_leaves = tuple(leaf for leaf in leaves.values() if isinstance(leaf, PartyNode))
        # the same party predicates recur in every plan: one small number names the set
        self.party_set = _PARTY_SETS.setdefault(tuple(id(leaf) for leaf in self.party_leaves), len(_PARTY_SETS))
        self.outcomes: dict[tuple, tuple] = {}

    def signature(self, ctx: Context, party_values: dict) -> tuple | None:
        if self.facts is None:
            return None
        facts = ctx.facts
        parties = ()
        if self.party_leaves:
            # plans of every HTS class share the pack's party predicates: values kept engine-wide
            key = (self.party_set, ctx.party_key)
            parties = party_values.get(key)
            if parties is None:
                if len(party_values) >= _CACHE_LIMIT:
                    party_values.clear()
                parties = party_values[key] = tuple([leaf.ev(ctx) for leaf in self.party_leaves])
        read = self.facts
        # a product answers few facts: its answers to the facts read, in the plan's order
        answered = tuple([(n, v) for n, v in facts.items() if n in read]) if facts else ()
        if len(answered) > 1:
            answered = tuple(sorted(answered, key=_first))
        return (answered, tuple([leaf.ev(ctx) for leaf in self.leaves]) if self.leaves else (), parties)

    def remember(self, signature: tuple, outcome: tuple) -> None:
        if len(self.outcomes) >= _MEMO_LIMIT:
            self.outcomes.clear()
        self.outcomes[signature] = outcome


def _item_order(item: Item) -> tuple:
    return (item.status != "applies", -SEVERITY_RANK[item.severity], item.agency, item.rule_id)


def _raise(err: InputError) -> None:
    raise err
