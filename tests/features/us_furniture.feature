Feature: Furniture: tip-over, Lacey Act, formaldehyde and lead paint
  A wooden dresser must pass the STURDY Act tip-over standard, declare its wood under the Lacey
  Act, use TSCA Title VI certified composite wood, and keep lead out of its paint.

  Scenario: A painted rubberwood and MDF dresser from Viet Nam
    Given the example product "examples/wooden-dresser.yaml"
    When it is evaluated
    Then the checklist includes "CPSC-CLOTHING-STORAGE-UNIT-TIPOVER"
    And item "CPSC-CLOTHING-STORAGE-UNIT-TIPOVER" cites "16 CFR 1261"
    And the checklist includes "CPSC-GENERAL-CERTIFICATE-OF-CONFORMITY"
    And the checklist includes "CPSC-EFILING-CERTIFICATES"
    And the checklist includes "CPSC-LEAD-PAINT"
    And the checklist includes "APHIS-LACEY-DECLARATION"
    And item "APHIS-LACEY-DECLARATION" cites "16 U.S.C. 3372(f)"
    And the checklist includes "APHIS-LACEY-LEGAL-HARVEST"
    And the checklist includes "EPA-TSCA-TITLE-VI-FORMALDEHYDE"
    And item "EPA-TSCA-TITLE-VI-FORMALDEHYDE" cites "40 CFR 770"
    And the checklist does not include "CPSC-CHILDRENS-PRODUCT-CERTIFICATE"

  Scenario: Before Lacey Act Phase VII the dresser had no declaration item
    Given the example product "examples/wooden-dresser.yaml"
    When it is evaluated for entry on 2024-11-30
    Then the checklist does not include "APHIS-LACEY-DECLARATION"
    And the checklist includes "APHIS-LACEY-LEGAL-HARVEST"

  Scenario: Wooden bedroom furniture is asked whether it is a clothing storage unit
    Given a product:
      """
      {sku: NS-1, hts: "9403.50.9080", origin: CN, facts: {contains_plant_material: true}}
      """
    When it is evaluated for entry on 2026-11-23
    Then "CPSC-CLOTHING-STORAGE-UNIT-TIPOVER" needs more information
    And the checklist asks "is_clothing_storage_unit"
    And the checklist includes "APHIS-LACEY-DECLARATION"

  Scenario: Upholstery of cotton only is a common cultivar and needs no Lacey declaration
    Given a product:
      """
      {sku: OS-1, hts: "9401.79.0011", origin: CN,
       facts: {contains_plant_material: true, plants_only_common_cultivars: true}}
      """
    When it is evaluated for entry on 2026-11-23
    Then the checklist does not include "APHIS-LACEY-DECLARATION"
