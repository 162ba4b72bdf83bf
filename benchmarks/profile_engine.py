"""Where the time goes: cProfile over evaluate_many, or over a whole `compliance batch` run.

    python benchmarks/profile_engine.py                  # evaluate_many, 10,000 products
    python benchmarks/profile_engine.py --batch          # compliance.batch.run from a CSV
    python benchmarks/profile_engine.py --sort cumulative --top 40

cProfile adds a fixed cost to every Python call, so it exaggerates code made of many small
calls: confirm a finding with bench_engine.py (or an interleaved A/B timing) before
optimising for it.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--batch", action="store_true", help="profile compliance.batch.run (CSV to JSON Lines)")
    parser.add_argument("--sort", default="tottime", help="pstats sort key (tottime, cumulative...)")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()

    from compliance import batch
    from compliance.profile import profile_from_data

    engine = synth.load_engine()
    items = synth.profiles(args.products, engine)
    day = dt.date(2025, 6, 1)
    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory() as folder:
        if args.batch:
            csv_path = Path(folder) / "catalog.csv"
            synth.write_csv(csv_path, items)
            batch.run(engine, csv_path, Path(folder) / "warm.jsonl", as_of=day)   # screening caches warm
            profiler.enable()
            batch.run(engine, csv_path, Path(folder) / "out.jsonl", as_of=day)
            profiler.disable()
        else:
            profiles = [profile_from_data(p) for p in items]
            for _ in engine.evaluate_many(profiles, day):
                pass
            profiler.enable()
            for _ in engine.evaluate_many(profiles, day):
                pass
            profiler.disable()
    pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
