"""A rule ready to evaluate: its compiled condition, exemptions and HTS guard."""

from __future__ import annotations

from dataclasses import dataclass, field

from .conditions import Node
from .model.common import Text
from .model.rule import Rule
from .packs import LoadedRule


@dataclass(slots=True)
class CompiledRule:
    rule: Rule
    loaded: LoadedRule
    cond: Node | None
    exemptions: list[tuple[str, Node, Text]]
    guard: frozenset[str] | None
    order: int
    override_reason: str | None = None
    disabled_reason: str | None = None
    disabled_by: str | None = None

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def pack(self) -> str:
        return self.loaded.pack

    @property
    def file(self) -> str:
        return self.loaded.file

    @property
    def is_tariff(self) -> bool:
        return self.rule.kind == "tariff"

    facts_read: frozenset[str] = field(default_factory=frozenset)
    #: order of items in a checklist: severity first, then agency and id
    sort_key: tuple = ()
