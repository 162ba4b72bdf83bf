"""HTS lists whose entries are dated: membership depends on the entry date."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import compliance

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-pack"


def test_dated_entry_matches_only_in_its_window(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(MINI, pack)
    (pack / "lists" / "demo-list.csv").write_text(
        "# source: Test fixture\n# url: https://hts.usitc.gov/\n# edition: 2026-01-01\n"
        "hts,from,to,description\n85176200,,2019-12-31,routers until 2019\n9018,2020-01-01,,instruments from 2020\n",
        encoding="utf-8")
    engine = compliance.Engine.load([pack], include_default=False, cache=False)

    def on(hts, day):
        cl = engine.evaluate({"hts": hts, "origin": "CN"}, dt.date.fromisoformat(day))
        return "9903.88.03" in {t.heading for t in cl.tariffs}

    assert on("8517.62.0090", "2019-12-31")
    assert not on("8517.62.0090", "2020-01-01")
    assert not on("9018.19.0000", "2019-12-31")
    assert on("9018.19.0000", "2020-01-01")
