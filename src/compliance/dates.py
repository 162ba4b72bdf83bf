"""Dates given to the library: ``datetime.date`` objects, or ISO text from a script's settings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .errors import InputError


def as_date(value: Any, field: str = "as_of") -> dt.date | None:
    """``value`` as a date: a ``datetime.date``, a ``datetime`` (its date) or ``"YYYY-MM-DD"``;
    None stays None. Anything else is an :class:`InputError` naming ``field``."""
    if value is None or type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise InputError(f"expected a date YYYY-MM-DD, got {value!r}", field=field) from None
    raise InputError(f"expected a date (a datetime.date or 'YYYY-MM-DD'), got {type(value).__name__} {value!r}",
                     field=field)
