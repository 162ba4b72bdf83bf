"""What one evaluation knows about the product, prepared once for every rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .profile import Party, Profile


_NONE: frozenset[str] = frozenset()


class Context:
    __slots__ = ("profile", "hts", "origin", "facts", "material_names", "parties",
                 "customs_value", "as_of", "_party_key")

    def __init__(self, profile: Profile, facts: dict[str, Any], as_of: dt.date) -> None:
        self.profile = profile
        self.hts = profile.hts
        self.origin = profile.origin
        self.facts = facts
        materials = profile.materials
        self.material_names = frozenset([m.name.casefold() for m in materials]) if materials else _NONE
        self.parties: list[tuple[str, Party]] = profile.parties
        self.customs_value = profile.customs_value
        self.as_of = as_of
        self._party_key: tuple | None = None

    @property
    def party_key(self) -> tuple:
        """Everything party predicates read: the parties and the entry date (listings are dated)."""
        key = self._party_key
        if key is None:
            parties = self.parties
            key = self._party_key = (self.as_of, tuple([(role, p.name, p.country, p.region, p.address)
                                                       for role, p in parties]) if parties else ())
        return key

    def without_facts(self) -> "Context":
        """The same product with no fact answered."""
        bare = Context.__new__(Context)
        for name in Context.__slots__:
            setattr(bare, name, getattr(self, name))
        bare.facts = {}
        return bare

