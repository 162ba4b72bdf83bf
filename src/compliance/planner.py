"""Plans: what the engine keeps between products so that each new one costs little.

A plan holds, for one HTS class, origin and date bucket, every rule in force that can concern
such products, reduced to what is left of its condition and exemptions once those three are
known; and the outcomes already decided for products the remaining conditions cannot tell
apart. :class:`Planner` makes plans, shares them and decides outcomes; the engine turns an
outcome into a checklist.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING, Any

from .checklist import PendingQuestions
from .conditions import STATIC_NODES, Node, residual, walk
from .context import Context
from .tariffs import stacks

if TYPE_CHECKING:
    from .engine import Engine

_CACHE_LIMIT = 100_000     # HTS codes (by date bucket) whose class is kept, and screening results
_MISSING = object()
_MEMO_LIMIT = 4096         # outcomes one plan remembers
_MEMO_TOTAL = 50_000       # outcomes all plans together remember
_INTERN_LIMIT = 20_000     # distinct item and question lists kept to share
_OWN_PLANS = 16            # plans made before plans are shared by HTS class
_CLASS_RULES_LIMIT = 4096  # HTS classes (by date bucket) whose rules in force are kept


class Planner:
    """The plans of one engine, and the caches that let products share them."""

    def __init__(self, engine: "Engine") -> None:
        self.engine = engine
        self.rules = engine.rules
        self.edges = engine._edges
        self._leaf_by_prefix: dict[str, list[tuple[int, Any]]] | None = None  # made when first needed
        self._leaf_lengths: tuple[int, ...] = ()
        self._origin_leaves: tuple | None = None  # the pack's origin predicates, when first needed
        self._origin_class: dict[str, int] = {}
        self._origin_classes: dict[frozenset, int] = {}
        self._static_leaves = [tuple(n for top in ([c.cond] if c.cond is not None else []) +
                                     [ex for _, ex, _ in c.exemptions]
                                     for n in walk(top) if isinstance(n, STATIC_NODES))
                               for c in self.rules]
        self._residuals: dict[tuple, tuple] = {}
        self._class_rules: dict[tuple[int, int], tuple] = {}  # by HTS class and date bucket
        self._in_force_by_bucket: dict[int, dict[int, Any]] = {}
        self._inputs_of: dict[int, tuple] = {}
        self._plan_of: dict[tuple[str, str, int], _Plan] = {}
        self._classes: dict[tuple, int] = {}
        self._class_of: dict[int, dict[str, tuple]] = {}  # by date bucket, then HTS code or prefix
        self._classed = 0
        self._party_values: dict[tuple, tuple] = {}
        self._party_leaf_values: dict[tuple, Any] = {}
        self._party_sets: dict[tuple[int, ...], int] = {}  # the party predicates a plan keeps, numbered
        self._interned: dict[tuple, tuple] = {}
        self._plans: dict[tuple[int, int, int], _Plan] = {}
        self._plan_by_entries: dict[tuple, _Plan] = {}
        self._remembered = 0

    def outcome(self, ctx: Context, day: dt.date) -> tuple:
        """What a product's checklist holds apart from its duties: (items as (rule, status,
        missing facts), rules switched off with what they would be, tariff rules with their
        rate windows, questions as (fact, asked by, purpose), whether a tariff yields to another
        (see :func:`compliance.tariffs.stacks`), the questions as a checklist holds them)."""
        plan = self.plan(ctx.hts, ctx.origin, day)
        signature = plan.signature(ctx, self._party_values, self._party_leaf_values)
        if signature is None:
            return self.assemble(plan.entries, [_decide(entry, ctx) for entry in plan.entries])
        outcome = plan.outcomes.get(signature)
        if outcome is None:
            outcome = self.derive(plan, signature, ctx)
            self._remembered += 1
            if self._remembered > _MEMO_TOTAL:  # memory stays bounded over any catalogue
                for kept in self._plan_by_entries.values():
                    kept.forget()
                self._remembered = 1
            plan.remember(signature, outcome)
        return outcome

    def derive(self, plan: "_Plan", signature: tuple, ctx: Context) -> tuple:
        """A new outcome of a plan, from the decisions made for the plan's first product (with
        its facts set aside): only the rules that read an input on which the two products
        differ are decided again. Products answer few facts and each input is read by few
        rules, so an outcome costs a few condition evaluations instead of one per rule."""
        answered, leaf_values, parties = signature
        entries = plan.entries
        root = plan.root
        if root is None:
            bare = ctx.without_facts() if ctx.facts else ctx
            decisions = tuple([_decide(entry, bare) for entry in entries])
            root = plan.root = (leaf_values, parties, decisions, self.assemble(entries, decisions))
        mask = 0
        if answered:
            readers = plan.readers
            for name, _ in answered:
                mask |= readers[name]
        if leaf_values != root[0]:
            for readers_of, a, b in zip(plan.leaf_readers, leaf_values, root[0]):
                if a != b:
                    mask |= readers_of
        if parties != root[1]:
            for readers_of, a, b in zip(plan.party_readers, parties, root[1]):
                if a != b:
                    mask |= readers_of
        if not mask:
            return root[3]
        decisions = root[2]
        changed = []
        while mask:
            low = mask & -mask
            j = low.bit_length() - 1
            mask ^= low
            decision = _decide(entries[j], ctx)
            if decision != decisions[j]:
                changed.append((j, decision))
        if not changed:
            return root[3]
        # products that differ in inputs often differ from the first product in the same rules
        key = tuple(changed)
        outcome = plan.variants.get(key)
        if outcome is None:
            new = list(decisions)
            for j, decision in changed:
                new[j] = decision
            outcome = self.assemble(entries, new)
            if len(plan.variants) >= _MEMO_LIMIT:
                plan.variants.clear()
            plan.variants[key] = outcome
            self._remembered += 1  # counted with the outcomes: both are dropped together
        return outcome

    def _index_hts_leaves(self) -> None:
        """Every HTS predicate of the pack by the prefixes that make it true, so that the truth of
        all of them for one HTS code is a handful of dictionary lookups."""
        from .conditions import Hts, HtsList
        self._leaf_by_prefix = {}
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
        self._leaf_lengths = tuple(sorted({len(p) for p in self._leaf_by_prefix} | set(self.engine._lengths)))
        everywhere = 0
        for i in self.engine._global:
            everywhere |= 1 << i
        self._root_state = (self._class_number(everywhere, 0), everywhere, 0)

    def hts_class(self, hts: str, day: dt.date) -> int:
        """A number shared by the HTS codes that every rule of the pack treats alike on this date:
        the same candidate rules, and the same HTS predicates true."""
        if self._leaf_by_prefix is None:
            self._index_hts_leaves()
        return self._hts_state(hts, day, {})[0]

    def _hts_state(self, code: str, day: dt.date, states: dict[str, tuple]) -> tuple:
        """(class number, candidate rules, HTS predicates true; both as bit masks) of an HTS code
        or prefix, from those of its longest indexed prefix: codes of one heading share the work
        of their common digits."""
        parent = None
        for n in self._leaf_lengths:
            if n >= len(code):
                break
            parent = n
        if parent is None:
            base = self._root_state
        else:
            base = states.get(code[:parent])
            if base is None:
                base = self._hts_state(code[:parent], day, states)
        guarded = self.engine._index_map.get(code)
        hit = self._leaf_by_prefix.get(code)
        state = base
        if guarded or hit:
            # candidates and true HTS predicates as bit masks: a class is two integers
            cands, trues = base[1], base[2]
            if guarded:
                for i in guarded:
                    cands |= 1 << i
            if hit:
                for leaf, dated in hit:
                    if dated is None or any((a is None or a <= day) and (b is None or day <= b) for a, b in dated):
                        trues |= 1 << leaf
            if cands != base[1] or trues != base[2]:
                state = (self._class_number(cands, trues), cands, trues)
        states[code] = state
        self._classed += 1
        return state

    def _class_number(self, cands: int, trues: int) -> int:
        key = (cands, trues)
        found = self._classes.get(key)
        if found is None:
            found = self._classes[key] = len(self._classes)
        return found

    def origin_class(self, origin: str) -> int:
        """A number shared by the origins that every origin predicate of the pack treats alike:
        most countries of a catalogue differ only in the few rules that name them."""
        found = self._origin_class.get(origin)
        if found is None:
            if self._origin_leaves is None:
                from .conditions import Origin
                leaves: dict[frozenset, None] = {}
                for crule in self.rules:
                    for top in ([crule.cond] if crule.cond is not None else []) + [ex for _, ex, _ in crule.exemptions]:
                        for node in walk(top):
                            if isinstance(node, Origin):
                                leaves[frozenset(node.codes)] = None
                self._origin_leaves = tuple(leaves)
            key = frozenset(i for i, codes in enumerate(self._origin_leaves) if origin in codes)
            found = self._origin_classes.setdefault(key, len(self._origin_classes))
            if len(self._origin_class) < _CACHE_LIMIT:
                self._origin_class[origin] = found
        return found

    def plan(self, hts: str, origin: str, day: dt.date) -> "_Plan":
        """The rules that can concern products of this HTS code and origin on this date, each with
        what is left of its condition and exemptions once those are known.

        A plan is shared by every HTS code of the same class (see :meth:`hts_class`) and every
        origin of the same class (see :meth:`origin_class`): a catalogue of thousands of HTS
        numbers from dozens of countries needs a few hundred plans per date.
        """
        bucket = bisect.bisect_right(self.edges, day)
        if self._leaf_by_prefix is None:
            key = (hts, origin, bucket)
            plan = self._plan_of.get(key)
            if plan is not None:
                return plan
            if len(self._plan_of) < _OWN_PLANS:
                # a few products (one evaluation at the command line) do not pay for indexing
                # the pack's HTS predicates: their plans are their own
                plan = self._plan_of[key] = self.build_plan(hts, origin, day)
                return plan
        # HTS codes and origins by class: a catalogue's many (HTS code, origin) pairs would make
        # a large table that a first pass mostly misses
        classes = self._class_of.get(bucket)
        if classes is None:
            classes = self._class_of[bucket] = {}
        state = classes.get(hts)
        if state is None:
            if self._leaf_by_prefix is None:
                self._index_hts_leaves()
            if self._classed > _CACHE_LIMIT:  # bounded over any catalogue and spread of dates
                for kept in self._class_of.values():
                    kept.clear()
                self._classed = 0
            state = self._hts_state(hts, day, classes)
        cls = state[0]
        origin_class = self._origin_class.get(origin)
        if origin_class is None:
            origin_class = self.origin_class(origin)
        shared = (cls, origin_class, bucket)
        plan = self._plans.get(shared)
        if plan is None:
            plan = self._plans[shared] = self._class_plan(hts, origin, day, bucket, cls)
        return plan

    def in_force(self, bucket: int, day: dt.date) -> dict[int, Any]:
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

    def build_plan(self, hts: str, origin: str, day: dt.date) -> "_Plan":
        static = _StaticInputs(hts, origin, day)
        bucket = bisect.bisect_right(self.edges, day)
        in_force = self.in_force(bucket, day)
        static_leaves = self._static_leaves
        kept = []
        for i in self.engine.candidates(hts):
            window = in_force.get(i, _MISSING)
            if window is _MISSING:
                continue
            left = self._residual(i, bucket, tuple([leaf.ev(static) for leaf in static_leaves[i]]), static, window)
            if left[0] is not False:
                kept.append((i, window, left))
        return self._plan_of_rules(bucket, kept)

    def _class_plan(self, hts: str, origin: str, day: dt.date, bucket: int, cls: int) -> "_Plan":
        """:meth:`build_plan` for a code of an HTS class whose rules are already known: only the
        rules that name origins are reduced again for this origin."""
        rules = self._class_rules.get((cls, bucket))
        if rules is None:
            if len(self._class_rules) >= _CLASS_RULES_LIMIT:
                self._class_rules.clear()
            rules = self._class_rules[(cls, bucket)] = self._rules_of_class(hts, day, bucket)
        static = _StaticInputs(hts, origin, day)
        kept = []
        for i, window, left, by_origin in rules:
            if by_origin is not None:
                values, origin_leaves = by_origin
                values = list(values)
                for at, leaf in origin_leaves:
                    values[at] = leaf.ev(static)
                left = self._residual(i, bucket, tuple(values), static, window)
                if left[0] is False:
                    continue
            kept.append((i, window, left))
        return self._plan_of_rules(bucket, kept)

    def _rules_of_class(self, hts: str, day: dt.date, bucket: int) -> tuple:
        """The rules in force of an HTS class as (rule, rate window, residual or None, origin
        part or None): a rule that names no origin has its residual already; for one that does,
        the values of its other static predicates and where its origin predicates go."""
        from .conditions import Origin
        static = _StaticInputs(hts, "", day)
        in_force = self.in_force(bucket, day)
        rows = []
        for i in self.engine.candidates(hts):
            window = in_force.get(i, _MISSING)
            if window is _MISSING:
                continue
            leaves = self._static_leaves[i]
            origin_leaves = tuple((at, leaf) for at, leaf in enumerate(leaves) if isinstance(leaf, Origin))
            if origin_leaves:
                values = tuple(None if isinstance(leaf, Origin) else leaf.ev(static) for leaf in leaves)
                rows.append((i, window, None, (values, origin_leaves)))
                continue
            left = self._residual(i, bucket, tuple([leaf.ev(static) for leaf in leaves]), static, window)
            if left[0] is not False:
                rows.append((i, window, left, None))
        return tuple(rows)

    def _residual(self, i: int, bucket: int, values: tuple, static: "_StaticInputs", window: Any) -> tuple:
        """(condition left, exemptions left, what identifies them in a plan) of rule ``i`` once
        its static predicates have ``values``. A rule's residual depends only on its own static
        predicates: plans of many HTS classes and origins share it."""
        key = (i, bucket, values)
        found = self._residuals.get(key)
        if found is None:
            crule = self.rules[i]
            left = True if crule.cond is None else residual(crule.cond, static)
            exemptions = tuple((ex_id, left_ex, reason) for ex_id, node, reason in crule.exemptions
                               for left_ex in (residual(node, static),) if left_ex is not False)
            found = self._residuals[key] = (left, exemptions, (id(crule), id(left), id(exemptions), id(window)))
        return found

    def _plan_of_rules(self, bucket: int, kept: list) -> "_Plan":
        """The plan of the rules kept, as (rule, rate window, residual) in rule order. HTS classes
        and origins that differ only in rules that do not concern them end up with the same
        rules and residuals: one plan, whose outcomes they all share."""
        same = (bucket, tuple([left[2] for _, _, left in kept]))
        plan = self._plan_by_entries.get(same)
        if plan is None:
            rules = self.rules
            entries = [(j, rules[i], left, window, exemptions)
                       for j, (i, window, (left, exemptions, _)) in enumerate(kept)]
            entries.sort(key=_entry_order)
            plan = self._plan_by_entries[same] = _Plan(tuple(entries), self._inputs_of, self._party_sets)
        return plan

    def assemble(self, entries: tuple, decisions: "list | tuple") -> tuple:
        """An outcome from the decision on each entry of a plan (see :func:`_decide`): which
        rules apply, need information, are switched off or charge a duty, and what to ask.

        ``entries`` come in checklist order (see :class:`_Plan`); tariffs and overrides are put
        back in the order of the rules."""
        applies: list[tuple] = []
        needs: list[tuple] = []
        key: list = []
        overridden: list[tuple] = []
        tariffs: list[tuple] = []
        questions: dict[str, tuple[set[str], str]] = {}
        for entry, decision in zip(entries, decisions):
            if decision is None:
                continue
            # most decisions are the shared constants of a rule that applies or charges and asks nothing
            if decision is _APPLY:
                crule = entry[1]
                applies.append((crule, "applies", ()))
                key.append(crule.order)
                continue
            if decision is _CHARGE:
                tariffs.append((entry[0], entry[1], entry[3]))
                continue
            kind, facts = decision
            crule = entry[1]
            if kind is _NEEDS:
                rid = crule.rule.id
                for m in facts:
                    asked = questions.get(m)
                    if asked is None:
                        questions[m] = ({rid}, "applicability")
                    else:
                        asked[0].add(rid)
                        if asked[1] != "applicability":
                            questions[m] = (asked[0], "applicability")
                needs.append((crule, "needs_info", facts))
                continue
            if kind is _OVERRIDDEN:
                overridden.append((entry[0], crule, facts))
                continue
            if facts:  # asked to decide an exemption
                rid = crule.rule.id
                for m in facts:
                    ask(questions, m, rid, "exemption")
            if kind is _APPLIES:
                applies.append((crule, "applies", ()))
                key.append(crule.order)
            elif kind is _TARIFF:
                tariffs.append((entry[0], crule, entry[3]))
        # Outcomes of many plans and products have the same items and questions: one copy
        # each keeps memory low and lets encoders reuse what they made for it.
        interned = self._interned
        if len(interned) >= _INTERN_LIMIT:
            interned.clear()
        for crule, _, missing in needs:
            key.append((crule.order, missing))
        specs = applies + needs
        specs = interned.setdefault(tuple(key), tuple(specs))
        asked = question_specs(questions)
        asked = interned.setdefault(asked, asked)
        if len(tariffs) > 1:
            tariffs.sort(key=_first)
        if len(overridden) > 1:
            overridden.sort(key=_first)
        tariff_rules = tuple([(c, w) for _, c, w in tariffs])
        # every checklist of the outcome whose stack lacks nothing shares its pending questions
        return (specs, tuple([(c, w) for _, c, w in overridden]), tariff_rules, asked,
                stacks([c for c, _ in tariff_rules]), PendingQuestions(asked, self.engine.facts))


# What one rule of a plan comes to for one product: None when it does not concern the product,
# else (kind, facts). For a rule that needs information, the facts are those it lacks; for a
# rule switched off, what it would be; otherwise the facts its exemptions asked for.
_APPLIES, _NEEDS, _TARIFF, _EXEMPT, _OVERRIDDEN = "applies", "needs_info", "tariff", "exempt", "overridden"
_APPLY = (_APPLIES, ())
_CHARGE = (_TARIFF, ())
_OFF_APPLIES = (_OVERRIDDEN, "applies")
_OFF_NEEDS = (_OVERRIDDEN, "needs_info")


def _decide(entry: tuple, ctx: Context) -> tuple | None:
    _, crule, left, window, exemptions = entry
    if left is True:
        value = True
    else:
        missing_facts: list[str] = []
        value = left.evm(ctx, missing_facts)
        if value is False:
            return None
    if crule.disabled_reason is not None:
        return _OFF_APPLIES if value else _OFF_NEEDS
    if value is None:
        return (_NEEDS, tuple(missing_facts) if len(missing_facts) < 2 else tuple(dict.fromkeys(missing_facts)))
    if exemptions:
        asked: list[str] = []
        for _, node, _ in exemptions:
            if node is True:
                return (_EXEMPT, tuple(asked)) if asked else None
            before = len(asked)
            if node.evm(ctx, asked):  # what the exemption that holds lacked is not asked
                del asked[before:]
                return (_EXEMPT, tuple(asked)) if asked else None
        if asked:
            return (_TARIFF if window is not None else _APPLIES, tuple(asked))
    return _CHARGE if window is not None else _APPLY


def _first(pair: tuple) -> Any:
    return pair[0]


def _entry_order(entry: tuple) -> tuple:
    return entry[1].sort_key


def question_specs(questions: dict) -> tuple:
    """Questions in checklist order (those deciding applicability first, then by fact), each
    as (fact, sorted rule ids, purpose)."""
    return tuple((fact, tuple(sorted(by)), purpose) for fact, (by, purpose) in
                 sorted(questions.items(), key=lambda kv: (kv[1][1] != "applicability", kv[0])))


def ask(questions: dict, fact: str, rule_id: str, purpose: str) -> None:
    """Record that a rule asks for a fact; deciding applicability outranks other purposes."""
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

    A new signature's outcome is derived from the plan's *root*, the decisions for its first
    product with no fact answered: each input is read by few of the plan's rules (``readers``
    and the ``*_readers`` bit masks say which), and only those are decided again.
    """

    __slots__ = ("entries", "facts", "readers", "leaves", "leaf_readers", "party_leaves", "party_readers",
                 "party_set", "outcomes", "root", "variants")

    def __init__(self, entries: tuple, inputs_of: dict[int, tuple], party_sets: dict[tuple[int, ...], int]) -> None:
        self.entries = entries
        facts: dict[str, None] = {}
        leaves: dict[int, Node] = {}
        exact = True
        # the entries that read each fact and each other predicate, as bit masks over positions
        readers: dict[str, int] = {}
        leaf_readers: dict[int, int] = {}
        for j, (_, _, left, _, exemptions) in enumerate(entries):
            nodes = [] if left is True else [left]
            nodes += [node for _, node, _ in exemptions if node is not True]
            for top in nodes:
                found = inputs_of.get(id(top))
                if found is None or found[0] is not top:
                    found = inputs_of[id(top)] = (top, *_inputs(top))
                _, node_facts, node_leaves, node_exact = found
                for name in node_facts:
                    facts[name] = None
                    readers[name] = readers.get(name, 0) | (1 << j)
                for leaf in node_leaves:
                    leaves.setdefault(id(leaf), leaf)
                    leaf_readers[id(leaf)] = leaf_readers.get(id(leaf), 0) | (1 << j)
                exact = exact and node_exact
        self.readers = readers
        from .conditions import PartyNode
        self.facts = frozenset(facts) if exact else None
        self.leaves = tuple(leaf for leaf in leaves.values() if not isinstance(leaf, PartyNode))
        # screening a party costs more than the rest of a signature: values kept per parties
        self.party_leaves = tuple(leaf for leaf in leaves.values() if isinstance(leaf, PartyNode))
        # the same party predicates recur in every plan: one small number names the set
        self.party_set = party_sets.setdefault(tuple(id(leaf) for leaf in self.party_leaves), len(party_sets))
        self.leaf_readers = tuple(leaf_readers[id(leaf)] for leaf in self.leaves)
        self.party_readers = tuple(leaf_readers[id(leaf)] for leaf in self.party_leaves)
        self.outcomes: dict[tuple, tuple] = {}
        # the first product's other inputs, each entry's decision for it with no fact answered,
        # and the outcome of those decisions: what later outcomes are derived from
        self.root: tuple | None = None
        self.variants: dict[tuple, tuple] = {}  # outcomes by the decisions that differ from the root's

    def signature(self, ctx: Context, party_values: dict, leaf_values: dict) -> tuple | None:
        """The inputs an outcome depends on; None when the plan holds a predicate a signature
        cannot capture (then every product is decided). ``party_values`` and ``leaf_values``
        keep screening results by party predicates (a set of them, and one) and parties."""
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
                # plans differ in which party predicates they keep; each predicate is screened
                # once per set of parties whichever plans it is in
                values = []
                if len(leaf_values) >= _CACHE_LIMIT:
                    leaf_values.clear()
                for leaf in self.party_leaves:
                    one = (id(leaf), ctx.party_key)
                    value = leaf_values.get(one, _MISSING)
                    if value is _MISSING:
                        value = leaf_values[one] = leaf.ev(ctx)
                    values.append(value)
                parties = party_values[key] = tuple(values)
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

    def forget(self) -> None:
        self.outcomes.clear()
        self.variants.clear()
