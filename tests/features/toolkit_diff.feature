Feature: What a change to the rules changes
  A pull request that edits rule files is easier to review with `compliance rules diff OLD NEW`:
  the rules added, removed and changed field by field, conditions in words, rates per date, and
  with a product catalogue, which products would get a different checklist and how much duty.

  Background:
    Given a working copy of the rule pack "tests/fixtures/mini-pack" named "before"
    And a working copy of the rule pack "tests/fixtures/mini-pack" named "after"
    And the file "catalog.yaml" in the working folder:
      """
      - {sku: R-CN, hts: "8517.62.0090", origin: CN, customs_value: 1000, entry_date: 2025-06-01,
         facts: {has_radio_transmitter: true}}
      - {sku: HORSE, hts: "0101.21.0010", origin: MX, entry_date: 2025-06-01}
      """

  Scenario: A rate cut shows per date, with the products that pay less
    Given in "after/rules/rules.yaml" the text "      - {from: 2019-05-10, percent: 25}" is replaced by "      - {from: 2019-05-10, to: 2024-12-31, percent: 25}\n      - {from: 2025-01-01, percent: 20}"
    When I run `compliance rules diff before after --catalog catalog.yaml` in the working folder
    Then the exit code is 0
    And the output contains "0 added, 0 removed, 1 changed"
    And the output contains "~ T-301 Section 301 List 3"
    And the output contains "    rates: 2025-01-01 to open: 25% → 20%"
    And the output contains "catalog: 1 of 2 product(s) would get a different checklist"
    And the output contains "tariff 9903.88.03: 25% (250.00 USD) → 20% (200.00 USD)"
    And the output contains "total duty: 350.00 → 300.00 USD (-50.00)"

  Scenario: A narrower condition is said in words
    Given in "after/rules/rules.yaml" the text "        - fact: has_radio_transmitter\n          is: true" is replaced by "        - fact: has_radio_transmitter\n          is: true\n        - origin: [CN, VN]"
    When I run `compliance rules diff before after` in the working folder
    Then the output contains "~ T-RADIO Radio needs authorization"
    And the output contains "    when: added to `all`: origin is CN or VN"

  Scenario: A Markdown summary to paste in the pull request
    Given in "after/rules/rules.yaml" the text "  - id: T-NEW" is replaced by "  - id: T-NEW-2025"
    When I run `compliance rules diff before after --catalog catalog.yaml --format markdown` in the working folder
    Then the exit code is 0
    And the output contains "**1 added**, **1 removed**, **0 changed**"
    And the output contains "| `T-NEW-2025` | CBP | advisory | advisory | active | New rule from 2025 | origin is CN |"
    And the output contains "| `T-NEW` | CBP | advisory | New rule from 2025 |"
    And the output contains "| R-CN | 8517.62.0090 | CN | + T-NEW-2025 (applies, advisory)<br>- T-NEW (was applies, advisory) |  |"

  Scenario: The bundled pack as committed, against the working tree
    When I run `compliance rules diff git:HEAD rules`
    Then the exit code is 0
    And the output contains "rules diff rules@HEAD"

  Scenario: An unknown revision is one line of error
    When I run `compliance rules diff git:no-such-revision rules`
    Then the exit code is 2
    And the error is one line naming "no-such-revision"
