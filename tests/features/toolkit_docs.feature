Feature: A catalogue of the rules for people who do not read YAML
  `compliance rules docs` writes one Markdown page per agency and per tariff program, a facts
  page, and one HTML page that can be searched and printed. Each rule shows its condition in
  words, its citations as links, its windows, its rate timeline, its status and its test cases.

  Background:
    Given a working copy of the rule pack "tests/fixtures/mini-pack" named "pack"

  Scenario: One page per agency and per tariff program
    When I run `compliance rules docs --out site --no-default-rules --rules pack` in the working folder
    Then the exit code is 0
    And the output contains "wrote 9 pages to site"
    And the working folder has "site/README.md" containing "| [FCC](agencies/fcc.md) | Federal Communications Commission | 1 |"
    And the working folder has "site/agencies/fcc.md" containing "**Applies when:** HTS on list demo-list (2 entries) and has_radio_transmitter is true"
    And the working folder has "site/agencies/fcc.md" containing "- [47 CFR 2.803](https://www.ecfr.gov/current/title-47/section-2.803)"
    And the working folder has "site/agencies/fcc.md" containing "`tests/cases.yaml:2` a router with a radio — expects: applies"
    And the working folder has "site/programs/section-301.md" containing "| 2018-09-24 | 2019-05-09 | 10% |  |"
    And the working folder has "site/facts.md" containing "Read by: [T-RADIO](agencies/fcc.md#t-radio)"

  Scenario: One HTML page, searchable and printable
    When I run `compliance rules docs --out site --no-default-rules --rules pack` in the working folder
    Then the working folder has "site/catalogue.html" containing "<input id="q" type="search""
    And the working folder has "site/catalogue.html" containing "@media print"
    And the working folder has "site/catalogue.html" containing "<article id="T-RADIO""

  Scenario: The catalogue in Chinese
    When I run `compliance rules docs --out site --lang zh --no-default-rules --rules pack` in the working folder
    Then the exit code is 0
    And the working folder has "site/agencies/fcc.md" containing "# FCC — 美国联邦通信委员会"
    And the working folder has "site/agencies/fcc.md" containing "| 严重程度 | 入境前必须完成 |"

  Scenario: A draft rule is marked as such
    Given in "pack/rules/rules.yaml" the text "    severity: advisory\n" is replaced by "    severity: advisory\n    status: draft\n    note: Dates not verified.\n"
    When I run `compliance rules docs --out site --no-default-rules --rules pack` in the working folder
    Then the working folder has "site/agencies/cbp.md" containing "> **draft** — Dates not verified."

  Scenario: A stale catalogue is caught
    When I run `compliance rules docs --out site --no-default-rules --rules pack` in the working folder
    And I run `compliance rules docs --out site --check --no-default-rules --rules pack` in the working folder
    Then the exit code is 0
    And the output contains "site is current (9 pages)"
