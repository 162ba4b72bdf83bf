Feature: Upholstered furniture, mattresses and durable infant products
  Upholstered seating must pass the TB 117-2013 smolder test and carry the CPSC label, mattresses
  must resist cigarette ignition and open flame, and cribs, strollers and other durable infant
  products need a registration card (cribs also the crib standard).

  Scenario: A fabric sofa made in China needs the upholstered furniture flammability standard
    Given a product:
      """
      {sku: SF-1, name: Three-seat fabric sofa, hts: "9401.61.6011", origin: CN,
       facts: {is_childrens_product: false, transport_mode: ocean, has_wood_packaging: true}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "CPSC-UPHOLSTERED-FURNITURE-FLAMMABILITY"
    And item "CPSC-UPHOLSTERED-FURNITURE-FLAMMABILITY" cites "16 CFR 1640"
    And item "CPSC-UPHOLSTERED-FURNITURE-FLAMMABILITY" has severity "blocking"
    And the checklist includes "APHIS-WPM-ISPM15"

  Scenario: The same sofa entered before 2021-06-25 had no federal flammability item
    Given a product:
      """
      {sku: SF-2, hts: "9401.61.6011", origin: CN}
      """
    When it is evaluated for entry on 2021-06-01
    Then the checklist does not include "CPSC-UPHOLSTERED-FURNITURE-FLAMMABILITY"

  Scenario: A wooden dining chair is asked whether it is upholstered or sold with cushions
    Given a product:
      """
      {sku: SF-3, hts: "9401.69.6011", origin: VN}
      """
    When it is evaluated for entry on 2025-06-01
    Then "CPSC-UPHOLSTERED-FURNITURE-FLAMMABILITY" needs more information
    And the checklist asks "is_upholstered_seating"

  Scenario: A memory foam mattress needs both mattress flammability standards
    Given a product:
      """
      {sku: MT-1, name: Queen memory foam mattress, hts: "9404.21.0010", origin: CN}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "CPSC-MATTRESS-CIGARETTE-IGNITION-1632"
    And item "CPSC-MATTRESS-CIGARETTE-IGNITION-1632" cites "16 CFR 1632"
    And the checklist includes "CPSC-MATTRESS-OPEN-FLAME-1633"
    And item "CPSC-MATTRESS-OPEN-FLAME-1633" cites "16 CFR 1633"

  Scenario: A mattress topper is a mattress pad and needs the cigarette ignition standard only
    Given a product:
      """
      {sku: MT-2, hts: "9404.90.9696", origin: CN, facts: {mattress_product: mattress_pad}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "CPSC-MATTRESS-CIGARETTE-IGNITION-1632"
    And the checklist does not include "CPSC-MATTRESS-OPEN-FLAME-1633"

  Scenario: A mattress entered in 2006 predates the open-flame standard
    Given a product:
      """
      {sku: MT-3, hts: "9404.29.9010", origin: CN}
      """
    When it is evaluated for entry on 2006-06-01
    Then the checklist includes "CPSC-MATTRESS-CIGARETTE-IGNITION-1632"
    And the checklist does not include "CPSC-MATTRESS-OPEN-FLAME-1633"

  Scenario: A wooden baby crib needs the crib standard, a registration card and a CPC
    Given a product:
      """
      {sku: CR-1, name: Convertible wooden crib, hts: "9403.50.9045", origin: VN,
       facts: {is_childrens_product: true, durable_infant_product: full_size_crib}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "CPSC-CRIBS-SAFETY-STANDARD"
    And item "CPSC-CRIBS-SAFETY-STANDARD" cites "16 CFR 1219"
    And the checklist includes "CPSC-DURABLE-INFANT-REGISTRATION-CARD"
    And item "CPSC-DURABLE-INFANT-REGISTRATION-CARD" cites "16 CFR 1130"
    And the checklist includes "CPSC-CHILDRENS-PRODUCT-CERTIFICATE"

  Scenario: A children's product among the furniture headings is asked whether it is a durable infant product
    Given a product:
      """
      {sku: CR-2, hts: "9403.70.8031", origin: CN, facts: {is_childrens_product: true}}
      """
    When it is evaluated for entry on 2025-06-01
    Then "CPSC-DURABLE-INFANT-REGISTRATION-CARD" needs more information
    And the checklist asks "durable_infant_product"

  Scenario: An office bookcase is never asked about durable infant products
    Given a product:
      """
      {sku: CR-3, hts: "9403.30.8015", origin: CN, facts: {is_childrens_product: false}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist does not include "CPSC-DURABLE-INFANT-REGISTRATION-CARD"
    And the checklist does not ask "durable_infant_product"
