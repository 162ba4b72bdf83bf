"""A compiled condition beside the YAML it came from: every node with its path in the rule file.

The compiler builds ``all`` / ``any`` / ``not`` nodes in the order of the YAML, so the two
trees can be walked together; the path of a node is the key path from the rule's mapping
(``("when", "all", 1, "any", 0)``), which the rule's :class:`~compliance.packs.LoadedRule`
turns into a line and column. Used by lint (where a condition can never be true), branch
coverage (which branches no test took) and rule-test explanations (which predicate failed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from ..conditions import All, Any_, Node, Not
from ..i18n import describe

if TYPE_CHECKING:
    from ..compiled import CompiledRule
    from ..context import Context

Path = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Located:
    """One node of a compiled condition and where it is written."""

    node: Node
    path: Path
    role: str          # root | part (of all) | alternative (of any) | negated (under not)

    @property
    def compound(self) -> bool:
        return isinstance(self.node, (All, Any_, Not))

    def words(self, lang: str = "en") -> str:
        return describe(self.node.describe(), lang)


def dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def children(node: Node, path: Path) -> list[tuple[Node, Path, str]]:
    """The direct children of a node with their paths and roles."""
    if isinstance(node, All):
        return [(p, path + ("all", i), "part") for i, p in enumerate(node.parts)]
    if isinstance(node, Any_):
        return [(p, path + ("any", i), "alternative") for i, p in enumerate(node.parts)]
    if isinstance(node, Not):
        return [(node.part, path + ("not",), "negated")]
    return []


def located_nodes(node: Node, path: Path = ("when",), role: str = "root") -> Iterator[Located]:
    """Every node of a condition, parents first, with its path."""
    yield Located(node, path, role)
    for child, cpath, crole in children(node, path):
        yield from located_nodes(child, cpath, crole)


def conditions_of(crule: "CompiledRule") -> list[tuple[Node, Path]]:
    """The rule's `when` and the `when` of each exemption, with the path of each root."""
    out: list[tuple[Node, Path]] = []
    if crule.cond is not None:
        out.append((crule.cond, ("when",)))
    for i, (_, node, _) in enumerate(crule.exemptions):
        out.append((node, ("exemptions", i, "when")))
    return out


def trace(node: Node, ctx: "Context", path: Path, seen: dict[Path, set]) -> bool | None:
    """Evaluate like the engine does (same order, same short cuts), recording each node reached.

    ``seen[path]`` collects the values (True, False, None) the node took when it was reached.
    A part of an ``all`` after a false part, or an alternative of an ``any`` after a true one,
    is not reached: the engine never looks at it, so it cannot count as a branch taken.
    """
    if isinstance(node, All):
        unknown = False
        value: bool | None = True
        for i, part in enumerate(node.parts):
            v = trace(part, ctx, path + ("all", i), seen)
            if v is False:
                value = False
                break
            if v is None:
                unknown = True
        else:
            value = None if unknown else True
    elif isinstance(node, Any_):
        unknown = False
        value = False
        for i, part in enumerate(node.parts):
            v = trace(part, ctx, path + ("any", i), seen)
            if v:
                value = True
                break
            if v is None:
                unknown = True
        else:
            value = None if unknown else False
    elif isinstance(node, Not):
        v = trace(node.part, ctx, path + ("not",), seen)
        value = None if v is None else not v
    else:
        value = node.ev(ctx)
    seen.setdefault(path, set()).add(value)
    return value


def leaf_values(node: Node, ctx: "Context", path: Path = ("when",)) -> list[tuple[Path, Node, bool | None]]:
    """The predicates the engine reached for this product, in order, with their values."""
    seen: dict[Path, set] = {}
    trace(node, ctx, path, seen)
    out = []
    for loc in located_nodes(node, path):
        # a `not` of a single predicate is one unit ("✓ not (origin is HK)"), not its inner predicate
        unit = (not loc.compound and loc.role != "negated") or (
            isinstance(loc.node, Not) and not isinstance(loc.node.part, (All, Any_, Not)))
        if unit and loc.path in seen:
            for value in sorted(seen[loc.path], key=lambda v: {True: 0, False: 1, None: 2}[v]):
                out.append((loc.path, loc.node, value))
    return out
