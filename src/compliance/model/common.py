"""Small parts shared by rules and facts: bilingual text, citations, date windows."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# A folded YAML scalar (>-) joins lines with a space; between two Chinese characters that space
# is an artefact, not writing.
_FOLD_SPACE = re.compile(f"(?<=[{_CJK}])[ \t\n]+(?=[{_CJK}])")


class Text(Strict):
    """A text in English and Chinese."""

    en: str = Field(min_length=1, description="English text")
    zh: str | None = Field(default=None, description="Chinese text (简体中文)")

    @field_validator("zh")
    @classmethod
    def _unfold(cls, value: str | None) -> str | None:
        return None if value is None else _FOLD_SPACE.sub("", value)

    def get(self, lang: str) -> str:
        if lang == "zh" and self.zh:
            return self.zh
        return self.en


class Citation(Strict):
    """A legal source: a CFR section, a Federal Register cite, a statute, an order."""

    cite: str = Field(min_length=1, description="e.g. '47 CFR 2.1204', '90 FR 11249', '19 U.S.C. 1304'")
    url: str | None = Field(default=None, pattern=r"^https?://", description="official URL of the text")
    title: str | None = None


class Window(Strict):
    """An effective window; `to` is inclusive and may be open."""

    from_: dt.date = Field(alias="from")
    to: dt.date | None = None

    def contains(self, day: dt.date) -> bool:
        return self.from_ <= day and (self.to is None or day <= self.to)
