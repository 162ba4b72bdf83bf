Feature: CBP requirements for every import
  Whatever the product, an import needs an importer of record, an entry, reasonable care,
  records, origin marking, a bond above the informal-entry limit, and an ISF for ocean cargo.

  Scenario: A Wi-Fi router shipped by sea gets the CBP basics, a bond and an ISF
    Given the example product "examples/wifi-router.yaml"
    When it is evaluated
    Then the checklist includes "CBP-IOR-NUMBER"
    And the checklist includes "CBP-ENTRY"
    And the checklist includes "CBP-REASONABLE-CARE"
    And the checklist includes "CBP-RECORDKEEPING"
    And the checklist includes "CBP-BOND"
    And item "CBP-BOND" cites "19 CFR 142.4"
    And the checklist includes "CBP-ISF"
    And item "CBP-ISF" cites "19 CFR 149.2"
    And the checklist includes "CBP-MARKING"
    And item "CBP-MARKING" cites "19 U.S.C. 1304"

  Scenario: A smartphone flown in needs no ISF
    Given the example product "examples/smartphone.yaml"
    When it is evaluated
    Then the checklist does not include "CBP-ISF"
    And the checklist includes "CBP-ENTRY"

  Scenario: A small informal entry needs no customs bond
    Given a product:
      """
      {sku: TS-1, hts: "6109.10.0012", origin: VN, customs_value: 1800, facts: {transport_mode: air}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist does not include "CBP-BOND"
    And the checklist includes "CBP-IOR-NUMBER"

  Scenario: When the transport mode is unknown the ISF question is asked
    Given a product:
      """
      {sku: TB-1, hts: "9403.60.8081", origin: VN, customs_value: 9000}
      """
    When it is evaluated for entry on 2025-06-01
    Then "CBP-ISF" needs more information
    And the checklist asks "transport_mode"

  Scenario: An article imported for the importer's own use is excepted from marking
    Given a product:
      """
      {sku: MC-1, hts: "8479.89.9899", origin: DE, facts: {marking_exception: importer_own_use}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist does not include "CBP-MARKING"

  Scenario: Goods of Hong Kong must be marked China
    Given a product:
      """
      {sku: HK-1, hts: "7113.19.5090", origin: HK, facts: {marking_exception: none}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "CBP-MARKING-HK"

  Scenario: A bulk chemical needs a TSCA certification
    Given a product:
      """
      {sku: CH-1, hts: "2915.21.0000", origin: CN, facts: {contains_chemical_substance_tsca: true}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "CBP-TSCA-CERT"
    And item "CBP-TSCA-CERT" cites "19 CFR 12.121"

  Scenario: A router is never asked about TSCA
    Given the example product "examples/wifi-router.yaml"
    When it is evaluated
    Then the checklist does not include "CBP-TSCA-CERT"
    And the checklist does not ask "contains_chemical_substance_tsca"
