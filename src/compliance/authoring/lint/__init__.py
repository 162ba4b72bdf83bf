"""`compliance rules lint`: every problem of a set of packs at once, with its place.

Codes are stable. ``L0xx`` are load errors (the pack cannot be used as it is), ``L1xx``
are content checks. Each check is a small function whose docstring documents it; see
``docs/lint-codes.md`` (generated from them).
"""

from .problem import Problem
from .runner import lint_packs

__all__ = ["Problem", "lint_packs"]
