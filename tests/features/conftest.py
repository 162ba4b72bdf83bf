"""Steps of the behaviour tests, in a compliance officer's words, over the public API and CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, then, when

import compliance

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def state() -> dict:
    return {}


@given(parsers.parse('the example product "{path}"'), target_fixture="profile")
def example_product(path: str) -> compliance.Profile:
    return compliance.load_profiles(ROOT / path)[0]


@given("a product:", target_fixture="profile")
def a_product(docstring: str) -> compliance.Profile:
    return compliance.parse_profile(docstring, "<scenario>")


@when("it is evaluated", target_fixture="checklist")
def evaluated(engine, profile):
    return engine.evaluate(profile, explain=True)


@when(parsers.parse("it is evaluated for entry on {day}"), target_fixture="checklist")
def evaluated_on(engine, profile, day: str):
    return engine.evaluate(profile, dt.date.fromisoformat(day.strip()), explain=True)


def _explain(checklist, rule_id: str) -> str:
    from compliance.i18n import render_reason
    for c in checklist.considered or []:
        if c.rule_id == rule_id:
            return f"{c.outcome}: " + "; ".join(render_reason(b) for b in c.because)
    return "not considered"


@then(parsers.parse('the checklist includes "{rule_id}"'))
def includes(checklist, rule_id: str):
    item = checklist.item(rule_id)
    assert item is not None and item.status == "applies", \
        f"{rule_id}: {item.status if item else 'absent'} ({_explain(checklist, rule_id)})"


@then(parsers.parse('the checklist does not include "{rule_id}"'))
def excludes(checklist, rule_id: str):
    item = checklist.item(rule_id)
    assert item is None, f"{rule_id} is {item.status if item else ''}: {_explain(checklist, rule_id)}"


@then(parsers.parse('"{rule_id}" needs more information'))
def needs_info(checklist, rule_id: str):
    item = checklist.item(rule_id)
    assert item is not None and item.status == "needs_info", \
        f"{rule_id}: {item.status if item else 'absent'} ({_explain(checklist, rule_id)})"


@then(parsers.parse('the checklist asks "{fact}"'))
def asks(checklist, fact: str):
    asked = [q.fact for q in checklist.questions]
    assert fact in asked, f"asked: {asked}"


@then(parsers.parse('the checklist does not ask "{fact}"'))
def does_not_ask(checklist, fact: str):
    assert fact not in [q.fact for q in checklist.questions]


@then(parsers.parse('item "{rule_id}" has severity "{severity}"'))
def has_severity(checklist, rule_id: str, severity: str):
    item = checklist.item(rule_id)
    assert item is not None, f"{rule_id} absent"
    assert item.severity == severity


@then(parsers.parse('item "{rule_id}" cites "{cite}"'))
def cites(checklist, rule_id: str, cite: str):
    item = checklist.item(rule_id)
    assert item is not None, f"{rule_id} absent"
    assert cite in [c.cite for c in item.rule.rule.citations]


@then(parsers.parse('the tariffs include "{heading}" at {rate:g} percent'))
def tariff_at(checklist, heading: str, rate: float):
    lines = {t.heading: t for t in checklist.tariffs}
    assert heading in lines, f"tariffs: {[(t.heading, t.rate_percent) for t in checklist.tariffs]}"
    assert lines[heading].rate_percent == pytest.approx(rate)


@then(parsers.parse('the tariffs do not include "{heading}"'))
def no_tariff(checklist, heading: str):
    assert heading not in [t.heading for t in checklist.tariffs], \
        f"tariffs: {[(t.heading, t.rate_percent) for t in checklist.tariffs]}"


@then(parsers.parse("the total duty is {amount:g} USD"))
def total_duty(checklist, amount: float):
    assert checklist.total_duty == pytest.approx(amount), \
        f"lines: {[(t.heading, t.assessed_value, t.duty) for t in checklist.tariffs]}"


@then(parsers.parse('the "{heading}" line is assessed on {value:g} USD'))
def assessed_on(checklist, heading: str, value: float):
    lines = {t.heading: t for t in checklist.tariffs}
    assert lines[heading].assessed_value == pytest.approx(value)


# --- the command line, as a user types it -------------------------------------------------

@when(parsers.parse("I run `{command}`"), target_fixture="run")
def i_run(command: str, tmp_path) -> subprocess.CompletedProcess:
    args = shlex.split(command)
    assert args[0] == "compliance"
    env = {**os.environ, "COLUMNS": "160"}
    env.pop("COMPLIANCE_RULES", None)
    return subprocess.run([sys.executable, "-m", "compliance", *args[1:]], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@then(parsers.parse("the exit code is {code:d}"))
def exit_code(run, code: int):
    assert run.returncode == code, f"exit {run.returncode}\nstdout: {run.stdout[-2000:]}\nstderr: {run.stderr}"


@then(parsers.parse('the output contains "{text}"'))
def output_contains(run, text: str):
    assert text in run.stdout, run.stdout[-3000:]


@then(parsers.parse('the error is one line naming "{text}"'))
def one_line_error(run, text: str):
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert text in lines[0], lines[0]
    assert "Traceback" not in run.stderr


@then("the output is a JSON checklist")
def json_checklist(run, state):
    data = json.loads(run.stdout)
    for key in ("as_of", "rules_version", "items", "tariffs", "questions"):
        assert key in data
    state["json"] = data


# --- rule packs for a scenario --------------------------------------------------------------

@given(parsers.parse('the rule pack "{path}" alone'), target_fixture="engine")
def pack_alone(path: str) -> compliance.Engine:
    return compliance.Engine.load([ROOT / path], include_default=False)


# --- the compliance officer's toolkit (lint, test, docs, diff, overlays) ------------------
# Steps that work in a temporary working folder: copies of rule packs, files written from the
# scenario, commands run there. The generic steps above stay as they are.

import shutil as _shutil  # noqa: E402


@given(parsers.parse('a working copy of the rule pack "{source}" named "{name}"'))
def working_copy(tmp_path, source: str, name: str):
    _shutil.copytree(ROOT / source, tmp_path / name)


@given(parsers.parse('the file "{name}" in the working folder:'))
def working_file(tmp_path, name: str, docstring: str):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(docstring + "\n", encoding="utf-8")


@given(parsers.parse('in "{name}" the text "{old}" is replaced by "{new}"'))
def replace_text(tmp_path, name: str, old: str, new: str):
    old, new = old.replace("\\n", "\n"), new.replace("\\n", "\n")   # "\n" in the step is a new line
    path = tmp_path / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@given(parsers.parse('the environment variable {var} is "{value}"'))
def environment(state, var: str, value: str):
    state.setdefault("env", {})[var] = value


@when(parsers.parse("I run `{command}` in the working folder"), target_fixture="run")
def i_run_in_working_folder(command: str, tmp_path, state) -> subprocess.CompletedProcess:
    args = shlex.split(command)
    assert args[0] == "compliance"
    env = {**os.environ, "COLUMNS": "160"}
    env.pop("COMPLIANCE_RULES", None)
    env.update(state.get("env", {}))
    return subprocess.run([sys.executable, "-m", "compliance", *args[1:]], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)


@then(parsers.parse('the output does not contain "{text}"'))
def output_lacks(run, text: str):
    assert text not in run.stdout, run.stdout[-3000:]


@then("the output lists each lint code once")
def each_lint_code_once(run):
    from compliance.authoring.lint import CODES
    found = [line.split(": ", 1)[1].split(" ", 1)[0] for line in run.stdout.splitlines() if ": L" in line]
    assert sorted(found) == sorted(CODES), found


@then(parsers.parse('the working folder has "{name}" containing "{text}"'))
def working_file_contains(tmp_path, name: str, text: str):
    path = tmp_path / name
    assert path.is_file(), f"{name} was not written"
    content = path.read_text(encoding="utf-8")
    assert text in content, content[:3000]


# --- whole catalogues: batch, resume, impact, history -----------------------------------------

MINI_PACK = ROOT / "tests" / "fixtures" / "mini-pack"


@given("the rules come from the small test pack")
def rules_from_small_pack(state):
    state.setdefault("env", {})["COMPLIANCE_RULES"] = str(MINI_PACK)


@given(parsers.parse('a catalogue "{name}" of {count:d} products like:'))
def catalogue_of_many(tmp_path, name: str, count: int, docstring: str):
    import csv
    import io
    rows = list(csv.DictReader(io.StringIO(docstring.strip() + "\n")))
    with (tmp_path / name).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        for i in range(count):
            row = dict(rows[i % len(rows)])
            row["sku"] = f"{row['sku']}-{i + 1}"
            writer.writerow(row)


@given(parsers.parse("I stopped `{command}` after {count:d} rows"))
def stopped_run(tmp_path, state, monkeypatch, capsys, command: str, count: int):
    """The command, run in the working folder and interrupted (as by Ctrl-C) after `count` rows."""
    import signal

    import compliance.batch.runner as runner
    from compliance.batch.progress import NoProgress
    from compliance.cli import _register, cli
    from compliance.cli.common import run_guarded

    class StopAfter(NoProgress):
        done = 0

        def advance(self, n: int) -> None:
            StopAfter.done += n
            if StopAfter.done >= count:
                raise KeyboardInterrupt

    args = shlex.split(command)
    assert args[0] == "compliance"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COMPLIANCE_RULES", raising=False)
    for var, value in state.get("env", {}).items():
        monkeypatch.setenv(var, value)
    monkeypatch.setattr(runner, "make_progress", lambda *a, **k: StopAfter())
    handler = signal.getsignal(signal.SIGTERM)
    try:
        _register()
        capsys.readouterr()
        assert run_guarded(cli, args[1:]) == 130
        state["stopped_stderr"] = capsys.readouterr().err
    finally:
        signal.signal(signal.SIGTERM, handler)


@given(parsers.parse('a run of "{catalog}" to "{output}" has written {count:d} rows and is still going'))
def run_still_going(tmp_path, state, request, catalog: str, output: str, count: int):
    """A run in this process, held after ``count`` rows (as a long run is, midway) until the
    scenario says it ends."""
    import threading

    from compliance import batch
    engine = compliance.Engine.load([MINI_PACK], include_default=False)
    reached, release = threading.Event(), threading.Event()

    def hold(done, total):
        if done >= count and not reached.is_set():
            reached.set()
            release.wait(60)

    thread = threading.Thread(target=batch.run, args=(engine, tmp_path / catalog, tmp_path / output),
                              kwargs={"as_of": dt.date(2025, 6, 1), "chunk_size": count, "checkpoint_every": 0,
                                      "on_progress": hold})
    thread.start()
    request.addfinalizer(lambda: (release.set(), thread.join(60)))
    assert reached.wait(60), "the first run did not get going"
    state["first_run"] = (release, thread)


@when("the first run ends")
def first_run_ends(state):
    release, thread = state["first_run"]
    release.set()
    thread.join(60)
    assert not thread.is_alive()


@then(parsers.parse('the stopped run said only "{text}"'))
def stopped_run_said(state, text: str):
    assert state["stopped_stderr"].strip().splitlines() == [text]


@then(parsers.parse('the file "{name}" has {count:d} lines'))
def file_has_lines(tmp_path, name: str, count: int):
    path = tmp_path / name
    assert path.is_file(), f"{name} was not written"
    assert len(path.read_text(encoding="utf-8").splitlines()) == count


@then(parsers.parse('there is no file "{name}"'))
def no_file(tmp_path, name: str):
    assert not (tmp_path / name).exists(), f"{name} is still there"


@then(parsers.parse('the files "{first}" and "{second}" are the same'))
def same_files(tmp_path, first: str, second: str):
    assert (tmp_path / first).read_bytes() == (tmp_path / second).read_bytes()


@then(parsers.parse('the errors file "{name}" names row {row:d} and column "{column}"'))
def errors_file_names(tmp_path, name: str, row: int, column: str):
    errors = [json.loads(x) for x in (tmp_path / name).read_text(encoding="utf-8").splitlines()]
    assert any(e["row"] == row and e["field"] == column for e in errors), errors


@then(parsers.parse('line {number:d} of "{name}" is the checklist of "{sku}"'))
def line_is_checklist_of(tmp_path, number: int, name: str, sku: str):
    line = (tmp_path / name).read_text(encoding="utf-8").splitlines()[number - 1]
    doc = json.loads(line)
    assert doc["product"]["sku"] == sku
    for key in ("as_of", "rules_version", "items", "tariffs", "questions"):
        assert key in doc


@then(parsers.parse('the error output contains "{text}"'))
def error_output_contains(run, text: str):
    assert text in run.stderr, run.stderr[-3000:]


@then(parsers.parse('line {number:d} of "{name}" names rule "{rule_id}" that "{rules_file}" words in full'))
def compact_line_names_rule(tmp_path, number: int, name: str, rule_id: str, rules_file: str):
    line = json.loads((tmp_path / name).read_text(encoding="utf-8").splitlines()[number - 1])
    assert rule_id in [i["rule_id"] for i in line["items"]], line["items"]
    assert "title" not in json.dumps(line["items"])
    rules = json.loads((tmp_path / rules_file).read_text(encoding="utf-8"))
    assert rules["rules_version"] == line["rules_version"]
    entry = rules["rules"][rule_id]
    assert entry["title"] and entry["citations"] and entry["citation_urls"]
