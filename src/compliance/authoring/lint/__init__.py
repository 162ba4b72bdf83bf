"""`compliance rules lint`: every problem of a set of packs at once, with its place.

Codes are stable. ``L0xx`` are load errors (the pack cannot be used as it is), ``L1xx``
are content checks. Each code is documented by a function's docstring in ``checks.py``;
``docs/lint-codes.md`` is generated from them (``compliance rules lint --list-codes``).
"""

from .checks import CODES, catalogue
from .problem import Problem
from .runner import lint_packs, lint_paths

__all__ = ["CODES", "Problem", "catalogue", "lint_packs", "lint_paths"]
