Feature: Testing rules with the cases written beside them
  Every rule pack keeps test cases under tests/: a product, a date, and what the checklist must
  and must not hold. `compliance rules test` runs them; a failure shows what was expected and
  what came out side by side, and why the rule did or did not fire. With --coverage it names the
  branches of the conditions that no case ever took.

  Background:
    Given a working copy of the rule pack "tests/fixtures/mini-pack" named "pack"

  Scenario: A company pack's own cases pass
    When I run `compliance rules test tests/fixtures/overlay-pack --base tests/fixtures/mini-pack --no-default-rules`
    Then the exit code is 0
    And the output contains "2 passed, 0 failed"

  Scenario: A wrong expectation shows expected and actual side by side, and why
    Given the file "pack/tests/wrong.yaml" in the working folder:
      """
      cases:
        - name: A router made in Vietnam is expected to pay the China duty
          as_of: 2025-06-01
          profile: {sku: R-VN, hts: "8517.62.0090", origin: VN, facts: {has_radio_transmitter: true}}
          expect:
            applies: [T-NEW]
            tariffs: [{heading: "9903.88.03", rate_percent: 25}]
      """
    When I run `compliance rules test pack --no-default-rules` in the working folder
    Then the exit code is 1
    And the output contains "FAIL pack/tests/wrong.yaml:2: A router made in Vietnam is expected to pay the China duty"
    And the output contains "R-VN · HTS 8517.62.0090 · origin VN · as of 2025-06-01"
    And the output contains "✗ T-NEW              applies         absent  ✗ origin is CN"
    And the output contains "✗ tariff 9903.88.03  9903.88.03 25%  absent  stack: no tariff lines; ✓ HTS 8517.62.0090 is on list demo-list (entry 8517.62.00) · ✗ origin is CN"

  Scenario: A rule that needs an answer says which fact is missing
    Given the file "pack/tests/wrong.yaml" in the working folder:
      """
      cases:
        - name: The radio question is not answered
          as_of: 2025-06-01
          profile: {hts: "8517.62.0090", origin: CN}
          expect:
            applies: [T-RADIO]
      """
    When I run `compliance rules test pack --no-default-rules` in the working folder
    Then the exit code is 1
    And the output contains "✗ T-RADIO  applies   needs_info  ✓ HTS 8517.62.0090 is on list demo-list (entry 8517.62.00) · ? has_radio_transmitter is true (not answered)"

  Scenario: Coverage names the branches no case took
    Given the file "pack/tests/cases.yaml" in the working folder:
      """
      cases:
        - name: A router with a radio
          as_of: 2025-06-01
          profile: {hts: "8517.62.0090", origin: CN, facts: {has_radio_transmitter: true}}
          expect:
            applies: [T-RADIO, T-MARKING]
      """
    When I run `compliance rules test pack --no-default-rules --coverage` in the working folder
    Then the exit code is 0
    And the output contains "1 passed, 0 failed"
    And the output contains "rules named by a test case: 2/7"
    And the output contains "untested rule: T-DEVICE"
    And the output contains "T-RADIO when.all[1] (has_radio_transmitter is true): never false"
    And the output contains "T-DEVICE exemptions[0].when (has_exclusion is true): never true"

  Scenario: The results as JSON
    When I run `compliance rules test tests/fixtures/overlay-pack --base tests/fixtures/mini-pack --no-default-rules --format json --coverage`
    Then the exit code is 0
    And the output contains ""passed": 2"
    And the output contains ""branch_percent": 100.0"
