"""One problem found by lint."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    level: str          # error | warning
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    rule_id: str | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line or 1}:{self.column or 1}: {self.code} {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "level": self.level, "message": self.message, "file": self.file,
                "line": self.line, "column": self.column, "rule_id": self.rule_id}
