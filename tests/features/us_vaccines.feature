Feature: Vaccines and immunological products (HTS 3002) go to FDA CBER or USDA APHIS, and live agents to CDC
  As a compliance officer I need to know which agency licenses a vaccine before it ships,
  and whether the shipment needs a permit for infectious material.

  Scenario: A human influenza vaccine needs a biologics license and CBER lot release
    Given the example product "examples/influenza-vaccine.yaml"
    When it is evaluated
    Then the checklist includes "FDA-BIO-BLA"
    And the checklist includes "FDA-BIO-LOT-RELEASE"
    And the checklist includes "FDA-BIO-ESTABLISHMENT-REG"
    And the checklist includes "FDA-BIO-ENTRY-DATA"
    And item "FDA-BIO-LOT-RELEASE" cites "21 CFR 610.2"
    And item "FDA-BIO-ENTRY-DATA" cites "21 CFR 1.78"
    And the checklist does not include "APHIS-VB-IMPORT-PERMIT"
    And the checklist does not include "CDC-IMPORT-PERMIT"

  Scenario: A veterinary vaccine needs an APHIS permit for each shipment
    Given a product:
      """
      {sku: V-2, hts: "3002.42.0000", origin: CN, facts: {contains_infectious_agent: false}}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist includes "APHIS-VB-IMPORT-PERMIT"
    And item "APHIS-VB-IMPORT-PERMIT" cites "9 CFR 104.1"
    And the checklist does not include "FDA-BIO-BLA"

  Scenario: An antiserum asks whether it is meant for animals
    Given a product:
      """
      {sku: V-3, hts: "3002.15.0091", origin: DE}
      """
    When it is evaluated for entry on 2026-06-01
    Then "FDA-BIO-BLA" needs more information
    And "APHIS-VB-IMPORT-PERMIT" needs more information
    And the checklist asks "for_animal_use"

  Scenario: A live bacterial culture needs a CDC import permit
    Given a product:
      """
      {sku: V-4, hts: "3002.90.5250", origin: GB, facts: {for_animal_use: false, contains_infectious_agent: true}}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist includes "CDC-IMPORT-PERMIT"
    And item "CDC-IMPORT-PERMIT" cites "42 CFR 71.54"
