Feature: Checking a rule pack before a change is merged
  Rule files are reviewed as pull requests. Before approving one, the compliance officer runs
  `compliance rules lint`: it reports every problem of the pack at once, each as
  file:line:column, a stable code and a message, and fails the check when there is an error.

  Scenario: Every problem of a pack is reported at once, each with its place and its code
    When I run `compliance rules lint tests/fixtures/lint-pack --no-default-rules --today 2026-11-23`
    Then the exit code is 1
    And the output lists each lint code once
    And the output contains "tests/fixtures/lint-pack/rules/broken.yaml:4:32: L000 YAML syntax error"
    And the output contains "rules.yaml:18:5: L001 LD-SCHEMA: rules[1].severity: expected 'prohibited', 'blocking', 'required' or 'advisory'"
    And the output contains "L002 LD-CLEAN: id: duplicate rule id 'LD-CLEAN'"
    And the output contains "L003 LD-UNDECLARED-FACT: when.fact: undeclared fact 'has_radio'"
    And the output contains "L004 LD-UNKNOWN-LIST: when.hts_list: unknown list 'demo-hts-2'"
    And the output contains "L005 LD-WRONG-VALUE: when.in: fact 'device_class' (enum): expected one of 1, 2, 3; got 'II'"
    And the output contains "pack.yaml:5:6: L006 disable names unknown rule 'NO-SUCH-RULE'"

  Scenario: Content problems name the rule and say what is wrong
    When I run `compliance rules lint tests/fixtures/lint-pack --no-default-rules --today 2026-11-23`
    Then the output contains "L101 LD-NO-URL: citation '47 CFR 2.1204' has no url"
    And the output contains "L102 LD-NO-CHINESE: title has no Chinese text (zh)"
    And the output contains "lists/no-header.csv:1:1: L103 list 'no-header' has no source, url, edition in its header"
    And the output contains "L104 LD-REVERSED: effective window ends (2025-03-01) before it starts (2025-03-12)"
    And the output contains "L105 LD-OVERLAP: rate windows 0 (2019-05-10..open) and 1 (2020-01-01..open) overlap"
    And the output contains "L106 LD-ENDED: window ended on 2017-10-11 but status is active"
    And the output contains "L107 LD-NEVER: condition can never be true: `all` of origins with nothing in common (CN / VN)"
    And the output contains "L108 LD-UNTESTED: no test case names this rule"
    And the output contains "L109 LD-STALE: last reviewed 2883 days ago (limit 365)"
    And the output contains "L110 LD-DRAFT: draft rule has no note saying what is unverified"
    And the output contains "L111 LD-RATE-OUTSIDE: rate window 0 (2018-07-06..open) is outside the effective window"

  Scenario: The review age is a setting
    When I run `compliance rules lint tests/fixtures/lint-pack --no-default-rules --today 2026-11-23 --max-age 3000`
    Then the exit code is 1
    And the output does not contain "L109"

  Scenario: A CI job reads the problems as JSON
    When I run `compliance rules lint tests/fixtures/lint-pack --no-default-rules --today 2026-11-23 --format json`
    Then the exit code is 1
    And the output contains ""code": "L105""
    And the output contains ""rule_id": "LD-OVERLAP""

  Scenario: A company pack is checked against the pack it extends
    When I run `compliance rules lint tests/fixtures/overlay-pack --base tests/fixtures/mini-pack --no-default-rules`
    Then the exit code is 0
    And the output does not contain "L0"

  Scenario: A company pack checked on its own names the rules it overrides and disables without a base
    When I run `compliance rules lint tests/fixtures/overlay-pack --no-default-rules`
    Then the exit code is 1
    And the output contains "pack.yaml:6:5: L006 overrides: overrides names unknown rule 'T-MARKING'"
    And the output contains "pack.yaml:9:5: L006 disable names unknown rule 'T-NEW'"

  Scenario: Every code is documented with a problem and its fix
    When I run `compliance rules lint --list-codes`
    Then the exit code is 0
    And the output contains "| [L107](#l107) | error | A condition (or an exemption's condition) can never be true"
    And the output contains "## L105"
    And the output contains "Fix: close the first window the day before the second starts."
