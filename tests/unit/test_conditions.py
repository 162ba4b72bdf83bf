"""Three-valued logic of conditions: Kleene's strong logic, checked as properties."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, strategies as st

from compliance.conditions import All, Any_, Node, Not, hts_guard, Hts, Origin

T, F, U = True, False, None
values = st.sampled_from([T, F, U])


class Const(Node):
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v

    def ev(self, ctx):
        return self.v

    def reason(self, ctx):
        return ("always", {})

    def describe(self):
        return ("always", {})


def kleene_and(vs):
    if F in vs:
        return F
    return U if U in vs else T


def kleene_or(vs):
    if T in vs:
        return T
    return U if U in vs else F


@given(st.lists(values, min_size=1, max_size=6))
def test_all_is_kleene_and(vs):
    assert All([Const(v) for v in vs]).ev(None) is kleene_and(vs)


@given(st.lists(values, min_size=1, max_size=6))
def test_any_is_kleene_or(vs):
    assert Any_([Const(v) for v in vs]).ev(None) is kleene_or(vs)


@given(values)
def test_not_keeps_unknown(v):
    assert Not(Const(v)).ev(None) is (None if v is None else not v)


@given(st.lists(values, min_size=1, max_size=5))
def test_de_morgan(vs):
    parts = [Const(v) for v in vs]
    assert Not(All(parts)).ev(None) is Any_([Not(p) for p in parts]).ev(None)


@given(st.lists(values, min_size=1, max_size=6))
def test_why_agrees_with_ev(vs):
    node = Any_([All([Const(v), Const(w)]) for v, w in zip(vs, reversed(vs))])
    assert node.why(None, []) is node.ev(None)


def test_hts_guard():
    assert hts_guard(All([Origin(["CN"]), Hts(["8517"])])) == frozenset({"8517"})
    assert hts_guard(Any_([Hts(["8517"]), Hts(["8471"])])) == frozenset({"8517", "8471"})
    assert hts_guard(Any_([Hts(["8517"]), Origin(["CN"])])) is None
    assert hts_guard(Not(Hts(["8517"]))) is None


class Ctx:
    hts = "8517620090"
    origin = "CN"
    as_of = dt.date(2025, 1, 1)


@given(st.text(alphabet="0123456789", min_size=2, max_size=10))
def test_hts_prefix_matches_startswith(prefix):
    assert Hts([prefix]).ev(Ctx) is Ctx.hts.startswith(prefix)


class _Facts:
    """The part of a context that fact predicates read."""

    def __init__(self, facts):
        self.facts = facts


def _trees(depth):
    from compliance.conditions import Fact
    leaf = st.builds(lambda n, v: Fact(n, "is", v), st.sampled_from(["a", "b", "c", "d"]), st.booleans())
    if depth == 0:
        return leaf
    sub = _trees(depth - 1)
    return st.one_of(leaf, st.builds(lambda ps: All(ps), st.lists(sub, min_size=1, max_size=3)),
                     st.builds(lambda ps: Any_(ps), st.lists(sub, min_size=1, max_size=3)),
                     st.builds(Not, sub))


@given(_trees(3), st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), st.booleans()))
def test_evm_gives_the_value_of_ev_and_the_facts_of_missing(node, facts):
    ctx = _Facts(facts)
    out: list[str] = []
    value = node.evm(ctx, out)
    assert value is node.ev(ctx)
    assert out == (node.missing(ctx) if value is None else [])
