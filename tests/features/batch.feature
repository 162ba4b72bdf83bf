Feature: Evaluate a whole catalogue
  An importer's ERP, or a customs broker, evaluates every SKU of a catalogue in one run and
  gets one checklist per product, in catalogue order, as JSON Lines, CSV or Parquet.

  Background:
    Given the rules come from the small test pack
    And the file "catalog.csv" in the working folder:
      """
      sku,name,hts,origin,customs_value,fact:has_radio_transmitter,material:steel
      R1,Wi-Fi router,8517.62.0090,CN,1000,true,
      D1,Infusion pump,9018.90.8000,CN,2000,,300
      H1,Live horse,0101.21.0010,MX,5000,,
      """

  Scenario: Every product of a catalogue gets its checklist, one per line
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o checklists.jsonl` in the working folder
    Then the exit code is 0
    And the file "checklists.jsonl" has 3 lines
    And line 1 of "checklists.jsonl" is the checklist of "R1"
    And line 3 of "checklists.jsonl" is the checklist of "H1"
    And the working folder has "checklists.jsonl" containing "T-RADIO"
    And the error output contains "3 products, 0 errors"

  Scenario: A spreadsheet gets one row per item and per tariff line
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o checklists.csv` in the working folder
    Then the exit code is 0
    And the working folder has "checklists.csv" containing "sku,hts,origin,as_of,rules_version,row_type"
    And the working folder has "checklists.csv" containing "R1,8517.62.0090,CN,2025-06-01"
    And the working folder has "checklists.csv" containing "9903.88.03"

  Scenario: Without an output file the checklists stream to standard output
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 --quiet` in the working folder
    Then the exit code is 0
    And the output contains ""sku":"D1""
    And the output contains ""heading":"9903.88.03""

  Scenario: Two worker processes write the same file as one
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o one.jsonl -q` in the working folder
    And I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o two.jsonl -q --workers 2` in the working folder
    Then the exit code is 0
    And the files "one.jsonl" and "two.jsonl" are the same

  Scenario: Columns named the ERP's way are mapped with --map
    Given the file "erp.csv" in the working folder:
      """
      Item No.,Tariff Number,Made In,Wireless
      R9,8517.62.0090,CN,yes
      """
    And the file "columns.yaml" in the working folder:
      """
      Item No.: sku
      Tariff Number: hts
      Made In: origin
      Wireless: fact:has_radio_transmitter
      """
    When I run `compliance batch erp.csv --map columns.yaml --no-default-rules --as-of 2025-06-01 -o out.jsonl` in the working folder
    Then the exit code is 0
    And line 1 of "out.jsonl" is the checklist of "R9"
    And the working folder has "out.jsonl" containing "T-RADIO"

  Scenario: The bundled pack over the shipped example catalogue
    When I run `compliance batch examples/catalog.csv --as-of 2025-06-01 --quiet`
    Then the exit code is 0
    And the output contains ""sku":"RT-AX3000""
    And the output contains "FCC-EQAUTH-CERT"

  Scenario: A large catalogue is written compactly, with the rule texts once beside it
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 --detail compact -o compact.jsonl -q` in the working folder
    Then the exit code is 0
    And the file "compact.jsonl" has 3 lines
    And line 1 of "compact.jsonl" names rule "T-RADIO" that "compact.jsonl.rules.json" words in full
    And the working folder has "compact.jsonl" containing ""heading":"9903.88.03""

  Scenario: The compact layout needs a file for its rule texts
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 --detail compact -q` in the working folder
    Then the exit code is 2
    And the error output contains "--detail compact writes the rule texts beside the output"
