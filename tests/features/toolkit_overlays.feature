Feature: A company pack on top of the bundled rules
  A company adds its own rules and facts in a pack of its own, and may replace or switch off a
  bundled rule by id, always with a reason. The reason shows wherever the rule would have shown.

  Background:
    Given a working copy of the rule pack "tests/fixtures/mini-pack" named "mini"
    And a working copy of the rule pack "tests/fixtures/overlay-pack" named "acme"
    And the file "router.yaml" in the working folder:
      """
      sku: OV1
      hts: "8517.62.0090"
      origin: CN
      entry_date: 2025-06-01
      customs_value: 1000
      facts: {private_label: true, has_radio_transmitter: true}
      """

  Scenario: A switched-off rule that would have applied shows with the company's reason
    When I run `compliance evaluate router.yaml --no-default-rules --rules mini --rules acme --format markdown` in the working folder
    Then the exit code is 0
    And the output contains "## Switched off by an overlay pack"
    And the output contains "(`T-NEW`)~~ — would have been: applies; acme: Handled once a year by the ACME customs team, not per product."

  Scenario: A replaced rule carries the company's reason
    When I run `compliance evaluate router.yaml --no-default-rules --rules mini --rules acme --format json` in the working folder
    Then the exit code is 0
    And the output contains ""override": "ACME marks the importer name next to the country of origin (company marking standard).""
    And the output contains ""rule_id": "ACME-PRIVATE-LABEL""

  Scenario: The company pack can come from the environment
    Given the environment variable COMPLIANCE_RULES is "mini:acme"
    When I run `compliance evaluate router.yaml --no-default-rules --format csv` in the working folder
    Then the exit code is 0
    And the output contains "overridden,T-NEW,CBP,advisory,applies,New rule from 2025"

  Scenario: The company pack can come from compliance.toml
    Given the file "compliance.toml" in the working folder:
      """
      [rules]
      packs = ["mini", "acme"]
      """
    When I run `compliance explain router.yaml T-NEW --no-default-rules` in the working folder
    Then the exit code is 0
    And the output contains "OV1: T-NEW — disabled by overlay"
    And the output contains "acme: Handled once a year by the ACME customs team, not per product."

  Scenario: The example company pack is clean and its cases pass
    When I run `compliance rules lint examples/company-pack`
    Then the exit code is 0
    When I run `compliance rules test examples/company-pack`
    Then the exit code is 0
    And the output contains "2 passed, 0 failed"

  Scenario: The rules version covers the company pack too
    When I run `compliance rules list --no-default-rules --rules mini --rules acme --format json` in the working folder
    Then the exit code is 0
    And the output contains ""rules_version": "sha256:"
    And the output contains ""disabled": "acme: Handled once a year by the ACME customs team, not per product.""
