"""Conditions: structured YAML compiled into small evaluators with three values.

Each compiled node answers ``ev(ctx)`` with True, False or None (unknown) as fast as it
can, and ``why(ctx, out)`` with the same value after appending the reasons it holds
(``because`` entries: a code and its parameters, rendered later in the user's language).
``missing(ctx)`` lists the facts whose absence leaves the node unknown.
"""

from __future__ import annotations

import datetime as dt
import operator
from typing import TYPE_CHECKING, Any, Callable, Iterable

from .errors import RulePackError
from .profile import format_hts

if TYPE_CHECKING:
    from .context import Context
    from .model.facts import FactDef

Reason = tuple[str, dict[str, Any]]


class Node:
    __slots__ = ()

    def ev(self, ctx: "Context") -> bool | None:
        raise NotImplementedError

    def why(self, ctx: "Context", out: list[Reason]) -> bool | None:
        value = self.ev(ctx)
        if value:
            out.append(self.reason(ctx))
        return value

    def reason(self, ctx: "Context") -> Reason:
        raise NotImplementedError

    def missing(self, ctx: "Context") -> list[str]:
        return []

    def evm(self, ctx: "Context", out: list[str]) -> bool | None:
        """``ev`` that also appends what ``missing`` would list when the value is unknown."""
        value = self.ev(ctx)
        if value is None:
            out.extend(self.missing(ctx))
        return value

    def describe(self) -> Reason:
        """The condition in words (for docs and diffs), independent of a product."""
        raise NotImplementedError

    def children(self) -> tuple["Node", ...]:
        return ()


class All(Node):
    __slots__ = ("parts",)

    def __init__(self, parts: list[Node]) -> None:
        self.parts = tuple(parts)

    def ev(self, ctx):
        unknown = False
        for p in self.parts:
            v = p.ev(ctx)
            if v is False:
                return False
            if v is None:
                unknown = True
        return None if unknown else True

    def why(self, ctx, out):
        mark = len(out)
        unknown = False
        for p in self.parts:
            v = p.why(ctx, out)
            if v is False:
                del out[mark:]
                return False
            if v is None:
                unknown = True
        return None if unknown else True

    def missing(self, ctx):
        if self.ev(ctx) is not None:
            return []
        return [m for p in self.parts if p.ev(ctx) is None for m in p.missing(ctx)]

    def evm(self, ctx, out):
        mark = len(out)
        unknown = False
        for p in self.parts:
            v = p.evm(ctx, out)
            if v is False:
                del out[mark:]
                return False
            if v is None:
                unknown = True
        return None if unknown else True

    def describe(self):
        return ("all", {"parts": [p.describe() for p in self.parts]})

    def children(self):
        return self.parts


class Any_(Node):
    __slots__ = ("parts",)

    def __init__(self, parts: list[Node]) -> None:
        self.parts = tuple(parts)

    def ev(self, ctx):
        unknown = False
        for p in self.parts:
            v = p.ev(ctx)
            if v:
                return True
            if v is None:
                unknown = True
        return None if unknown else False

    def why(self, ctx, out):
        unknown = False
        for p in self.parts:
            mark = len(out)
            v = p.why(ctx, out)
            if v:
                return True
            del out[mark:]
            if v is None:
                unknown = True
        return None if unknown else False

    def missing(self, ctx):
        if self.ev(ctx) is not None:
            return []
        return [m for p in self.parts if p.ev(ctx) is None for m in p.missing(ctx)]

    def evm(self, ctx, out):
        mark = len(out)
        unknown = False
        for p in self.parts:
            v = p.evm(ctx, out)
            if v:
                del out[mark:]
                return True
            if v is None:
                unknown = True
        return None if unknown else False

    def describe(self):
        return ("any", {"parts": [p.describe() for p in self.parts]})

    def children(self):
        return self.parts


class Not(Node):
    __slots__ = ("part",)

    def __init__(self, part: Node) -> None:
        self.part = part

    def ev(self, ctx):
        v = self.part.ev(ctx)
        return None if v is None else not v

    def why(self, ctx, out):
        v = self.ev(ctx)
        if v:
            out.append(("not", {"inner": self.part.describe()}))
        return v

    def missing(self, ctx):
        return self.part.missing(ctx)

    def evm(self, ctx, out):
        v = self.part.evm(ctx, out)
        return None if v is None else not v

    def describe(self):
        return ("not", {"inner": self.part.describe()})

    def children(self):
        return (self.part,)


class PrefixSet:
    """A set of HTS digit prefixes with the lengths present, for O(lengths) membership."""

    __slots__ = ("items", "lengths")

    def __init__(self, prefixes: Iterable[str]) -> None:
        self.items = frozenset(prefixes)
        self.lengths = tuple(sorted({len(p) for p in self.items}))

    def match(self, hts: str) -> str | None:
        items = self.items
        for n in self.lengths:
            if hts[:n] in items:
                return hts[:n]
        return None


class Hts(Node):
    __slots__ = ("prefixes", "shown")

    def __init__(self, prefixes: list[str]) -> None:
        self.prefixes = PrefixSet(prefixes)
        self.shown = [format_hts(p) for p in prefixes]

    def ev(self, ctx):
        return self.prefixes.match(ctx.hts) is not None

    def reason(self, ctx):
        return ("hts", {"hts": format_hts(ctx.hts), "prefix": format_hts(self.prefixes.match(ctx.hts) or "")})

    def describe(self):
        return ("hts_any", {"prefixes": self.shown})


class HtsList(Node):
    """Membership in an HTS list; a list with `from`/`to` columns dates each entry."""

    __slots__ = ("name", "prefixes", "source", "windows")

    def __init__(self, name: str, prefixes: frozenset[str], source: str,
                 windows: dict[str, tuple[tuple[dt.date | None, dt.date | None], ...]] | None = None) -> None:
        self.name = name
        self.prefixes = PrefixSet(prefixes)
        self.source = source
        self.windows = windows

    def _entry(self, ctx) -> str | None:
        if self.windows is None:
            return self.prefixes.match(ctx.hts)
        hts, day, items = ctx.hts, ctx.as_of, self.prefixes.items
        for n in self.prefixes.lengths:
            p = hts[:n]
            if p in items and any((a is None or a <= day) and (b is None or day <= b)
                                  for a, b in self.windows[p]):
                return p
        return None

    def ev(self, ctx):
        return self._entry(ctx) is not None

    def reason(self, ctx):
        return ("hts_list", {"hts": format_hts(ctx.hts), "list": self.name,
                             "entry": format_hts(self._entry(ctx) or "")})

    def describe(self):
        return ("hts_list_any", {"list": self.name, "count": len(self.prefixes.items)})


class Origin(Node):
    __slots__ = ("codes",)

    def __init__(self, codes: list[str]) -> None:
        self.codes = frozenset(codes)

    def ev(self, ctx):
        return ctx.origin in self.codes

    def reason(self, ctx):
        return ("origin", {"origin": ctx.origin})

    def describe(self):
        return ("origin_any", {"codes": sorted(self.codes)})


def _is_in(a: Any, b: Any) -> bool:
    return a in b


# Module-level functions, not lambdas, so that a compiled engine can be pickled (cache, workers).
_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "is": operator.eq,
    "in": _is_in,
    "gte": operator.ge,
    "gt": operator.gt,
    "lte": operator.le,
    "lt": operator.lt,
}


class Fact(Node):
    __slots__ = ("name", "op", "value", "fn")

    def __init__(self, name: str, op: str, value: Any) -> None:
        self.name = name
        self.op = op
        self.value = value
        self.fn = _OPS.get(op)

    def ev(self, ctx):
        facts = ctx.facts
        if self.op == "answered":
            return (self.name in facts) == self.value
        if self.name not in facts:
            return None
        return self.fn(facts[self.name], self.value)

    def reason(self, ctx):
        return ("fact", {"fact": self.name, "answer": ctx.facts.get(self.name), "op": self.op,
                         "value": self.value})

    def missing(self, ctx):
        return [self.name] if self.op != "answered" and self.name not in ctx.facts else []

    def evm(self, ctx, out):
        facts = ctx.facts
        if self.op == "answered":
            return (self.name in facts) == self.value
        if self.name not in facts:
            out.append(self.name)
            return None
        return self.fn(facts[self.name], self.value)

    def describe(self):
        return ("fact_cond", {"fact": self.name, "op": self.op, "value": self.value})


class Material(Node):
    __slots__ = ("names",)

    def __init__(self, names: list[str]) -> None:
        self.names = frozenset(n.casefold() for n in names)

    def ev(self, ctx):
        mats = ctx.material_names
        if not mats:
            return None
        return not self.names.isdisjoint(mats)

    def reason(self, ctx):
        return ("material", {"materials": sorted(self.names & ctx.material_names)})

    def missing(self, ctx):
        return [] if ctx.material_names else ["materials"]

    def describe(self):
        return ("material_any", {"names": sorted(self.names)})


class PartyNode(Node):
    """Base for predicates over the product's parties; unknown when no party is given."""

    __slots__ = ("role",)

    def parties(self, ctx):
        if self.role in (None, "any"):
            return ctx.parties
        return [p for p in ctx.parties if p[0] == self.role]

    def ev(self, ctx):
        parties = self.parties(ctx)
        if not parties:
            return None
        return self.first(ctx, parties) is not None

    def reason(self, ctx):
        return self.first(ctx, self.parties(ctx))

    def missing(self, ctx):
        return [] if self.parties(ctx) else ["parties"]

    def first(self, ctx, parties):  # pragma: no cover - abstract
        raise NotImplementedError


class Party(PartyNode):
    __slots__ = ("countries", "regions")

    def __init__(self, role: str | None, countries: list[str] | None, regions: list[str] | None) -> None:
        self.role = role
        self.countries = frozenset(countries) if countries else None
        self.regions = tuple(r.casefold() for r in regions) if regions else None

    def first(self, ctx, parties):
        for role, party in parties:
            if self.countries is not None and party.country not in self.countries:
                continue
            if self.regions is not None:
                where = " ".join(filter(None, (party.region, party.address))).casefold()
                if not any(r in where for r in self.regions):
                    continue
            return ("party", {"role": role, "name": party.name, "country": party.country,
                              "region": party.region})
        return None

    def describe(self):
        return ("party_cond", {"role": self.role or "any",
                               "countries": sorted(self.countries or []),
                               "regions": list(self.regions or [])})


class PartyListed(PartyNode):
    __slots__ = ("list_name", "min_score", "screener")

    def __init__(self, role, list_name: str, min_score: float, screener: Any) -> None:
        self.role = role
        self.list_name = list_name
        self.min_score = min_score
        self.screener = screener

    def ev(self, ctx):
        # whether any party matches, without the reason :meth:`first` builds for the best match
        parties = self.parties(ctx)
        if not parties:
            return None
        screener, min_score, as_of = self.screener, self.min_score, ctx.as_of
        for _, party in parties:
            if screener.match(party.name, party.country, min_score=min_score, limit=1, as_of=as_of):
                return True
        return False

    def first(self, ctx, parties):
        best = None
        for role, party in parties:
            for m in self.screener.match(party.name, party.country, min_score=self.min_score, limit=1,
                                         as_of=ctx.as_of):
                if best is None or m.score > best[2].score:
                    best = (role, party, m)
        if best is None:
            return None
        role, party, m = best
        return ("party_listed", {"role": role, "name": party.name, "list": m.list_name,
                                 "entry": m.entry_name, "matched": m.matched_text,
                                 "field": m.matched_field, "score": round(m.score, 1),
                                 "method": m.method,
                                 "listed": {k: v for k, v in m.entry.items()
                                            if k in ("date_added", "fr_citation", "source_url",
                                                     "list_section", "effective_date") and v}})

    def describe(self):
        return ("party_listed_cond", {"role": self.role or "any", "list": self.list_name,
                                      "min_score": self.min_score})


class PartyInRegion(PartyNode):
    __slots__ = ("list_name", "gazetteer")

    def __init__(self, role, list_name: str, gazetteer: Any) -> None:
        self.role = role
        self.list_name = list_name
        self.gazetteer = gazetteer

    def first(self, ctx, parties):
        for role, party in parties:
            for text in (party.region, party.address):
                if text:
                    hit = self.gazetteer.find(text, party.country)
                    if hit is not None:
                        return ("party_in_region", {"role": role, "name": party.name,
                                                    "list": hit.list_name, "place": hit.place,
                                                    "place_zh": hit.name_zh,
                                                    "matched": hit.matched_text})
        return None

    def describe(self):
        return ("party_in_region_cond", {"role": self.role or "any", "list": self.list_name})


class Compare(Node):
    """A numeric comparison on a profile value (customs value)."""

    __slots__ = ("attr", "ops", "missing_name")

    def __init__(self, attr: str, ops: dict[str, float], missing_name: str) -> None:
        self.attr = attr
        self.ops = tuple((_OPS[k], k, v) for k, v in ops.items())
        self.missing_name = missing_name

    def ev(self, ctx):
        value = getattr(ctx, self.attr)
        if value is None:
            return None
        for fn, _, v in self.ops:
            if not fn(value, v):
                return False
        return True

    def reason(self, ctx):
        return ("compare", {"field": self.attr, "value": getattr(ctx, self.attr),
                            "ops": {k: v for _, k, v in self.ops}})

    def missing(self, ctx):
        return [self.missing_name] if getattr(ctx, self.attr) is None else []

    def describe(self):
        return ("compare_cond", {"field": self.attr, "ops": {k: v for _, k, v in self.ops}})


class EntryDate(Node):
    __slots__ = ("start", "end")

    def __init__(self, start: dt.date | None, end: dt.date | None) -> None:
        self.start, self.end = start, end

    def ev(self, ctx):
        d = ctx.as_of
        return (self.start is None or d >= self.start) and (self.end is None or d <= self.end)

    def reason(self, ctx):
        return ("entry_date", {"date": ctx.as_of.isoformat()})

    def describe(self):
        return ("entry_date_cond", {"from": self.start and self.start.isoformat(),
                                    "to": self.end and self.end.isoformat()})


class ManufactureDate(Node):
    """The profile's date of manufacture in a window; many safety standards apply by it."""

    __slots__ = ("start", "end")

    def __init__(self, start: dt.date | None, end: dt.date | None) -> None:
        self.start, self.end = start, end

    def ev(self, ctx):
        d = ctx.profile.manufacture_date
        if d is None:
            return None
        return (self.start is None or d >= self.start) and (self.end is None or d <= self.end)

    def reason(self, ctx):
        return ("manufacture_date", {"date": ctx.profile.manufacture_date.isoformat()})

    def missing(self, ctx):
        return ["manufacture_date"] if ctx.profile.manufacture_date is None else []

    def describe(self):
        return ("manufacture_date_cond", {"from": self.start and self.start.isoformat(),
                                          "to": self.end and self.end.isoformat()})


class Named(Node):
    """A pack's named condition, used by reference; it explains itself by its parts."""

    __slots__ = ("name", "inner")

    def __init__(self, name: str, inner: Node) -> None:
        self.name, self.inner = name, inner

    def ev(self, ctx):
        return self.inner.ev(ctx)

    def why(self, ctx, out):
        return self.inner.why(ctx, out)

    def missing(self, ctx):
        return self.inner.missing(ctx)

    def evm(self, ctx, out):
        return self.inner.evm(ctx, out)

    def describe(self):
        return ("named_cond", {"name": self.name, "inner": self.inner.describe()})

    def children(self):
        return (self.inner,)


class Always(Node):
    __slots__ = ()

    def ev(self, ctx):
        return True

    def reason(self, ctx):
        return ("always", {})

    def why(self, ctx, out):
        return True

    def describe(self):
        return ("always", {})


PREDICATE_KEYS = ("all", "any", "not", "condition", "hts", "hts_list", "origin", "fact", "material", "party",
                  "party_listed", "party_in_region", "customs_value", "entry_date", "manufacture_date",
                  "transport")
MODIFIERS = {"fact": ("is", "in", "gte", "gt", "lte", "lt", "answered")}
COMPARE_OPS = ("gte", "gt", "lte", "lt")


class Compiler:
    """Compiles condition mappings of one pack set; errors name the exact key."""

    def __init__(self, facts: dict[str, "FactDef"], lists: dict[str, Any],
                 screener_for: Callable[[str], Any], gazetteer_for: Callable[[str], Any]) -> None:
        self.facts = facts
        self.lists = lists
        self.screener_for = screener_for
        self.gazetteer_for = gazetteer_for
        self.facts_read: set[str] = set()
        self.lists_read: set[str] = set()
        #: name -> (raw condition, error factory of its file); compiled on first use
        self.named: dict[str, tuple[Any, Callable[..., RulePackError]]] = {}
        self._named_nodes: dict[str, Node] = {}
        self._compiling: set[str] = set()

    def compile(self, cond: Any, error: Callable[[tuple, str, str], RulePackError],
                path: tuple = ()) -> Node:
        if not isinstance(cond, dict) or not cond:
            raise error(path, "a condition is a mapping with one of: " + ", ".join(PREDICATE_KEYS), "L001")
        keys = [k for k in cond if k in PREDICATE_KEYS]
        if len(keys) != 1:
            what = "no known" if not keys else "more than one"
            raise error(path, f"condition has {what} predicate ({', '.join(map(str, cond))}); "
                              f"expected exactly one of: {', '.join(PREDICATE_KEYS)}", "L001")
        key = keys[0]
        allowed = {key, *MODIFIERS.get(key, ())}
        if key in ("party", "party_listed", "party_in_region"):
            allowed.add("role")
        for extra in cond:
            if extra not in allowed:
                raise error(path + (extra,), f"unknown key in a `{key}` condition", "L001")
        value = cond[key]
        at = path + (key,)
        method = getattr(self, "_" + key)
        return method(value, cond, error, at)

    # combinators
    def _all(self, value, cond, error, at):
        return All(self._parts(value, error, at))

    def _any(self, value, cond, error, at):
        return Any_(self._parts(value, error, at))

    def _parts(self, value, error, at):
        if not isinstance(value, list) or not value:
            raise error(at, "expected a non-empty list of conditions", "L001")
        return [self.compile(v, error, at + (i,)) for i, v in enumerate(value)]

    def _not(self, value, cond, error, at):
        return Not(self.compile(value, error, at))

    # predicates
    def _hts(self, value, cond, error, at):
        items = value if isinstance(value, list) else [value]
        prefixes = []
        for i, item in enumerate(items):
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                raise error(at + (i,), "write HTS prefixes as quoted strings, e.g. \"8517.62\"", "L001")
            digits = str(item).replace(".", "").strip()
            if not digits.isdigit() or not 2 <= len(digits) <= 10:
                raise error(at + (i,), f"expected an HTS prefix of 2 to 10 digits, got {item!r}", "L001")
            prefixes.append(digits)
        return Hts(prefixes)

    def _hts_list(self, value, cond, error, at):
        lst = self._list(value, error, at)
        try:
            prefixes = lst.hts_prefixes
            windows = lst.hts_windows()
        except RulePackError as exc:
            raise error(at, exc.message, "L004") from None
        return HtsList(lst.name, prefixes, str(lst.path), windows)

    def _list(self, value, error, at):
        if not isinstance(value, str) or value not in self.lists:
            raise error(at, f"unknown list {value!r}", "L004")
        self.lists_read.add(value)
        return self.lists[value]

    def _origin(self, value, cond, error, at):
        from .countries import ISO_ALPHA2
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if str(item).upper() not in ISO_ALPHA2:
                raise error(at + (i,), f"unknown country code {item!r}", "L001")
        return Origin([str(i).upper() for i in items])

    def _fact(self, value, cond, error, at):
        name = value
        if not isinstance(name, str) or name not in self.facts:
            raise error(at, f"undeclared fact {name!r}", "L003")
        self.facts_read.add(name)
        ops = [k for k in MODIFIERS["fact"] if k in cond]
        if len(ops) != 1:
            raise error(at, "a fact condition needs exactly one of: " + ", ".join(MODIFIERS["fact"]), "L001")
        op = ops[0]
        raw = cond[op]
        fact = self.facts[name]
        opat = at[:-1] + (op,)
        if op == "answered":
            if not isinstance(raw, bool):
                raise error(opat, "`answered` takes true or false", "L005")
            return Fact(name, op, raw)
        if op in COMPARE_OPS and fact.type not in ("number", "date"):
            raise error(opat, f"`{op}` compares numbers or dates; fact '{name}' is {fact.type}", "L005")
        try:
            if op == "in":
                if not isinstance(raw, list) or not raw:
                    raise ValueError("`in` takes a non-empty list")
                coerced: Any = frozenset(fact.coerce(v) for v in raw) if fact.type != "date" \
                    else tuple(fact.coerce(v) for v in raw)
            else:
                coerced = fact.coerce(raw)
                if fact.type == "bool" and not isinstance(raw, bool):
                    raise ValueError(f"expected true or false, got {raw!r}")
        except ValueError as exc:
            raise error(opat, f"fact '{name}' ({fact.type}): {exc}", "L005") from None
        return Fact(name, op, coerced)

    def _material(self, value, cond, error, at):
        items = value if isinstance(value, list) else [value]
        if not items or not all(isinstance(i, str) and i for i in items):
            raise error(at, "expected a material name or a list of names", "L001")
        return Material(items)

    def _role(self, cond, error, at):
        role = cond.get("role", "any")
        if role not in ("any", "manufacturer", "supplier"):
            raise error(at[:-1] + ("role",), "role is any, manufacturer or supplier", "L001")
        return role

    def _party(self, value, cond, error, at):
        if not isinstance(value, dict):
            raise error(at, "expected a mapping of role, country, region", "L001")
        for k in value:
            if k not in ("role", "country", "region"):
                raise error(at + (k,), "unknown key; expected role, country or region", "L001")
        role = value.get("role", "any")
        if role not in ("any", "manufacturer", "supplier"):
            raise error(at + ("role",), "role is any, manufacturer or supplier", "L001")
        countries = value.get("country")
        regions = value.get("region")
        countries = [countries] if isinstance(countries, str) else countries
        regions = [regions] if isinstance(regions, str) else regions
        return Party(role, [c.upper() for c in countries] if countries else None, regions)

    def _party_listed(self, value, cond, error, at):
        if isinstance(value, str):
            value = {"list": value}
        if not isinstance(value, dict) or "list" not in value:
            raise error(at, "expected {list: NAME, min_score: N}", "L001")
        for k in value:
            if k not in ("list", "min_score", "role"):
                raise error(at + (k,), "unknown key; expected list, min_score or role", "L001")
        lst = self._list(value["list"], error, at + ("list",))
        score = value.get("min_score", 92)
        if not isinstance(score, (int, float)) or not 0 <= score <= 100:
            raise error(at + ("min_score",), "min_score is a number from 0 to 100", "L001")
        role = value.get("role", cond.get("role", "any"))
        return PartyListed(role, lst.name, float(score), self.screener_for(lst.name))

    def _party_in_region(self, value, cond, error, at):
        lst = self._list(value, error, at)
        return PartyInRegion(self._role(cond, error, at), lst.name, self.gazetteer_for(lst.name))

    def _customs_value(self, value, cond, error, at):
        return Compare("customs_value", self._ops(value, error, at), "customs_value")

    def _ops(self, value, error, at):
        if not isinstance(value, dict) or not value:
            raise error(at, "expected a mapping of gte / gt / lte / lt to numbers", "L001")
        for k, v in value.items():
            if k not in COMPARE_OPS:
                raise error(at + (k,), "expected gte, gt, lte or lt", "L001")
            if not isinstance(v, (int, float)) or isinstance(v, bool):
                raise error(at + (k,), "expected a number", "L005")
        return dict(value)

    def _entry_date(self, value, cond, error, at):
        if not isinstance(value, dict) or not set(value) <= {"from", "to"} or not value:
            raise error(at, "expected {from: DATE, to: DATE}", "L001")
        for k, v in value.items():
            if not isinstance(v, dt.date):
                raise error(at + (k,), "expected a date YYYY-MM-DD", "L001")
        return EntryDate(value.get("from"), value.get("to"))

    def _manufacture_date(self, value, cond, error, at):
        if not isinstance(value, dict) or not set(value) <= {"from", "to"} or not value:
            raise error(at, "expected {from: DATE, to: DATE}", "L001")
        for k, v in value.items():
            if not isinstance(v, dt.date):
                raise error(at + (k,), "expected a date YYYY-MM-DD", "L001")
        return ManufactureDate(value.get("from"), value.get("to"))

    def _condition(self, value, cond, error, at):
        if not isinstance(value, str) or value not in self.named:
            raise error(at, f"unknown named condition {value!r}", "L004")
        node = self._named_nodes.get(value)
        if node is None:
            if value in self._compiling:
                raise error(at, f"named condition {value!r} refers to itself", "L001")
            self._compiling.add(value)
            try:
                raw, own_error = self.named[value]
                node = Named(value, self.compile(raw, own_error))
            finally:
                self._compiling.discard(value)
            self._named_nodes[value] = node
        return node

    def _transport(self, value, cond, error, at):
        if "transport_mode" not in self.facts:
            raise error(at, "undeclared fact 'transport_mode'", "L003")
        items = value if isinstance(value, list) else [value]
        return self._fact("transport_mode", {"fact": "transport_mode", "in": items}, error, at)


def hts_guard(node: Node) -> frozenset[str] | None:
    """HTS prefixes outside of which the condition cannot be true (None: no such bound)."""
    if isinstance(node, (Hts, HtsList)):
        return node.prefixes.items
    if isinstance(node, Named):
        return hts_guard(node.inner)
    if isinstance(node, All):
        guards = [g for g in map(hts_guard, node.parts) if g is not None]
        return min(guards, key=len) if guards else None
    if isinstance(node, Any_):
        guards = [hts_guard(p) for p in node.parts]
        if guards and all(g is not None for g in guards):
            return frozenset().union(*guards)  # type: ignore[arg-type]
    return None


def reasons(cond: Node | None, ctx: "Context") -> list[Reason]:
    """Why a rule's condition holds for a product (a rule without one holds always)."""
    out: list[Reason] = []
    if cond is None:
        out.append(("always", {}))
    else:
        cond.why(ctx, out)
    return out


def walk(node: Node) -> Iterable[Node]:
    yield node
    for child in node.children():
        yield from walk(child)



STATIC_NODES = (Hts, HtsList, Origin, EntryDate, Always)
_STATIC = STATIC_NODES


def residual(node: Node, ctx: Any) -> "Node | bool":
    """What is left of a condition once the HTS code, origin and entry date of ``ctx`` are known:
    True, False, or a smaller condition over facts, parties, materials and values.

    The engine evaluates the residual for every product that shares those three inputs, so a
    product pays only for the parts of a rule that can differ between products.
    """
    return node.residual(ctx)


def _residual_dynamic(self: Node, ctx: Any) -> "Node | bool":
    return self


def _residual_static(self: Node, ctx: Any) -> bool:
    return bool(self.ev(ctx))


def _residual_named(self: "Named", ctx: Any) -> "Node | bool":
    return self.inner.residual(ctx)


def _residual_not(self: Not, ctx: Any) -> "Node | bool":
    inner = self.part.residual(ctx)
    return (not inner) if inner is True or inner is False else Not(inner)


def _combine(decisive: bool, make: Callable[[list[Node]], Node]):
    def combined(self, ctx):
        rest = []
        for part in self.parts:
            r = part.residual(ctx)
            if r is decisive:
                return decisive
            if r is not (not decisive):
                rest.append(r)
        if not rest:
            return not decisive
        return rest[0] if len(rest) == 1 else make(rest)
    return combined


# Methods attached here rather than in each class so the partial evaluation reads as one piece.
Node.residual = _residual_dynamic  # type: ignore[attr-defined]
for _cls in _STATIC:
    _cls.residual = _residual_static  # type: ignore[attr-defined]
Named.residual = _residual_named  # type: ignore[attr-defined]
Not.residual = _residual_not  # type: ignore[attr-defined]
All.residual = _combine(False, All)  # type: ignore[attr-defined]
Any_.residual = _combine(True, Any_)  # type: ignore[attr-defined]


def time_edges(node: Node) -> Iterable["dt.date"]:
    """Dates on which the static value of a condition can change (entry-date windows, dated lists)."""
    for n in walk(node):
        if isinstance(n, EntryDate):
            if n.start:
                yield n.start
            if n.end:
                yield n.end + dt.timedelta(days=1)
        elif isinstance(n, HtsList) and n.windows:
            for windows in n.windows.values():
                for start, end in windows:
                    if start:
                        yield start
                    if end:
                        yield end + dt.timedelta(days=1)


class LazyWhy:
    """The reasons a condition holds for one product, worked out only if someone reads them."""

    __slots__ = ("cond", "ctx")

    def __init__(self, cond: Node | None, ctx: Any) -> None:
        self.cond, self.ctx = cond, ctx

    def __call__(self) -> list:
        return reasons(self.cond, self.ctx)
