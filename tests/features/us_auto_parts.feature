Feature: Auto parts, tires and vehicles: NHTSA safety standards and EPA emissions
  An item of motor vehicle equipment that a Federal Motor Vehicle Safety Standard covers may be
  imported only if its manufacturer certifies it to that standard, has identified itself to NHTSA,
  has a U.S. agent for service of process, and the importer files the HS-7 at entry. Vehicles and
  engines also need EPA emission certification.

  Scenario: A brake hose assembly made in China meets FMVSS 106 and the NHTSA import duties
    Given the example product "examples/brake-hose.yaml"
    When it is evaluated
    Then the checklist includes "NHTSA-FMVSS-106-BRAKE-HOSES"
    And item "NHTSA-FMVSS-106-BRAKE-HOSES" cites "49 CFR 571.106"
    And the checklist includes "NHTSA-MANUFACTURER-ID-566"
    And the checklist includes "NHTSA-AGENT-SERVICE-551"
    And item "NHTSA-AGENT-SERVICE-551" cites "49 CFR 551.45"
    And the checklist includes "NHTSA-HS7-DECLARATION"
    And item "NHTSA-HS7-DECLARATION" cites "19 CFR 12.80"
    And item "NHTSA-FMVSS-106-BRAKE-HOSES" has severity "blocking"
    And the checklist does not include "NHTSA-FMVSS-139-TIRES"

  Scenario: A passenger car tire from Thailand meets FMVSS 139, carries a TIN and UTQG grades
    Given the example product "examples/passenger-car-tire.yaml"
    When it is evaluated
    Then the checklist includes "NHTSA-FMVSS-139-TIRES"
    And the checklist includes "NHTSA-TIRE-IDENTIFICATION-574"
    And item "NHTSA-TIRE-IDENTIFICATION-574" cites "49 CFR 574"
    And the checklist includes "NHTSA-UTQG-575"
    And the checklist does not include "NHTSA-FMVSS-109-TIRES"
    And the checklist does not include "NHTSA-MANUFACTURER-ID-566"

  Scenario: A part filed under brakes is asked what kind of equipment it is
    Given a product:
      """
      {sku: BRK-1, hts: "8708.30.5090", origin: CN}
      """
    When it is evaluated for entry on 2026-11-23
    Then "NHTSA-FMVSS-106-BRAKE-HOSES" needs more information
    And the checklist asks "vehicle_equipment_type"
    And the checklist includes "NHTSA-DEFECT-NONCOMPLIANCE-REPORTING"

  Scenario: Laminated windshield glass meets FMVSS 205
    Given a product:
      """
      {sku: WS-1, hts: "7007.21.1110", origin: CN}
      """
    When it is evaluated for entry on 2026-11-23
    Then the checklist includes "NHTSA-FMVSS-205-GLAZING"

  Scenario: A child car seat is NHTSA equipment, not a CPSC children's product
    Given a product:
      """
      {sku: CRS-1, hts: "9401.80.6021", origin: CN, facts: {is_childrens_product: true}}
      """
    When it is evaluated for entry on 2026-11-23
    Then the checklist includes "NHTSA-FMVSS-213-CHILD-RESTRAINTS"
    And the checklist does not include "CPSC-CHILDRENS-PRODUCT-CERTIFICATE"

  Scenario: A vehicle not built to the FMVSS needs a Registered Importer unless it is 25 years old
    Given a product:
      """
      {sku: CAR-1, hts: "8703.23.0130", origin: JP,
       facts: {vehicle_fmvss_certified: false, vehicle_age_years: 10, emission_category: light_duty_vehicle,
               epa_certified_and_labeled: false}}
      """
    When it is evaluated for entry on 2026-11-23
    Then the checklist includes "NHTSA-VEHICLE-NONCONFORMING-RI"
    And item "NHTSA-VEHICLE-NONCONFORMING-RI" has severity "prohibited"
    And the checklist includes "EPA-FORM-3520-1"
    And the checklist includes "EPA-VEHICLE-ENGINE-COC"

  Scenario: A classic car over 25 years old is exempt from the FMVSS import prohibition
    Given a product:
      """
      {sku: CAR-2, hts: "8703.23.0130", origin: JP, facts: {vehicle_fmvss_certified: false, vehicle_age_years: 27}}
      """
    When it is evaluated for entry on 2026-11-23
    Then the checklist does not include "NHTSA-VEHICLE-NONCONFORMING-RI"
    And the checklist does not include "NHTSA-VEHICLE-FMVSS-CERTIFICATION"

  Scenario: A gasoline generator needs EPA Form 3520-21 unless certified and labelled
    Given a product:
      """
      {sku: GEN-1, hts: "8502.20.0030", origin: CN,
       facts: {has_engine: true, emission_category: nonroad, epa_certified_and_labeled: false}}
      """
    When it is evaluated for entry on 2026-11-23
    Then the checklist includes "EPA-FORM-3520-21"
    And item "EPA-FORM-3520-21" cites "19 CFR 12.74"
    And the checklist does not include "EPA-FORM-3520-1"
