"""Garbage collection for long runs over many products."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

_active = 0


@contextmanager
def gc_tuned(enabled: bool = True) -> Iterator[None]:
    """Garbage collection for a long run: what is alive when it starts (the engine, its lists,
    the screening indexes) is frozen out of the collector, and collections run less often.

    A checklist's objects hold no reference cycles and are freed by reference counting as soon
    as they are dropped; without this the collector would walk the whole engine again and
    again. Nested uses (a batch run calling ``evaluate_many``) leave the outermost in charge.
    Forked workers inherit the setting.
    """
    global _active
    if not enabled or _active:
        yield
        return
    _active += 1
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()
        _active -= 1
