Feature: Requirements as they stood on past entry dates, and further vehicle equipment standards
  An entry is judged by the rules in force on its date: the Lacey Act declaration was phased in
  by tariff heading from 2009, long before Phase VII, and some equipment standards (brake fluid,
  retreaded tires, rims, warning triangles) have applied for decades.

  Scenario: Sawn lumber entered in 2012 needed a Lacey Act declaration (Phase II)
    Given a product:
      """
      {sku: LH-1, name: Sawn white oak boards, hts: "4407.91.0015", origin: US}
      """
    When it is evaluated for entry on 2012-03-01
    Then the checklist includes "APHIS-LACEY-DECLARATION-PHASE-II"
    And item "APHIS-LACEY-DECLARATION-PHASE-II" cites "74 FR 5911"
    And the checklist does not include "APHIS-LACEY-DECLARATION"

  Scenario: A wood-framed chair entered in 2015 needed a Lacey declaration under Phase IV
    Given a product:
      """
      {sku: LH-2, hts: "9401.69.6011", origin: VN}
      """
    When it is evaluated for entry on 2015-06-01
    Then the checklist includes "APHIS-LACEY-DECLARATION-PHASE-IV"
    And item "APHIS-LACEY-DECLARATION-PHASE-IV" cites "74 FR 45415"

  Scenario: The wooden dresser entered in 2015 was not yet on the declaration schedule
    Given the example product "examples/wooden-dresser.yaml"
    When it is evaluated for entry on 2015-06-01
    Then the checklist does not include "APHIS-LACEY-DECLARATION"
    And the checklist does not include "APHIS-LACEY-DECLARATION-PHASE-IV"
    And the checklist includes "APHIS-LACEY-LEGAL-HARVEST"

  Scenario: From Phase VII the current declaration rule takes over from the phase rules
    Given a product:
      """
      {sku: LH-3, hts: "9401.69.2010", origin: CN}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "APHIS-LACEY-DECLARATION"
    And the checklist does not include "APHIS-LACEY-DECLARATION-PHASE-IV"

  Scenario: DOT 4 brake fluid needs FMVSS 116 and the HS-7 declaration
    Given a product:
      """
      {sku: BF-1, name: DOT 4 brake fluid 500 ml, hts: "3819.00.0010", origin: DE}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "NHTSA-FMVSS-116-BRAKE-FLUIDS"
    And item "NHTSA-FMVSS-116-BRAKE-FLUIDS" cites "49 CFR 571.116"
    And the checklist includes "NHTSA-HS7-DECLARATION"

  Scenario: A retreaded passenger car tire needs FMVSS 117
    Given a product:
      """
      {sku: RT-1, hts: "4012.11.4000", origin: TH}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "NHTSA-FMVSS-117-RETREADED-TIRES"
    And the checklist includes "NHTSA-TIRE-IDENTIFICATION-574"

  Scenario: A truck wheel rim needs the FMVSS 120 markings, but not if made before August 1977
    Given a product:
      """
      {sku: RM-1, hts: "8708.70.4560", origin: CN, facts: {vehicle_equipment_type: rim}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "NHTSA-FMVSS-120-RIMS"
    And item "NHTSA-FMVSS-120-RIMS" cites "49 CFR 571.120"
    When it is evaluated for entry on 1977-07-01
    Then the checklist does not include "NHTSA-FMVSS-120-RIMS"

  Scenario: A warning triangle for heavy trucks needs FMVSS 125 under its scope since 1994
    Given a product:
      """
      {sku: WD-1, hts: "8708.29.5160", origin: CN, facts: {vehicle_equipment_type: warning_device}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "NHTSA-FMVSS-125-WARNING-DEVICES"
    When it is evaluated for entry on 1994-06-01
    Then the checklist does not include "NHTSA-FMVSS-125-WARNING-DEVICES"

  Scenario: The Wi-Fi router entered in 2012 needed FCC certification under the former rules
    Given the example product "examples/wifi-router.yaml"
    When it is evaluated for entry on 2012-06-01
    Then the checklist includes "FCC-EQAUTH-CERT-PRE2017"
    And the checklist includes "FCC-EQAUTH-DOC-VERIFICATION"
    And item "FCC-EQAUTH-DOC-VERIFICATION" cites "61 FR 31044"
    And the checklist does not include "FCC-EQAUTH-CERT"
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "FCC-EQAUTH-CERT"
    And the checklist does not include "FCC-EQAUTH-CERT-PRE2017"
