"""`compliance evaluate --interactive` asks the open questions and evaluates again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from compliance.cli import _register, cli
from compliance.cli.common import run_guarded

MINI = str(Path(__file__).resolve().parents[1] / "fixtures" / "mini-pack")


def _run(args, input_text):
    _register()
    runner = CliRunner()
    return runner.invoke(cli, args, input=input_text, standalone_mode=False)


def test_interactive_answers_change_the_checklist(tmp_path):
    profile = tmp_path / "router.yaml"
    profile.write_text('sku: R\nhts: "8517.62.0090"\norigin: CN\nentry_date: 2025-06-01\n', encoding="utf-8")
    result = _run(["evaluate", str(profile), "--no-default-rules", "--rules", MINI, "--format", "json",
                   "--interactive", "--write-answers"], "yes\n")
    assert result.exception is None, result.output
    out = result.stdout
    data = json.loads(out[out.index("{"):])
    statuses = {i["rule_id"]: i["status"] for i in data["items"]}
    assert statuses["T-RADIO"] == "applies"
    saved = yaml.safe_load(profile.read_text(encoding="utf-8"))
    assert saved["facts"] == {"has_radio_transmitter": True}


def test_skipping_a_question_keeps_it_open(tmp_path):
    profile = tmp_path / "router.yaml"
    profile.write_text('hts: "8517.62.0090"\norigin: CN\nentry_date: 2025-06-01\n', encoding="utf-8")
    result = _run(["evaluate", str(profile), "--no-default-rules", "--rules", MINI, "--format", "json",
                   "--interactive"], "\n")
    out = result.stdout
    data = json.loads(out[out.index("{"):])
    assert [q["fact"] for q in data["questions"]] == ["has_radio_transmitter"]
    assert "facts" not in yaml.safe_load(profile.read_text(encoding="utf-8"))


def test_answers_keep_comments_and_layout(tmp_path):
    from compliance.cli.interactive import save_answers
    profile = tmp_path / "p.yaml"
    profile.write_text("# my router\nsku: R\nhts: \"8517.62.0090\"\norigin: CN\nfacts:\n"
                       "  # asked by the broker\n  has_radio_transmitter: false\nsuppliers: []\n", encoding="utf-8")
    save_answers(profile, None, {"has_radio_transmitter": True, "device_class": "2"})
    text = profile.read_text(encoding="utf-8")
    assert text == ("# my router\nsku: R\nhts: \"8517.62.0090\"\norigin: CN\nfacts:\n"
                    "  # asked by the broker\n  has_radio_transmitter: true\n  device_class: '2'\nsuppliers: []\n")


def test_answers_added_to_a_file_without_facts(tmp_path):
    from compliance.cli.interactive import save_answers
    profile = tmp_path / "p.yaml"
    profile.write_text("# note\nhts: \"8517.62.0090\"\norigin: CN\n", encoding="utf-8")
    save_answers(profile, None, {"has_radio_transmitter": True})
    assert profile.read_text(encoding="utf-8") == \
        "# note\nhts: \"8517.62.0090\"\norigin: CN\nfacts:\n  has_radio_transmitter: true\n"


def test_in_chinese_the_prompt_is_chinese_and_an_answer_of_shi_is_yes(tmp_path):
    profile = tmp_path / "router.yaml"
    profile.write_text('sku: R\nhts: "8517.62.0090"\norigin: CN\nentry_date: 2025-06-01\n', encoding="utf-8")
    result = _run(["evaluate", str(profile), "--no-default-rules", "--rules", MINI, "--format", "json",
                   "--interactive", "--lang", "zh"], "是\n")
    assert result.exception is None, result.output
    assert "是否含有无线电发射装置？ [是/否]（直接回车跳过）" in result.stderr
    assert "yes/no" not in result.stderr and "Enter to skip" not in result.stderr
    out = result.stdout
    data = json.loads(out[out.index("{"):])
    assert {i["rule_id"]: i["status"] for i in data["items"]}["T-RADIO"] == "applies"


def test_a_catalogue_answer_in_chinese_is_read_as_yes_or_no():
    from compliance.model.facts import FactDef
    fact = FactDef.model_validate({"type": "bool", "question": {"en": "Radio?", "zh": "无线？"}})
    assert (fact.coerce("是"), fact.coerce("否")) == (True, False)
