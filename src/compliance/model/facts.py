"""The facts catalogue: every fact a rule may read, declared once."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, model_validator

from .common import Strict, Text

FactType = Literal["bool", "enum", "number", "string", "date"]


class FactDef(Strict):
    """One declared fact: its type, allowed values and the question that asks for it."""

    type: FactType
    values: list[str] | None = Field(default=None, description="allowed values of an enum fact")
    question: Text
    help: Text | None = None

    @model_validator(mode="after")
    def _enum_has_values(self) -> "FactDef":
        if self.type == "enum" and not self.values:
            raise ValueError("an enum fact needs `values`")
        if self.type != "enum" and self.values:
            raise ValueError("`values` is only for enum facts")
        return self

    def coerce(self, value: Any) -> Any:
        """Return the answer in its canonical type, or raise ValueError saying what was expected."""
        t = self.type
        if t == "bool":
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().lower() in _BOOL_WORDS:
                return _BOOL_WORDS[value.strip().lower()]
            raise ValueError(f"expected true or false, got {value!r}")
        if t == "number":
            if isinstance(value, bool):
                raise ValueError(f"expected a number, got {value!r}")
            if isinstance(value, (int, float)):
                return value
            try:
                return float(value)
            except (TypeError, ValueError):
                raise ValueError(f"expected a number, got {value!r}") from None
        if t == "enum":
            text = str(value) if not isinstance(value, bool) else str(value).lower()
            assert self.values is not None
            if text not in self.values:
                raise ValueError(f"expected one of {', '.join(self.values)}; got {value!r}")
            return text
        if t == "date":
            if isinstance(value, dt.date):
                return value
            try:
                return dt.date.fromisoformat(str(value))
            except ValueError:
                raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}") from None
        if isinstance(value, (dict, list)):
            raise ValueError(f"expected text, got {type(value).__name__}")
        return str(value)


_BOOL_WORDS = {"true": True, "yes": True, "y": True, "1": True, "是": True,
               "false": False, "no": False, "n": False, "0": False, "否": False}


class FactsFile(Strict):
    facts: dict[str, FactDef]
