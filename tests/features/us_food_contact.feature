Feature: Food-contact articles need FDA-authorized materials
  As a compliance officer for housewares I need to know when the materials of an article must be
  cleared for food contact, and I should be asked only when the HTS number does not settle it.

  Scenario: Polypropylene food containers
    Given the example product "examples/plastic-food-container.yaml"
    When it is evaluated
    Then the checklist includes "FDA-FCS-AUTHORIZATION"
    And item "FDA-FCS-AUTHORIZATION" has severity "blocking"
    And item "FDA-FCS-AUTHORIZATION" cites "21 CFR 174-178 (indirect food additives)"

  Scenario: Porcelain tableware is food-contact by its HTS number
    Given a product:
      """
      {sku: F-2, hts: "6911.10.1000", origin: CN}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist includes "FDA-FCS-AUTHORIZATION"
    And the checklist does not ask "food_contact"

  Scenario: A stainless steel household article asks whether it touches food
    Given a product:
      """
      {sku: F-3, hts: "7323.93.0080", origin: CN}
      """
    When it is evaluated for entry on 2026-06-01
    Then "FDA-FCS-AUTHORIZATION" needs more information
    And the checklist asks "food_contact"

  Scenario: A plastic storage box not meant for food
    Given a product:
      """
      {sku: F-4, hts: "3926.90.9989", origin: VN, facts: {food_contact: false}}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist does not include "FDA-FCS-AUTHORIZATION"
