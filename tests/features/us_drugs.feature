Feature: Drugs (HTS 3003, 3004) need FDA registration, listing, an approval pathway and, when controlled, DEA authorization
  As a compliance officer importing finished medicines from China or India I need every FDA and
  DEA step before the first shipment, and I must not be asked questions that every drug answers the same way.

  Scenario: A generic prescription antibiotic made in China
    Given the example product "examples/amoxicillin-capsules.yaml"
    When it is evaluated
    Then the checklist includes "FDA-DRUG-ESTABLISHMENT-REG"
    And the checklist includes "FDA-DRUG-LISTING-NDC"
    And the checklist includes "FDA-DRUG-US-AGENT"
    And the checklist includes "FDA-DRUG-APPROVAL-RX"
    And the checklist includes "FDA-DRUG-ENTRY-DATA"
    And the checklist includes "CBP-PGA-FD2"
    And item "FDA-DRUG-US-AGENT" cites "21 CFR 207.69(b)"
    And item "FDA-DRUG-ENTRY-DATA" cites "21 CFR 1.74"
    And item "FDA-DRUG-APPROVAL-RX" has severity "blocking"
    And the checklist does not include "FDA-DRUG-UNAPPROVED"
    And the checklist does not include "DEA-IMPORTER-REGISTRATION"

  Scenario: Registration and cGMP apply to any drug without asking anything
    Given a product:
      """
      {sku: D-2, hts: "3004.90.9276", origin: IN}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist includes "FDA-DRUG-ESTABLISHMENT-REG"
    And the checklist includes "FDA-DRUG-CGMP"
    And the checklist includes "FDA-DRUG-LABELING"
    And "FDA-DRUG-APPROVAL-RX" needs more information
    And the checklist asks "drug_type"
    And the checklist asks "drug_application"

  Scenario: A traditional Chinese medicine with treatment claims and no US approval is refused
    Given the example product "examples/tcm-herbal-capsules.yaml"
    When it is evaluated
    Then the checklist includes "FDA-DRUG-TCM-CLAIMS"
    And the checklist includes "FDA-DRUG-UNAPPROVED"
    And item "FDA-DRUG-UNAPPROVED" has severity "prohibited"

  Scenario: An OTC drug conforming to a monograph made after the CARES Act
    Given a product:
      """
      {sku: D-4, hts: "3004.90.9276", origin: CN, facts: {drug_type: otc, drug_application: otc_monograph, is_controlled_substance: false}}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist includes "FDA-DRUG-OTC-MONOGRAPH"
    And the checklist does not include "FDA-DRUG-APPROVAL-RX"
    And the checklist does not include "FDA-DRUG-UNAPPROVED"

  Scenario: A schedule II opioid needs a DEA registration and a permit for each shipment
    Given a product:
      """
      {sku: D-5, hts: "3004.49.0050", origin: IN, facts: {drug_type: rx, drug_application: anda, is_controlled_substance: true, dea_schedule: "II", is_narcotic: true}}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist includes "DEA-IMPORTER-REGISTRATION"
    And the checklist includes "DEA-IMPORT-PERMIT"
    And the checklist does not include "DEA-IMPORT-DECLARATION"

  Scenario: A schedule IV sedative that is not a narcotic needs an import declaration
    Given a product:
      """
      {sku: D-6, hts: "3004.90.9244", origin: IN, facts: {drug_type: rx, drug_application: anda, is_controlled_substance: true, dea_schedule: "IV", is_narcotic: false}}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist includes "DEA-IMPORT-DECLARATION"
    And the checklist does not include "DEA-IMPORT-PERMIT"
