"""`compliance batch`, `compliance impact` and `compliance history`: whole catalogues."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from ..errors import InputError
from .common import EXIT_INPUT, load_engine, parse_date, rules_option, table_width

MAP_HELP = ("Column mapping: a YAML file of `column: field`, or COLUMN=FIELD (repeatable), e.g. "
            "--map 'HTS Code=hts' --map 'Steel USD=material:steel'.")


def _mapping(maps: tuple[str, ...]):
    from ..batch.mapping import load_mapping
    files = [m for m in maps if Path(m).is_file() or ("=" not in m)]
    pairs = [m for m in maps if m not in files]
    for m in files:
        if "=" not in m and not Path(m).exists() and not m.endswith((".yaml", ".yml", ".json")):
            raise InputError(f"expected a mapping file or COLUMN=FIELD, got {m!r}", field="--map")
    if len(files) > 1:
        raise InputError("give at most one mapping file", field="--map")
    return load_mapping(files[0] if files else None, pairs)


def _workers(n: int) -> int:
    if n < 0:
        raise InputError("--workers is 1 or more (0: one per core)", field="--workers")
    return n or (os.cpu_count() or 1)


def _say(quiet: bool, text: str) -> None:
    if not quiet:
        click.echo(text, err=True)


def _report_errors(samples: list[str], count: int, errors_path: str | None, quiet: bool) -> None:
    if not count:
        return
    for line in samples[:10]:
        click.echo(f"error: {line}", err=True)
    more = count - min(len(samples), 10)
    if errors_path:
        where = f" (all in {errors_path})"
    else:
        where = f"; {more:,} more not shown: give --errors FILE to keep every one" if more > 0 else ""
    if more > 0 or errors_path:
        click.echo(f"{count:,} row(s) with errors{where}", err=True)


@click.command()
@click.argument("catalog", type=click.Path())
@click.option("--output", "-o", type=click.Path(),
              help="Output file (written atomically); default: standard output (JSON Lines or CSV).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]),
              help="Output format (default: from the output's extension, else jsonl).")
@click.option("--detail", type=click.Choice(["full", "compact"]), default="full", show_default=True,
              help="JSON Lines layout: full checklists, or compact lines naming rules by id with the rule "
                   "texts once in <output>.rules.json (about 10x smaller and several times faster).")
@click.option("--as-of", help="Entry date YYYY-MM-DD for every product (default: each product's entry_date, "
                               "else the day the run began).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@rules_option
@click.option("--map", "maps", multiple=True, help=MAP_HELP)
@click.option("--workers", "-w", type=int, default=1, show_default=True,
              help="Processes to evaluate with (0: one per core).")
@click.option("--resume", is_flag=True, help="Continue an interrupted run from its checkpoint.")
@click.option("--errors", "errors_path", type=click.Path(),
              help="Where bad rows go (default: <output>.errors.jsonl).")
@click.option("--store", type=click.Path(), help="Keep every checklist in this SQLite file (see `compliance history`).")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Evaluate on a Dask cluster (scheduler address, or local:N for N local processes).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@click.option("--chunk-size", type=int, hidden=True)
@click.option("--checkpoint-every", type=float, default=2.0, hidden=True)
def batch(catalog, output, fmt, detail, as_of, lang, rules_dirs, no_default_rules, maps, workers, resume, errors_path,
          store, dask_address, quiet, chunk_size, checkpoint_every):
    """Evaluate every product of a catalogue (CSV, JSON Lines, YAML/JSON list, Excel .xlsx).

    Writes one checklist per line (JSON Lines), one row per item or tariff line (CSV), or
    the same rows as Parquet. A bad row goes to the errors file with its row number and the
    run goes on (exit code 2 at the end). Ctrl-C keeps a checkpoint: run again with
    --resume to continue where it stopped.
    """
    from ..batch.output import checkpoint_path
    from ..batch.runner import run

    mapping = _mapping(maps)
    day = parse_date(as_of)
    n = _workers(workers)
    if resume and (not output or output == "-"):
        raise InputError("--resume needs an output file (-o)", field="--resume")
    if resume and not checkpoint_path(Path(output)).is_file():
        _say(quiet, f"no checkpoint beside {output}; starting from the first row")
    engine = load_engine(rules_dirs, no_default_rules)
    done = {"n": 0, "total": None}

    def seen(d, total):
        done["n"], done["total"] = d, total

    _stop_on_sigterm()
    try:
        summary = run(engine, catalog, output, fmt=fmt, detail=detail, as_of=day, lang=lang, mapping=mapping,
                      workers=n,
                      resume=resume, errors=errors_path, store=store, progress=False if quiet else None,
                      on_progress=seen, chunk_size=chunk_size, dask=dask_address,
                      checkpoint_every=checkpoint_every)
    except KeyboardInterrupt as stop:
        finished = _finished(Path(output)) if output and output != "-" else None
        if finished is not None:
            total = f" of {done['total']:,}" if done["total"] else ""
            click.echo(f"stopped after {finished:,}{total} rows; run the same command with --resume to continue",
                       err=True)
        elif output and output != "-":
            click.echo("stopped before any row was saved; run the same command to start again", err=True)
        else:
            click.echo("interrupted", err=True)
        # said once here: click would add a blank line and "aborted" to an interrupt it sees
        raise click.exceptions.Exit(_exit_code(stop)) from None
    if summary.unknown_columns:
        _say(quiet, "ignored columns (no field of that name; see --map): " + ", ".join(summary.unknown_columns))
    _report_errors(summary.error_samples, summary.errors, summary.errors_path, False)
    if not quiet:
        resumed = f" (resumed after {summary.resumed:,})" if summary.resumed else ""
        duty = f"; total duty {summary.total_duty:,.2f} USD"
        if summary.duty_unknown:
            duty += f" ({summary.duty_unknown:,} unknown)"
        where = f" -> {summary.output}" if summary.output else ""
        stored = f"; run {summary.run_id} in {store}" if store else ""
        _say(quiet, f"{summary.products:,} products, {summary.errors:,} errors{resumed} in "
                    f"{summary.seconds:.1f} s ({summary.rate:,.0f}/s){duty}{where}{stored}")
    return EXIT_INPUT if summary.errors else 0


def _finished(output: Path) -> int | None:
    """The rows an interrupted run's checkpoint holds (what --resume goes on after; the run may
    have finished rows after it last reported progress), or None without a checkpoint."""
    from ..batch.output import Checkpoint
    try:
        saved = Checkpoint(output).load()
    except InputError:
        saved = None
    return int(saved["state"]["done"]) if saved else None


class Terminated(KeyboardInterrupt):
    """SIGTERM, stopping a run as Ctrl-C does."""


def _exit_code(stop: BaseException) -> int:
    """128 and the signal's number, as a shell reports a process a signal stopped."""
    return 143 if isinstance(stop, Terminated) else 130


def _stop_on_sigterm() -> None:
    """A job scheduler's SIGTERM stops the run like Ctrl-C: the checkpoint is kept for --resume."""
    import signal
    import threading

    def stop(signum, frame):
        raise Terminated

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)


def _pack_name(folder: str) -> str | None:
    from ..yamlio import load_file
    manifest = Path(folder) / "pack.yaml"
    if not manifest.is_file():
        return None
    data = load_file(manifest).data
    return data.get("name") if isinstance(data, dict) else None


def _pack_list(start: list[Path], dirs: tuple[str, ...]) -> list[Path]:
    """``start`` with each of ``dirs`` added; a pack with the name of one already in the list
    (another version of it) takes its place instead."""
    packs = list(start)
    for d in dirs:
        name = _pack_name(d)
        same = [i for i, p in enumerate(packs) if name is not None and _pack_name(str(p)) == name]
        if same:
            packs[same[0]] = Path(d)
        else:
            packs.append(Path(d))
    return packs


def _engine_of(packs: list[Path]):
    from ..engine import Engine
    from ..settings import configured_packs
    return Engine.load([*configured_packs(), *packs], include_default=False)


@click.command()
@click.argument("catalog", type=click.Path())
@click.option("--as-of", help="Entry date of the baseline (default: each product's entry_date, "
                               "else the day the run began).")
@click.option("--against", help="Entry date to compare with (default: the --as-of date).")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(),
              help="Pack(s) added to the baseline; a pack of the same name as a loaded one (another "
                   "version of it) replaces it.")
@click.option("--against-rules", "against_dirs", multiple=True, type=click.Path(),
              help="Pack(s) added to, or replacing packs of, the baseline for the comparison.")
@click.option("--no-default-rules", is_flag=True, help="Do not load the bundled US pack on either side.")
@click.option("--map", "maps", multiple=True, help=MAP_HELP)
@click.option("--output", "-o", type=click.Path(), help="Per-product changes as JSON Lines (atomically).")
@click.option("--all", "include_unchanged", is_flag=True, help="With -o: write unchanged products too.")
@click.option("--errors", "errors_path", type=click.Path(), help="Where bad rows go (default: <output>.errors.jsonl).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="The summary on standard output.")
@click.option("--workers", "-w", type=int, default=1, show_default=True, help="Processes (0: one per core).")
@click.option("--dask", "dask_address", metavar="ADDRESS", help="Evaluate on a Dask cluster.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def impact(catalog, as_of, against, rules_dirs, against_dirs, no_default_rules, maps, output, include_unchanged,
           errors_path, fmt, workers, dask_address, quiet):
    """What changes for a catalogue between two dates and/or two rule sets.

    Lists the products that gain or lose items, the tariff lines added, removed or changed,
    and the change in total duty; -o writes one JSON line per changed product.
    """
    from ..batch.runner import impact as run_impact

    if against is None and not against_dirs:
        raise InputError("nothing to compare: give --against DATE and/or --against-rules DIR", field="--against")
    mapping = _mapping(maps)
    day0 = parse_date(as_of, "--as-of")
    day1 = parse_date(against, "--against") or day0
    from ..packs import default_pack_path
    baseline = _pack_list([] if no_default_rules else [default_pack_path()], rules_dirs)
    before = _engine_of(baseline)
    after = _engine_of(_pack_list(baseline, against_dirs)) if against_dirs else before
    _stop_on_sigterm()
    try:
        summary = run_impact(before, after, catalog, output, as_of=day0, against=day1, mapping=mapping,
                             workers=_workers(workers), errors=errors_path, include_unchanged=include_unchanged,
                             progress=False if quiet else None, dask=dask_address)
    except KeyboardInterrupt as stop:  # Ctrl-C or SIGTERM: the run has removed what it began
        click.echo("interrupted", err=True)
        raise click.exceptions.Exit(_exit_code(stop)) from None
    # with -o - standard output carries the JSON Lines alone, for a pipe: the summary goes aside
    aside = output == "-"
    if fmt == "json":
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2), err=aside)
    else:
        click.echo(summary.to_text(), nl=False, err=aside)
        if output and not aside:
            click.echo(f"per-product changes: {output}")
    _report_errors(summary.error_samples, summary.errors, summary.errors_path, quiet)
    return EXIT_INPUT if summary.errors else 0


def _run_of(entries: list, given: str, store: str) -> str:
    """The run a --run value names: its id, or the start of one id among the SKU's runs."""
    runs = list(dict.fromkeys(e.run_id for e in entries))
    if given in runs:
        return given
    found = [r for r in runs if r.startswith(given)]
    if len(given) < 4:  # whether or not it starts one of the SKU's runs: it could start another's
        raise InputError(f"run {given!r} is too short to name a run: give at least its first 4 characters "
                         f"(the SKU's runs: {', '.join(runs)})", file=store, field="--run")
    if len(found) > 1:
        raise InputError(f"run {given!r} is the start of several runs: {', '.join(found)}", file=store,
                         field="--run")
    return found[0] if found else given


@click.command()
@click.argument("sku")
@click.option("--store", required=True, type=click.Path(), help="The SQLite file of `compliance batch --store`.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--run", "run_id", default=None, metavar="RUN_ID",
              help="Show the whole checklist this run kept for the SKU (its first row), as it was then: a run id, "
                   "its first characters, or `latest`.")
def history(sku, store, fmt, run_id):
    """How a product's checklist and duty changed from run to run.

    With --run, the whole checklist one run gave the product: what the broker was told then,
    whatever the rules say today."""
    from ..batch.store import ResultStore, describe_changes

    with ResultStore(store, create=False) as db:  # a missing file is "store not found", exit 2
        entries = db.history(sku)
        if not entries:
            near = db.skus(sku, limit=5)
            hint = f" (similar: {', '.join(near)})" if near else ""
            raise InputError(f"no evaluation of SKU {sku!r} in the store{hint}", file=store, field="SKU")
        if run_id == "latest":
            run_id = entries[-1].run_id
        elif run_id is not None:
            run_id = _run_of(entries, run_id, store)
        if run_id is not None:
            doc = db.checklist(run_id, sku)
            failed = next((e for e in entries if e.run_id == run_id and e.error is not None), None)
            if doc is None and failed is not None:
                raise InputError(f"SKU {sku!r} was not evaluated in run {run_id}: row {failed.row}: {failed.error}",
                                 file=store, field="--run")
            if doc is None:
                runs = list(dict.fromkeys(e.run_id for e in entries))
                raise InputError(f"run {run_id!r} kept no checklist of SKU {sku!r} (its runs: {', '.join(runs)})",
                                 file=store, field="--run")
    if run_id is not None:
        from ..render import render_docs
        click.echo(render_docs([doc], fmt, doc.get("lang", "en")), nl=fmt != "table")
        return 0
    if fmt == "json":
        click.echo(json.dumps({"sku": sku, "evaluations": [e.to_dict() for e in entries]},
                              ensure_ascii=False, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    twice = any(e.occurrence > 1 for e in entries)
    failed = sum(1 for e in entries if e.error is not None)
    table = Table(title=f"{sku}: {len(entries) - failed} evaluation(s)"
                        + (f", {failed} row(s) not evaluated" if failed else ""))
    for col in ("run", "started (UTC)", *(("row",) if twice else ()), "as of", "rules", "applies", "needs info",
                "total duty", "changes"):
        table.add_column(col, overflow="fold")
    for e in entries:
        # a run that did not finish (stopped, or the catalogue became unreadable) says so
        run = e.run_id if e.status == "finished" else f"{e.run_id} ({e.status})"
        if e.error is not None:
            where = (f"{e.row}",) if twice else ()
            table.add_row(run, e.started_at.replace("+00:00", ""), *where, e.as_of,
                          e.rules_version.removeprefix("sha256:"), "", "", "",
                          f"not evaluated: row {e.row}: {e.error}")
            continue
        applies = sum(1 for _, s, _ in e.items if s == "applies")
        needs = sum(1 for _, s, _ in e.items if s == "needs_info")
        duty = "" if e.total_duty is None else f"{e.total_duty:,.2f}"
        change = describe_changes(e.changes) if e.changes else ("first evaluation" if e.first else "no change")
        where = (f"{e.row} ({e.hts} {e.origin})",) if twice else ()
        table.add_row(run, e.started_at.replace("+00:00", ""), *where, e.as_of,
                      e.rules_version.removeprefix("sha256:"), str(applies), str(needs), duty, change)
    console = Console(width=table_width())
    console.print(table)
    if twice:
        console.print(f"{sku} is on more than one row of a catalogue: each row is compared with the same "
                      "row of the SKU (first with first, second with second) in the run before.")
    return 0
