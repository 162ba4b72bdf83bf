Feature: Medical devices (HTS 9018-9022) need classification, registration, premarket clearance and a quality system
  As a compliance officer for a device maker I need the FDA steps that follow from the device class,
  the quality-system rule in force on the entry date, and the extra steps for connected and X-ray devices.

  Scenario: A class II Bluetooth pulse oximeter made in China
    Given the example product "examples/pulse-oximeter.yaml"
    When it is evaluated
    Then the checklist includes "FDA-DEV-CLASSIFICATION"
    And the checklist includes "FDA-DEV-REG-LISTING"
    And the checklist includes "FDA-DEV-US-AGENT"
    And the checklist includes "FDA-DEV-510K"
    And the checklist includes "FDA-DEV-QMS"
    And the checklist includes "FDA-DEV-UDI"
    And the checklist includes "FDA-DEV-CYBER-524B"
    And the checklist includes "FDA-DEV-ENTRY-DATA"
    And item "FDA-DEV-ENTRY-DATA" cites "21 CFR 1.76"
    And the checklist does not include "FDA-DEV-PMA"

  Scenario: A 510(k)-exempt class I instrument needs no 510(k)
    Given a product:
      """
      {sku: M-2, hts: "9018.90.3000", origin: PK, facts: {device_class: "1", device_510k_exempt: true, is_cyber_device: false}}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist includes "FDA-DEV-REG-LISTING"
    And the checklist does not include "FDA-DEV-510K"

  Scenario: The 510(k) rule asks whether the device is exempt
    Given a product:
      """
      {sku: M-3, hts: "9018.90.3000", origin: PK, facts: {device_class: "1", is_cyber_device: false}}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist includes "FDA-DEV-510K"
    And the checklist asks "device_510k_exempt"

  Scenario: A class III pacemaker needs premarket approval
    Given a product:
      """
      {sku: M-4, hts: "9021.50.0000", origin: IE, facts: {device_class: "3", is_cyber_device: true}}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist includes "FDA-DEV-PMA"
    And the checklist does not include "FDA-DEV-510K"

  Scenario: Before 2023-03-29 a connected device had no statutory cybersecurity requirement
    Given a product:
      """
      {sku: M-5, hts: "9018.19.9550", origin: CN, facts: {device_class: "2", device_510k_exempt: false, is_cyber_device: true}}
      """
    When it is evaluated for entry on 2023-01-15
    Then the checklist includes "FDA-DEV-510K"
    And the checklist does not include "FDA-DEV-CYBER-524B"

  Scenario: A dental X-ray unit needs the radiation standard, a product report and Form FDA 2877
    Given a product:
      """
      {sku: M-6, hts: "9022.13.0000", origin: KR, facts: {device_class: "2", device_510k_exempt: false, is_cyber_device: false}}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist includes "FDA-RAD-PERFORMANCE-STANDARD"
    And the checklist includes "FDA-RAD-PRODUCT-REPORT"
    And the checklist includes "FDA-RAD-FORM-2877"
    And item "FDA-RAD-FORM-2877" cites "19 CFR 12.91"

  Scenario: Industrial gas masks are not medical devices
    Given a product:
      """
      {sku: M-7, hts: "9020.00.6000", origin: CN, facts: {is_medical_device: false}}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist does not include "FDA-DEV-REG-LISTING"
    And the checklist does not include "FDA-DEV-QMS"
