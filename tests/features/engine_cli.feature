Feature: The compliance command, as a user types it
  A user runs `compliance evaluate` on a profile file. Good input gives a checklist in the format
  asked for; bad input gives one line naming the file, line and field, and exit code 2.

  Scenario: A checklist as JSON follows the published contract
    When I run `compliance evaluate tests/fixtures/profiles/router.yaml --no-default-rules --rules tests/fixtures/mini-pack --format json`
    Then the exit code is 0
    And the output is a JSON checklist

  Scenario: A checklist in Chinese
    When I run `compliance evaluate tests/fixtures/profiles/router.yaml --no-default-rules --rules tests/fixtures/mini-pack --lang zh --format markdown`
    Then the exit code is 0
    And the output contains "无线电设备须获授权"
    And the output contains "监管要求"

  Scenario: --as-of overrides the profile's entry date
    When I run `compliance evaluate tests/fixtures/profiles/router.yaml --no-default-rules --rules tests/fixtures/mini-pack --as-of 2019-05-09 --format csv`
    Then the exit code is 0
    And the output contains "9903.88.03,10.0"

  Scenario: A script can fail a build when a blocking item applies
    When I run `compliance evaluate tests/fixtures/profiles/router.yaml --no-default-rules --rules tests/fixtures/mini-pack --fail-on blocking --format json`
    Then the exit code is 1

  Scenario: --explain says why a rule did not apply
    When I run `compliance evaluate tests/fixtures/profiles/router.yaml --no-default-rules --rules tests/fixtures/mini-pack --explain --format markdown`
    Then the exit code is 0
    And the output contains "Rules considered"

  Scenario: compliance explain tells why one rule applies
    When I run `compliance explain tests/fixtures/profiles/router.yaml T-RADIO --no-default-rules --rules tests/fixtures/mini-pack`
    Then the exit code is 0
    And the output contains "T-RADIO — applies"
    And the output contains "has_radio_transmitter = true"

  Scenario Outline: Bad input is one line naming the place, with exit code 2
    When I run `compliance evaluate tests/fixtures/profiles/<file> --no-default-rules --rules tests/fixtures/mini-pack`
    Then the exit code is 2
    And the error is one line naming "<where>"

    Examples:
      | file                   | where                                            |
      | missing.yaml           | missing.yaml: file not found                     |
      | bad-syntax.yaml        | bad-syntax.yaml:4:1: YAML syntax error           |
      | bad-hts.yaml           | bad-hts.yaml:2:1: hts: expected an HTS code      |
      | bad-country.yaml       | bad-country.yaml:3:1: origin: expected an ISO    |
      | bad-value.yaml         | bad-value.yaml:4:1: customs_value                |
      | bad-fact.yaml          | bad-fact.yaml:5:3: facts.device_class: expected one of 1, 2, 3 |
      | unknown-field.yaml     | unknown-field.yaml:3:1: orgin: unknown field     |

  Scenario: A bad --as-of date is a usage error
    When I run `compliance evaluate tests/fixtures/profiles/router.yaml --as-of 2025-13-01 --no-default-rules --rules tests/fixtures/mini-pack`
    Then the exit code is 2
    And the error is one line naming "--as-of: expected a date YYYY-MM-DD"

  Scenario: One bad record of a file is reported and the others are evaluated
    When I run `compliance evaluate tests/fixtures/profiles/two-one-bad.yaml --no-default-rules --rules tests/fixtures/mini-pack --format csv`
    Then the exit code is 2
    And the output contains "GOOD-1"

  Scenario: A broker sees when a product's tariff stack changed, and why
    When I run `compliance tariffs 8517.62.0090 --origin CN --from 2018-01-01 --to 2020-01-01 --value 1000 --no-default-rules --rules tests/fixtures/mini-pack`
    Then the exit code is 0
    And the output contains "2018-09-24  9903.88.03 10%  total 100.00 USD"
    And the output contains "+ 9903.88.03 10%  section-301 T-301: Section 301 List 3 [83 FR 47974]"
    And the output contains "~ 9903.88.03 10% -> 25%"

  Scenario: A broker gives the quantity a specific rate of duty needs
    When I run `compliance tariffs 2204.21.5005 --origin FR --from 2025-01-01 --to 2025-02-01`
    Then the exit code is 0
    And the output contains "The duty needs the quantity in liter"
    And the output contains "--quantity liter=..."
    When I run `compliance tariffs 2204.21.5005 --origin FR --from 2025-01-01 --to 2025-02-01 --value 6000 --quantity liter=750`
    Then the exit code is 0
    And the output contains "2025-01-01  MFN 6.3¢/liter  total 47.25 USD"
    When I run `compliance tariffs 2204.21.5005 --origin FR --value 6000 --quantity =750`
    Then the exit code is 2
    And the error is one line naming "--quantity: expected UNIT=AMOUNT, got '=750'"

  Scenario: Screening an empty name is a usage error
    When I run `compliance screen ""`
    Then the exit code is 2
    And the error is one line naming "NAME: give a company name to screen"
