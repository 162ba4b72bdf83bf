"""A rule as its YAML file states it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from .common import Citation, Strict, Text, Window

Kind = Literal["requirement", "prohibition", "tariff", "risk", "advisory"]
Severity = Literal["prohibited", "blocking", "required", "advisory"]
Status = Literal["draft", "active", "deprecated"]

SEVERITY_RANK = {"prohibited": 3, "blocking": 2, "required": 1, "advisory": 0}

# A condition is validated and compiled by compliance.conditions, which knows the facts
# and lists; the model keeps it as data so its errors can name the exact key.
Condition = dict[str, Any]


class DocumentGroup(Strict):
    """Documents of which any one suffices."""

    any_of: list[Text] = Field(min_length=2)


def _document_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "group" if "any_of" in value else "text"
    return "group" if hasattr(value, "any_of") else "text"


Document = Annotated[Union[Annotated[DocumentGroup, Tag("group")], Annotated[Text, Tag("text")]],
                     Discriminator(_document_kind)]


class Exemption(Strict):
    """Evidence that lifts the rule when the user holds it."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    when: Condition
    reason: Text


class DatedText(Strict):
    """A title or action that takes effect on a date."""

    from_: dt.date = Field(alias="from")
    title: Text | None = None
    action: Text | None = None


class RateWindow(Strict):
    """One step of a tariff rate timeline; `to` is inclusive."""

    from_: dt.date = Field(alias="from")
    to: dt.date | None = None
    percent: float | None = Field(default=None, ge=0, description="ad valorem rate")
    floor_percent: float | None = Field(
        default=None, ge=0,
        description="a total: the line's rate is this minus the product's MFN ad valorem rate (not below 0)")
    note: Text | None = None

    @model_validator(mode="after")
    def _one_rate(self) -> "RateWindow":
        if (self.percent is None) == (self.floor_percent is None):
            raise ValueError("a rate window has exactly one of percent or floor_percent")
        return self


class HeldUnlawful(Strict):
    date: dt.date
    cite: str
    url: str = Field(pattern=r"^https?://")
    note: Text


class Rule(Strict):
    """One rule of a pack."""

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9.]+)*$",
                    description="stable id: upper-case letters, digits, dashes")
    kind: Kind
    agency: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$",
                        description="upper-case acronym, e.g. FDA, FCC, USDA-APHIS")
    severity: Severity
    status: Status = "active"
    title: Text
    action: Text | None = None
    documents: list[Document] = Field(default_factory=list)
    exemptions: list[Exemption] = Field(default_factory=list)
    when: Condition | None = None
    effective: Window
    citations: list[Citation] = Field(min_length=1)
    texts: list[DatedText] = Field(default_factory=list)
    last_reviewed: dt.date
    note: str | None = None
    # tariff rules only
    program: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$")
    heading: str | None = Field(default=None, pattern=r"^\d{4}\.\d{2}\.\d{2}$")
    basis: str = Field(default="value", pattern=r"^(value|[a-z_]+_content)$")
    rates: list[RateWindow] = Field(default_factory=list)
    yields_to: list[str] = Field(default_factory=list)
    held_unlawful: HeldUnlawful | None = None

    @field_validator("when", mode="before")
    @classmethod
    def _when_is_mapping(cls, v: Any) -> Any:
        if v is not None and not isinstance(v, dict):
            raise ValueError("a condition is a mapping (all / any / not or a predicate)")
        return v

    @model_validator(mode="after")
    def _tariff_fields(self) -> "Rule":
        if self.kind == "tariff":
            missing = [f for f in ("program", "heading") if getattr(self, f) is None]
            if missing or not self.rates:
                raise ValueError("a tariff rule needs program, heading and rates")
        elif self.rates or self.heading:
            raise ValueError("rates and heading are only for kind: tariff")
        return self

    def text_on(self, day: dt.date) -> tuple[Text, Text | None]:
        """Title and action in force on a day."""
        title, action = self.title, self.action
        for dated in sorted(self.texts, key=lambda t: t.from_):
            if dated.from_ <= day:
                title = dated.title or title
                action = dated.action or action
        return title, action

    def rate_on(self, day: dt.date) -> RateWindow | None:
        for window in self.rates:
            if window.from_ <= day and (window.to is None or day <= window.to):
                return window
        return None


class RuleFile(Strict):
    rules: list[Rule]


class OverlayEntry(Strict):
    """A bundled rule that a company pack replaces or switches off, and why."""

    id: str
    reason: str = Field(min_length=1)


class PackManifest(Strict):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title: Text | None = None
    description: Text | None = None
    overrides: list[OverlayEntry] = Field(default_factory=list,
                                          description="rules of earlier packs this pack replaces (same id)")
    disable: list[OverlayEntry] = Field(default_factory=list,
                                        description="rules of earlier packs this pack switches off")
