Feature: Bad rows of a catalogue do not stop the run
  A catalogue of thousands of SKUs always has a few bad rows. Each goes to an errors file with
  its row number, the column and the reason, and every other product is still evaluated.

  Background:
    Given the rules come from the small test pack
    And the file "catalog.csv" in the working folder:
      """
      sku,name,hts,origin,customs_value,fact:has_radio_transmitter
      R1,Wi-Fi router,8517.62.0090,CN,1000,true
      B1,Short code,85176,CN,10,
      H1,Live horse,0101.21.0010,MX,5000,
      F1,Unclear radio,8517.62.0090,CN,100,maybe
      X1,Unknown country,8517.62.0090,XX,100,
      """

  Scenario: Bad rows go to the errors file with row, column and reason
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o out.jsonl` in the working folder
    Then the exit code is 2
    And the file "out.jsonl" has 2 lines
    And the file "out.jsonl.errors.jsonl" has 3 lines
    And the errors file "out.jsonl.errors.jsonl" names row 3 and column "hts"
    And the errors file "out.jsonl.errors.jsonl" names row 5 and column "fact:has_radio_transmitter"
    And the errors file "out.jsonl.errors.jsonl" names row 6 and column "origin"
    And the error output contains "catalog.csv:3: hts: expected an HTS code of 8 or 10 digits"
    And the error output contains "2 products, 3 errors"

  Scenario: The errors file can be put elsewhere
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o out.jsonl --errors rejected.jsonl -q` in the working folder
    Then the exit code is 2
    And the file "rejected.jsonl" has 3 lines
    And there is no file "out.jsonl.errors.jsonl"

  Scenario: A catalogue that cannot be read at all is one error line
    When I run `compliance batch missing.csv --no-default-rules -o out.jsonl` in the working folder
    Then the exit code is 2
    And the error is one line naming "missing.csv: file not found"
    And there is no file "out.jsonl"

  Scenario: An errors file named like the catalogue is refused and the catalogue is kept
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o out.jsonl --errors catalog.csv` in the working folder
    Then the exit code is 2
    And the error is one line naming "catalog.csv: --errors: the errors file would overwrite the catalogue"
    And there is no file "out.jsonl"
    And the working folder has "catalog.csv" containing "R1,Wi-Fi router,8517.62.0090,CN,1000,true"

  Scenario: Changes written over the catalogue are refused
    When I run `compliance impact catalog.csv --no-default-rules --as-of 2019-01-01 --against 2025-06-01 -o catalog.csv` in the working folder
    Then the exit code is 2
    And the error is one line naming "catalog.csv: --output: the output would overwrite the catalogue"
    And the working folder has "catalog.csv" containing "X1,Unknown country,8517.62.0090,XX,100,"
