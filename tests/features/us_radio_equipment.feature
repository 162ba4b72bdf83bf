Feature: FCC requirements for radio and telecom equipment
  As an importer of routers, phones, computers, drones and other radio equipment I need to know
  which FCC authorization each product needs, what the FCC Covered List forbids, and what has
  changed over time (FCC Form 740, the drone and router listings, the "bad labs" rules).

  Scenario: A Wi-Fi 6 router made in China needs FCC certification and an SDoC for its digital part
    Given the example product "examples/wifi-router.yaml"
    When it is evaluated
    Then the checklist includes "FCC-EQAUTH-CERT"
    And item "FCC-EQAUTH-CERT" has severity "blocking"
    And item "FCC-EQAUTH-CERT" cites "47 CFR 2.907"
    And the checklist includes "FCC-EQAUTH-SDOC"
    And the checklist includes "FCC-LABEL-FCCID"
    And the checklist includes "FCC-RF-EXPOSURE-MPE"
    And the checklist includes "FCC-IMPORT-CONDITIONS"
    And item "FCC-IMPORT-CONDITIONS" cites "47 CFR 2.1204"

  Scenario: No FCC Form 740 is asked after the filing ended
    Given the example product "examples/wifi-router.yaml"
    When it is evaluated for entry on 2025-06-01
    Then the checklist does not include "FCC-FORM-740"

  Scenario: Before July 2016 the same router needed an FCC Form 740 declaration at entry
    Given the example product "examples/wifi-router.yaml"
    When it is evaluated for entry on 2015-03-02
    Then the checklist includes "FCC-FORM-740"
    And the checklist includes "FCC-IMPORT-CONDITIONS"

  Scenario: A router authorized before the March 2026 listing may still be imported
    Given the example product "examples/wifi-router.yaml"
    When it is evaluated for entry on 2026-06-01
    Then the checklist does not include "FCC-COVERED-ROUTER"
    And the checklist includes "FCC-RECOGNIZED-LAB"

  Scenario: A new foreign-made consumer router cannot be authorized after 2026-03-23
    Given a product:
      """
      {sku: RT-NEW, name: Wi-Fi 7 router, hts: "8517.62.0090", origin: CN,
       facts: {has_radio_transmitter: true, is_digital_device: true, is_consumer_grade_router: true,
               fcc_grant_date: 2026-04-15, has_dow_dhs_conditional_approval: false}}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist includes "FCC-COVERED-ROUTER"
    And item "FCC-COVERED-ROUTER" has severity "prohibited"

  Scenario: Equipment produced by a Covered List entity is prohibited
    Given a product:
      """
      {sku: CL-1, hts: "8517.62.0090", origin: CN,
       manufacturer: {name: "Huawei Technologies Co., Ltd.", country: CN, region: Guangdong},
       facts: {has_radio_transmitter: true, is_digital_device: true, grant_predates_covered_listing: false}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "FCC-COVERED-ENTITY"
    And item "FCC-COVERED-ENTITY" cites "47 CFR 2.903"

  Scenario: A new foreign-made camera drone is prohibited and the grant date is asked
    Given the example product "examples/camera-drone.yaml"
    When it is evaluated
    Then the checklist includes "FCC-COVERED-UAS"
    And item "FCC-COVERED-UAS" has severity "prohibited"
    And the checklist asks "fcc_grant_date"

  Scenario: A drone model authorized before 22 December 2025 stays legal
    Given a product:
      """
      {sku: DR-OLD, hts: "8806.21.0000", origin: CN,
       facts: {has_radio_transmitter: true, fcc_grant_date: 2025-04-01}}
      """
    When it is evaluated for entry on 2026-03-02
    Then the checklist does not include "FCC-COVERED-UAS"

  Scenario: A drone imported before the UAS listing gets no Covered List item
    Given the example product "examples/camera-drone.yaml"
    When it is evaluated for entry on 2025-06-01
    Then the checklist does not include "FCC-COVERED-UAS"

  Scenario: A smartphone needs SAR testing and hearing-aid compatibility
    Given the example product "examples/smartphone.yaml"
    When it is evaluated
    Then the checklist includes "FCC-EQAUTH-CERT"
    And the checklist includes "FCC-RF-EXPOSURE-SAR"
    And the checklist does not include "FCC-RF-EXPOSURE-MPE"
    And the checklist includes "FCC-HAC"
    And item "FCC-HAC" cites "47 CFR 20.19"

  Scenario: A computer whose radio status is unknown gets a question, not a silent no
    Given a product:
      """
      {sku: PC-1, hts: "8471.30.0100", origin: CN}
      """
    When it is evaluated for entry on 2025-06-01
    Then "FCC-EQAUTH-CERT" needs more information
    And the checklist asks "has_radio_transmitter"
