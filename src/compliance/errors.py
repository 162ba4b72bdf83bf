"""Errors raised by the library.

    ComplianceError
     ├── InputError            bad input: a profile, a rule pack, a list (the CLI exits 2)
     │    └── RulePackError    a rule pack that does not load or compile
     └── EvaluationError       the engine could not evaluate a valid input

Every ``InputError`` knows the file, line, column and field it is about, and prints as one
line: ``file:line:col: field: message``.
"""

from __future__ import annotations


class ComplianceError(Exception):
    """Base of every error the library raises on purpose."""


class InputError(ComplianceError):
    """Bad input, located in a file."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        code: str = "E000",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.code = code

    def located(self, file: str | None = None, line: int | None = None,
                column: int | None = None) -> "InputError":
        """Fill in a location that the raiser did not know."""
        if self.file is None:
            self.file = file
        if self.line is None:
            self.line, self.column = line, column
        return self

    @property
    def where(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        field = f"{self.field}: " if self.field else ""
        where = f"{self.where}: " if self.file or self.line is not None else ""
        return f"{where}{field}{self.message}"

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column,
                "field": self.field, "code": self.code, "message": self.message}


class RulePackError(InputError):
    """A rule pack that does not load, validate or compile."""


class EvaluationError(ComplianceError):
    """The engine could not evaluate a valid input."""
