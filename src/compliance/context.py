"""What one evaluation knows about the product, prepared once for every rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .profile import Party, Profile


class Context:
    __slots__ = ("profile", "hts", "origin", "facts", "material_names", "parties",
                 "customs_value", "as_of")

    def __init__(self, profile: Profile, facts: dict[str, Any], as_of: dt.date) -> None:
        self.profile = profile
        self.hts = profile.hts
        self.origin = profile.origin
        self.facts = facts
        self.material_names = frozenset(m.name.casefold() for m in profile.materials)
        self.parties: list[tuple[str, Party]] = profile.parties
        self.customs_value = profile.customs_value
        self.as_of = as_of
