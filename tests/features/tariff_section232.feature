Feature: Section 232 duties on metals, vehicles, wood and chips
  The 232 duties changed regime on 2025-03-12 and 2026-04-06; some are on the metal content,
  some on the full value, and the vehicle measures displace the metals measures.

  Scenario: Aluminium extrusions pay the 2025 derivative duty on the full value, the IEEPA duty, and AD/CVD risk
    Given the example product "examples/aluminum-extrusion-frame.yaml"
    When it is evaluated
    Then the tariffs include "9903.85.07" at 50 percent
    And the tariffs include "9903.88.03" at 25 percent
    And the tariffs include "9903.01.24" at 20 percent
    And the tariffs do not include "9903.01.25"
    And the checklist includes "ADCVD-ALUMINUM-EXTRUSIONS"
    And the total duty is 20140 USD

  Scenario: Aluminium articles paid 25% from 2025-03-12
    Given a product:
      """
      {sku: AL-1, name: Aluminium hollow profile, hts: "7604.21.0010", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2025-06-03
    Then the tariffs include "9903.85.02" at 25 percent

  Scenario: and 50% from 2025-06-04
    Given a product:
      """
      {sku: AL-2, name: Aluminium hollow profile, hts: "7604.21.0010", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2025-06-04
    Then the tariffs include "9903.85.02" at 50 percent

  Scenario: A metal table pays the aluminium duty on its aluminium content only, and the reciprocal duty on the rest
    Given a product:
      """
      {sku: TB-1, name: Metal table, hts: "9403.20.0080", origin: CN, customs_value: 1000, materials: [{name: aluminum, content_value: 300}]}
      """
    When it is evaluated for entry on 2025-07-01
    Then the tariffs include "9903.85.08" at 50 percent
    And the "9903.85.08" line is assessed on 300 USD
    And the "9903.01.25" line is assessed on 700 USD

  Scenario: A content-based duty asks for the metal content when it is missing
    Given a product:
      """
      {sku: TB-2, name: Metal table, hts: "9403.20.0080", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2025-07-01
    Then the tariffs include "9903.85.08" at 50 percent
    And the checklist asks "material:aluminum:content_value"

  Scenario: From 2026-04-06 an article outside chapters 72-76 asks whether the metal is 15% of its weight
    Given a product:
      """
      {sku: GR-1, name: Gas range, hts: "8516.29.0090", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2026-05-01
    Then "S232-METALS-2026-25" needs more information
    And the checklist asks "metal_weight_at_least_15pct"

  Scenario: Copper tubes paid 50% on the copper content from 2025-08-01
    Given a product:
      """
      {sku: CU-1, name: Copper tube, hts: "7411.10.1030", origin: CN, customs_value: 1000, materials: [{name: copper, content_value: 800}]}
      """
    When it is evaluated for entry on 2025-08-01
    Then the tariffs include "9903.78.01" at 50 percent
    And the "9903.78.01" line is assessed on 800 USD

  Scenario: A passenger-car part pays the auto parts duty instead of the metals duty
    Given a product:
      """
      {sku: BR-1, name: Brake drum, hts: "8708.30.5020", origin: CN, customs_value: 1000, materials: [{name: steel, content_value: 900}], facts: {is_passenger_vehicle_part: true, is_mhd_vehicle_part: false}}
      """
    When it is evaluated for entry on 2026-05-01
    Then the tariffs include "9903.94.05" at 25 percent
    And the tariffs do not include "9903.82.02"
    And the checklist includes "ADCVD-BRAKE-DRUMS"

  Scenario: Softwood lumber pays 10% from 2025-10-14 and no reciprocal duty
    Given a product:
      """
      {sku: LB-1, name: Spruce lumber, hts: "4407.11.0000", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2025-10-14
    Then the tariffs include "9903.76.01" at 10 percent
    And the tariffs do not include "9903.01.25"

  Scenario: A heavy truck pays 25% and no forced-labor 301 duty
    Given a product:
      """
      {sku: TR-1, name: Diesel tractor truck, hts: "8704.23.0100", origin: CN, customs_value: 50000}
      """
    When it is evaluated for entry on 2026-08-01
    Then the tariffs include "9903.74.01" at 25 percent
    And the tariffs include "9903.88.01" at 25 percent
    And the tariffs do not include "9903.05.31"

  Scenario: An AI accelerator meeting the note 39 parameters pays 25% and no fentanyl duty
    Given a product:
      """
      {sku: AI-1, name: AI accelerator server, hts: "8471.80.4000", origin: CN, customs_value: 10000, facts: {meets_note39_chip_parameters: true, semiconductor_end_use: other, is_passenger_vehicle_part: false}}
      """
    When it is evaluated for entry on 2026-01-20
    Then the tariffs include "9903.79.01" at 25 percent
    And the tariffs do not include "9903.01.24"

  Scenario: A German transformer with a 1.6% column 1 rate pays 13.4% so that the total is 15%
    Given a product:
      """
      {sku: TR-1, name: Power transformer, hts: "8504.34.0040", origin: DE, customs_value: 1000, facts: {metal_weight_at_least_15pct: true}}
      """
    When it is evaluated for entry on 2026-06-01
    Then the tariffs include "9903.82.10" at 13.4 percent
    And the tariffs do not include "9903.82.07"

  Scenario: Made of U.S.-melted steel, the same transformer is brought to a 10% total
    Given a product:
      """
      {sku: TR-2, name: Power transformer, hts: "8504.34.0040", origin: DE, customs_value: 1000, facts: {metal_weight_at_least_15pct: true, steel_melted_poured_in_us: true}}
      """
    When it is evaluated for entry on 2026-06-01
    Then the tariffs include "9903.82.07" at 8.4 percent
    And the tariffs do not include "9903.82.10"

  Scenario: Without the metal-weight answer the floor heading asks for it
    Given a product:
      """
      {sku: TR-3, name: Power transformer, hts: "8504.34.0040", origin: DE, customs_value: 1000}
      """
    When it is evaluated for entry on 2026-06-01
    Then "S232-METALS-2026-FLOOR" needs more information
    And the checklist asks "metal_weight_at_least_15pct"

  Scenario: Chinese aluminium strand pays the 2020 derivative duty from 2020-02-08
    Given a product:
      """
      {sku: AL-1, name: Aluminium stranded wire with fittings, hts: "7614.10.5000", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2020-02-08
    Then the tariffs include "9903.85.03" at 10 percent
