Feature: A product's history across runs
  Every batch run can be kept in a local SQLite file with its rules version and as-of date, so
  that the compliance team can see when and why a product's checklist or duty changed.

  Background:
    Given the rules come from the small test pack
    And the file "catalog.csv" in the working folder:
      """
      sku,name,hts,origin,customs_value,fact:has_radio_transmitter
      R1,Wi-Fi router,8517.62.0090,CN,1000,true
      H1,Live horse,0101.21.0010,MX,5000,
      """

  Scenario: Two runs at two dates show what changed for a product
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o june.jsonl --store results.db -q` in the working folder
    And I run `compliance batch catalog.csv --no-default-rules --as-of 2026-06-01 -o next-june.jsonl --store results.db -q` in the working folder
    And I run `compliance history R1 --store results.db` in the working folder
    Then the exit code is 0
    And the output contains "R1: 2 evaluation(s)"
    And the output contains "first evaluation"
    And the output contains "- T-NEW"
    And the output contains "duty -100.00"

  Scenario: The history as JSON for another program
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o out.jsonl --store results.db -q` in the working folder
    And I run `compliance history H1 --store results.db --format json` in the working folder
    Then the exit code is 0
    And the output contains ""as_of": "2025-06-01""
    And the output contains ""rule_id": "T-MARKING""

  Scenario: A SKU never evaluated is an input error
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o out.jsonl --store results.db -q` in the working folder
    And I run `compliance history R2 --store results.db` in the working folder
    Then the exit code is 2
    And the error is one line naming "no evaluation of SKU 'R2' in the store"

  Scenario: The checklist a past run gave a product, as it was then
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o june.jsonl --store results.db -q` in the working folder
    And I run `compliance batch catalog.csv --no-default-rules --as-of 2026-06-01 -o next-june.jsonl --store results.db -q` in the working folder
    And I run `compliance history R1 --store results.db --run latest --format json` in the working folder
    Then the exit code is 0
    And the output contains ""as_of": "2026-06-01""
    And the output contains ""name": "Wi-Fi router""
    And the output does not contain "T-NEW"

  Scenario: A run that kept no checklist of the product is named with the runs that did
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o out.jsonl --store results.db -q` in the working folder
    And I run `compliance history R1 --store results.db --run 0123456789ab` in the working folder
    Then the exit code is 2
    And the error is one line naming "run '0123456789ab' kept no checklist of SKU 'R1'"

  Scenario: A row that failed in one run keeps its place, so the rows after it are compared with themselves
    Given the file "a.csv" in the working folder:
      """
      sku,name,hts,origin,customs_value
      R1,Router,8517.62.0090,CN,1000
      R1,Router VN,8517.62.0090,VN,1000
      """
    And the file "b.csv" in the working folder:
      """
      sku,name,hts,origin,customs_value
      R1,Router,8517.62.0090,CN,1000x
      R1,Router VN,8517.62.0090,VN,1000
      """
    When I run `compliance batch a.csv --no-default-rules --as-of 2025-06-01 -o a.jsonl --store results.db -q` in the working folder
    And I run `compliance batch b.csv --no-default-rules --as-of 2025-06-01 -o b.jsonl --store results.db -q` in the working folder
    And I run `compliance history R1 --store results.db --format json` in the working folder
    Then the exit code is 0
    And the output contains ""error": "customs_value: Input should be a valid number"
    And the output does not contain ""before": "CN""
