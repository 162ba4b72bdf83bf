Feature: Lithium batteries: DOT hazardous materials rules in transport
  Lithium cells and batteries, and products that contain or come with them, must be of a type that
  passed UN 38.3, and are shipped as Class 9 hazardous materials under 49 CFR 173.185; lithium
  batteries shipped alone may not fly on passenger aircraft.

  Scenario: A 98 Wh spare battery pack shipped alone by air
    Given the example product "examples/lithium-ion-battery-pack.yaml"
    When it is evaluated
    Then the checklist includes "PHMSA-LITHIUM-UN38.3-TEST-SUMMARY"
    And item "PHMSA-LITHIUM-UN38.3-TEST-SUMMARY" cites "49 CFR 173.185(a)"
    And the checklist includes "PHMSA-LITHIUM-CLASSIFICATION-HAZCOM"
    And the checklist includes "PHMSA-LITHIUM-AIR-CARGO-LIMITS"
    And item "PHMSA-LITHIUM-AIR-CARGO-LIMITS" has severity "prohibited"
    And the checklist does not include "PHMSA-LITHIUM-LARGE-BATTERY-CLASS9"

  Scenario: A battery over 100 Wh is a fully regulated Class 9 shipment
    Given a product:
      """
      {sku: LIB-160, hts: "8507.60.0020", origin: CN,
       facts: {transport_mode: ocean, lithium_battery_chemistry: lithium_ion, lithium_battery_packing: batteries_alone,
               battery_watt_hours: 160}}
      """
    When it is evaluated for entry on 2026-11-23
    Then the checklist includes "PHMSA-LITHIUM-LARGE-BATTERY-CLASS9"
    And the checklist does not include "PHMSA-LITHIUM-AIR-CARGO-LIMITS"

  Scenario: A speaker is asked whether it contains a lithium battery
    Given a product:
      """
      {sku: SPK-1, hts: "8518.22.0000", origin: CN}
      """
    When it is evaluated for entry on 2026-11-23
    Then "PHMSA-LITHIUM-UN38.3-TEST-SUMMARY" needs more information
    And the checklist asks "contains_lithium_battery"

  Scenario: A cordless drill packed with its battery and flown in 2026 meets the IATA state-of-charge limit
    Given a product:
      """
      {sku: DRL-1, hts: "8467.21.0010", origin: CN,
       facts: {contains_lithium_battery: true, transport_mode: air, lithium_battery_chemistry: lithium_ion,
               lithium_battery_packing: packed_with_equipment, battery_watt_hours: 40}}
      """
    When it is evaluated for entry on 2026-11-23
    Then the checklist includes "PHMSA-LITHIUM-IATA-STATE-OF-CHARGE-2026"
    And the checklist includes "PHMSA-LITHIUM-CLASSIFICATION-HAZCOM"

  Scenario: An e-bike ships as a battery-powered vehicle and gets the CPSC micromobility advisory
    Given a product:
      """
      {sku: EB-1, hts: "8711.60.0050", origin: CN,
       facts: {contains_lithium_battery: true, lithium_battery_packing: installed_in_vehicle,
               is_micromobility_product: true, transport_mode: ocean}}
      """
    When it is evaluated for entry on 2026-11-23
    Then the checklist includes "PHMSA-LITHIUM-BATTERY-VEHICLE"
    And item "PHMSA-LITHIUM-BATTERY-VEHICLE" cites "49 CFR 173.220"
    And the checklist does not include "PHMSA-LITHIUM-CLASSIFICATION-HAZCOM"
    And the checklist includes "CPSC-MICROMOBILITY-LITHIUM-PROPOSED"
