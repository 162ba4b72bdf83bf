Feature: Toys and children's products: CPSC testing, certificates and eFiling
  A children's product must be tested by a CPSC-accepted laboratory for every children's product
  safety rule that applies, certified in a Children's Product Certificate, and carry tracking
  labels; from 2026-07-08 the certificate data is filed electronically with the entry.

  Scenario: A plush toy for babies needs third-party testing, a CPC and eFiling
    Given the example product "examples/plush-toy.yaml"
    When it is evaluated
    Then the checklist includes "CPSC-CHILDRENS-PRODUCT-CERTIFICATE"
    And item "CPSC-CHILDRENS-PRODUCT-CERTIFICATE" cites "16 CFR 1107"
    And the checklist includes "CPSC-TRACKING-LABELS"
    And the checklist includes "CPSC-LEAD-CONTENT"
    And the checklist includes "CPSC-TOY-ASTM-F963"
    And item "CPSC-TOY-ASTM-F963" cites "16 CFR 1250"
    And the checklist includes "CPSC-SMALL-PARTS-UNDER-3"
    And item "CPSC-SMALL-PARTS-UNDER-3" cites "16 CFR 1501"
    And the checklist includes "CPSC-EFILING-CERTIFICATES"
    And item "CPSC-EFILING-CERTIFICATES" cites "90 FR 1800"
    And the checklist does not include "CPSC-PHTHALATES"
    And the checklist does not include "CPSC-GENERAL-CERTIFICATE-OF-CONFORMITY"

  Scenario: The same toy entered before 2026-07-08 has no eFiling item
    Given the example product "examples/plush-toy.yaml"
    When it is evaluated for entry on 2026-07-07
    Then the checklist does not include "CPSC-EFILING-CERTIFICATES"
    And the checklist includes "CPSC-CHILDRENS-PRODUCT-CERTIFICATE"

  Scenario: A vinyl doll with small accessories for ages 3 and up needs phthalate tests and a choking warning
    Given a product:
      """
      {sku: DOLL-1, hts: "9503.00.0073", origin: CN,
       facts: {minimum_age_years: 3, contains_small_parts: true, has_plasticized_components: true,
               has_paint_or_surface_coating: true}}
      """
    When it is evaluated for entry on 2026-11-23
    Then the checklist includes "CPSC-PHTHALATES"
    And item "CPSC-PHTHALATES" cites "16 CFR 1307"
    And the checklist includes "CPSC-SMALL-PARTS-WARNING"
    And the checklist includes "CPSC-LEAD-PAINT"
    And item "CPSC-LEAD-PAINT" cites "16 CFR 1303"
    And the checklist does not include "CPSC-SMALL-PARTS-UNDER-3"

  Scenario: Whether a product on the "other toys" line is for children must be asked
    Given a product:
      """
      {sku: MODEL-1, hts: "9503.00.0090", origin: CN}
      """
    When it is evaluated for entry on 2026-11-23
    Then "CPSC-CHILDRENS-PRODUCT-CERTIFICATE" needs more information
    And the checklist asks "is_childrens_product"

  Scenario: A regulated adult product is certified in a General Certificate of Conformity
    Given a product:
      """
      {sku: BIKE-1, hts: "8712.00.2500", origin: TW,
       facts: {is_childrens_product: false, subject_to_cpsc_safety_rule: true}}
      """
    When it is evaluated for entry on 2026-11-23
    Then the checklist includes "CPSC-GENERAL-CERTIFICATE-OF-CONFORMITY"
    And the checklist includes "CPSC-EFILING-CERTIFICATES"
    And the checklist does not include "CPSC-CHILDRENS-PRODUCT-CERTIFICATE"

  Scenario: A product with a coin cell battery meets Reese's Law
    Given a product:
      """
      {sku: RC-1, hts: "8543.70.9860", origin: CN,
       facts: {is_childrens_product: false, contains_button_or_coin_battery: true}}
      """
    When it is evaluated for entry on 2026-11-23
    Then the checklist includes "CPSC-BUTTON-COIN-BATTERY"
    And item "CPSC-BUTTON-COIN-BATTERY" cites "16 CFR 1263"
