Feature: The impact of a change of date or of rules on a catalogue
  Before a new tariff takes effect, or before a new version of the rules is adopted, the
  importer asks which SKUs gain or lose requirements and how much more or less duty it pays.

  Background:
    Given the rules come from the small test pack
    And the file "catalog.csv" in the working folder:
      """
      sku,name,hts,origin,customs_value,fact:has_radio_transmitter,material:steel
      R1,Wi-Fi router,8517.62.0090,CN,1000,true,
      D1,Infusion pump,9018.90.8000,CN,2000,,300
      H1,Live horse,0101.21.0010,MX,5000,,
      """

  Scenario: Moving the entry date past the end of a measure
    When I run `compliance impact catalog.csv --no-default-rules --as-of 2025-06-01 --against 2026-06-01 -o impact.jsonl -q` in the working folder
    Then the exit code is 0
    And the output contains "3 products compared, 2 changed"
    And the output contains "T-NEW"
    And the output contains "9903.01.25"
    And the output contains "-150.00"
    And the file "impact.jsonl" has 2 lines
    And the working folder has "impact.jsonl" containing ""sku":"R1""

  Scenario: A company pack that switches a rule off, against the rules without it
    Given the file "company/pack.yaml" in the working folder:
      """
      name: company
      disable:
        - id: T-MARKING
          reason: Every article is marked by the supplier under the company marking programme.
      """
    When I run `compliance impact catalog.csv --no-default-rules --as-of 2025-06-01 --against-rules company --format json -q` in the working folder
    Then the exit code is 0
    And the output contains ""changed": 3"
    And the output contains ""T-MARKING": 3"

  Scenario: Nothing to compare is an input error
    When I run `compliance impact catalog.csv --no-default-rules --as-of 2025-06-01` in the working folder
    Then the exit code is 2
    And the error is one line naming "nothing to compare"

  Scenario: A new pack that asks a new question, against a catalogue that already answers it
    Given the file "company/pack.yaml" in the working folder:
      """
      name: company
      """
    And the file "company/facts/company.yaml" in the working folder:
      """
      facts:
        sold_under_private_label:
          type: bool
          question: {en: Is the product sold under a private label?, zh: 产品是否以自有品牌销售？}
      """
    And the file "company/rules/company.yaml" in the working folder:
      """
      rules:
        - id: CO-LABEL-CHECK
          kind: requirement
          agency: CBP
          severity: required
          title: {en: Check the origin marking on private-label artwork, zh: 审核自有品牌包装上的原产地标注}
          when: {fact: sold_under_private_label, is: true}
          effective: {from: 2000-01-01}
          citations: [{cite: 19 CFR 134.11, url: "https://www.ecfr.gov/current/title-19/section-134.11"}]
          last_reviewed: 2026-11-23
      """
    And the file "labels.csv" in the working folder:
      """
      sku,name,hts,origin,customs_value,fact:sold_under_private_label
      P1,Private-label router,8517.62.0090,CN,1000,true
      B1,Maker-brand router,8517.62.0090,CN,1000,false
      """
    When I run `compliance impact labels.csv --no-default-rules --as-of 2025-06-01 --against-rules company -o labels.jsonl -q` in the working folder
    Then the exit code is 0
    And the output contains "2 products compared, 1 changed, 0 rows with errors"
    And the working folder has "labels.jsonl" containing ""rule_id":"CO-LABEL-CHECK","status":"applies""
    And the file "labels.jsonl" has 1 lines

  Scenario: A fact that neither set of rules declares is still a row error
    Given the file "company/pack.yaml" in the working folder:
      """
      name: company
      disable:
        - id: T-MARKING
          reason: Every article is marked by the supplier under the company marking programme.
      """
    And the file "company/facts/company.yaml" in the working folder:
      """
      facts:
        sold_under_private_label:
          type: bool
          question: {en: Is the product sold under a private label?, zh: 产品是否以自有品牌销售？}
      """
    And the file "odd.csv" in the working folder:
      """
      sku,name,hts,origin,customs_value,fact:sold_under_private_label,fact:colour_of_box
      R1,Wi-Fi router,8517.62.0090,CN,1000,true,red
      """
    When I run `compliance impact odd.csv --no-default-rules --as-of 2025-06-01 --against-rules company -o odd.jsonl -q` in the working folder
    Then the exit code is 2
    And the working folder has "odd.jsonl.errors.jsonl" containing ""field": "fact:colour_of_box", "code": "E000", "message": "undeclared fact"
