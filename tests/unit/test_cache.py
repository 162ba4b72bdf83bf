"""The compiled-engine cache gives the same answers, and never breaks a run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import compliance

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-pack"
PROFILE = {"hts": "9018.19.0000", "origin": "CN", "customs_value": 1000,
           "materials": [{"name": "steel", "content_value": 300}], "facts": {"device_class": "2"}}


def _json(engine):
    return json.dumps(engine.evaluate(PROFILE, dt.date(2025, 7, 1), explain=True).to_dict())


def test_cached_engine_answers_like_a_fresh_one(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("COMPLIANCE_NO_CACHE", raising=False)
    fresh = compliance.Engine.load([MINI], include_default=False, cache=False)
    first = compliance.Engine.load([MINI], include_default=False)      # builds and stores
    assert len(list(tmp_path.glob("engine-*.pickle"))) == 1
    second = compliance.Engine.load([MINI], include_default=False)     # read from the cache
    assert _json(fresh) == _json(first) == _json(second)


def test_a_corrupt_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", str(tmp_path))
    compliance.Engine.load([MINI], include_default=False)
    for f in tmp_path.glob("engine-*.pickle"):
        f.write_bytes(b"not a pickle")
    engine = compliance.Engine.load([MINI], include_default=False)
    assert engine.by_id["T-RADIO"]
    assert not list(tmp_path.glob("*.tmp"))


def test_editing_a_rule_file_invalidates_the_cache(tmp_path, monkeypatch):
    import shutil
    pack = tmp_path / "pack"
    shutil.copytree(MINI, pack)
    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", str(tmp_path / "cache"))
    before = compliance.Engine.load([pack], include_default=False)
    rules = pack / "rules" / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("Radio needs authorization",
                                                               "Radio needs an FCC grant"), encoding="utf-8")
    after = compliance.Engine.load([pack], include_default=False)
    assert before.rules_version != after.rules_version
    assert after.by_id["T-RADIO"].rule.title.en == "Radio needs an FCC grant"


def test_a_pack_named_by_another_relative_path_is_not_given_the_other_engine(tmp_path, monkeypatch):
    """`compliance rules test examples/pack` after a run that loaded the same folder as ../examples/pack
    from elsewhere: the cached engine would name the pack's files from the other folder."""
    import shutil

    from compliance.authoring.ruletest import run_tests
    shutil.copytree(MINI, tmp_path / "examples" / "pack")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("COMPLIANCE_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path / "elsewhere")
    compliance.Engine.load([Path("../examples/pack")], include_default=False)
    monkeypatch.chdir(tmp_path)
    engine = compliance.Engine.load([Path("examples/pack")], include_default=False)
    assert [str(p.root) for p in engine.packs] == ["examples/pack"]
    assert run_tests(engine, ["examples/pack"])
