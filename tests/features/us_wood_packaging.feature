Feature: Wood packaging material (ISPM 15)
  Whatever the goods, the pallets, crates and dunnage they travel on must be heat-treated or
  fumigated and carry the IPPC mark, or they are re-exported at the importer's expense.
  Freight is asked about wood packaging once its transport mode is known; parcels are not.

  Scenario: Furniture shipped by sea on wooden pallets needs ISPM 15 treated and marked packaging
    Given a product:
      """
      {sku: WP-1, hts: "9403.60.8081", origin: VN, facts: {transport_mode: ocean, has_wood_packaging: true}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "APHIS-WPM-ISPM15"
    And item "APHIS-WPM-ISPM15" has severity "blocking"
    And item "APHIS-WPM-ISPM15" cites "7 CFR 319.40-3(b)"
    And item "APHIS-WPM-ISPM15" cites "69 FR 55719"

  Scenario: A sea shipment whose packing is unknown is asked about wood packaging
    Given the example product "examples/wifi-router.yaml"
    When it is evaluated
    Then "APHIS-WPM-ISPM15" needs more information
    And the checklist asks "has_wood_packaging"

  Scenario: A postal parcel is not asked about wood packaging
    Given a product:
      """
      {sku: WP-2, hts: "6109.10.0012", origin: VN, facts: {transport_mode: postal}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist does not include "APHIS-WPM-ISPM15"
    And the checklist does not ask "has_wood_packaging"

  Scenario: Goods packed in cartons only need nothing from APHIS for their packaging
    Given a product:
      """
      {sku: WP-3, hts: "8517.62.0090", origin: CN, facts: {transport_mode: air, has_wood_packaging: false}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist does not include "APHIS-WPM-ISPM15"

  Scenario: In 2003 wooden packing on goods from China had to be treated before departure
    Given a product:
      """
      {sku: WP-4, hts: "9403.60.8081", origin: CN, facts: {transport_mode: ocean, has_wood_packaging: true}}
      """
    When it is evaluated for entry on 2003-05-01
    Then the checklist includes "APHIS-WPM-CHINA-SWPM-1998"
    And item "APHIS-WPM-CHINA-SWPM-1998" cites "63 FR 50100"
    And the checklist does not include "APHIS-WPM-ISPM15"

  Scenario: The same shipment from Viet Nam in 2003 had no wood packaging item
    Given a product:
      """
      {sku: WP-5, hts: "9403.60.8081", origin: VN, facts: {transport_mode: ocean, has_wood_packaging: true}}
      """
    When it is evaluated for entry on 2003-05-01
    Then the checklist does not include "APHIS-WPM-CHINA-SWPM-1998"
    And the checklist does not include "APHIS-WPM-ISPM15"
