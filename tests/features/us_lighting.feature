Feature: Lamps and lighting: DOE efficiency, FTC Lighting Facts and FCC rules
  A light bulb importer must meet DOE's efficacy standard, certify each model to DOE, print the
  FTC Lighting Facts label, and meet the FCC rules for its driver and any radio.

  Scenario: An LED smart bulb needs DOE, FTC and FCC compliance
    Given the example product "examples/led-smart-bulb.yaml"
    When it is evaluated
    Then the checklist includes "DOE-GSL-STANDARD"
    And item "DOE-GSL-STANDARD" cites "10 CFR 430.32(dd)"
    And the checklist includes "DOE-CERTIFICATION"
    And the checklist includes "FTC-LIGHTING-FACTS"
    And item "FTC-LIGHTING-FACTS" cites "16 CFR Part 305"
    And the checklist includes "FCC-EQAUTH-CERT"
    And the checklist includes "FCC-EQAUTH-SDOC"
    And the checklist includes "FCC-MODULAR-HOST"
    And the checklist does not include "FCC-RF-LIGHTING"

  Scenario: Before the 45 lm/W backstop took effect the DOE standard item is not shown
    Given the example product "examples/led-smart-bulb.yaml"
    When it is evaluated for entry on 2022-07-24
    Then the checklist does not include "DOE-GSL-STANDARD"
    And the checklist includes "FTC-LIGHTING-FACTS"

  Scenario: A compact fluorescent lamp is a Part 18 RF lighting device
    Given a product:
      """
      {sku: CFL-1, hts: "8539.31.0010", origin: CN,
       facts: {lamp_type: general_service_lamp, is_rf_lighting_device: true, has_radio_transmitter: false,
               is_digital_device: false}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "FCC-RF-LIGHTING"
    And the checklist includes "DOE-GSL-STANDARD"

  Scenario: A luminaire gets the FCC driver rules but not the lamp rules
    Given a product:
      """
      {sku: LUM-1, hts: "9405.11.4010", origin: CN,
       facts: {lamp_type: luminaire, has_radio_transmitter: false, is_digital_device: true, is_rf_lighting_device: false}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "FCC-EQAUTH-SDOC"
    And the checklist does not include "DOE-GSL-STANDARD"
    And the checklist does not include "FTC-LIGHTING-FACTS"

  Scenario: A bulb of unknown type is asked what kind of lamp it is
    Given a product:
      """
      {sku: LB-2, hts: "8539.52.0090", origin: CN}
      """
    When it is evaluated for entry on 2025-06-01
    Then "DOE-GSL-STANDARD" needs more information
    And the checklist asks "lamp_type"
