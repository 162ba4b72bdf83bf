"""The collector tuning of long runs is undone afterwards, and nesting leaves the outer in charge."""

from __future__ import annotations

import gc

import compliance
from compliance.gctune import gc_tuned


def test_threshold_restored_and_nesting_keeps_the_outer_setting():
    before = gc.get_threshold()
    with gc_tuned():
        tuned = gc.get_threshold()
        assert tuned != before
        with gc_tuned():
            pass
        assert gc.get_threshold() == tuned   # the inner exit did not undo the outer
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_evaluate_many_restores_the_collector_when_exhausted_or_dropped():
    engine = compliance.Engine.load()
    before = gc.get_threshold()
    products = [{"hts": "8517.62.0090", "origin": "CN"}] * 3
    assert len(list(engine.evaluate_many(products))) == 3
    assert gc.get_threshold() == before
    stream = engine.evaluate_many(products)
    next(stream)
    stream.close()
    assert gc.get_threshold() == before
