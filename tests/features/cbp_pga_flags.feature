Feature: CBP's agency flags tell which agencies may need data at entry
  As a customs broker I want to see, from the HTS number alone, which partner government agencies'
  data ACE expects with the entry, and whether the flag can be disclaimed.

  Scenario: A Wi-Fi router is flagged FD1, FDA data may be required
    Given a product:
      """
      {sku: P-1, hts: "8517.62.0090", origin: CN}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist includes "CBP-PGA-FD1"
    And item "CBP-PGA-FD1" has severity "advisory"
    And the checklist does not include "CBP-PGA-FD2"

  Scenario: A human vaccine is flagged FD2, FDA data required, and AQ1 for APHIS
    Given a product:
      """
      {sku: P-2, hts: "3002.41.0000", origin: CN, facts: {contains_infectious_agent: false}}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist includes "CBP-PGA-FD2"
    And item "CBP-PGA-FD2" has severity "blocking"
    And the checklist includes "CBP-PGA-AQ1"

  Scenario: Difluoromethane refrigerant is flagged EH2 for EPA's HFC programme
    Given a product:
      """
      {sku: P-3, hts: "2903.42.1000", origin: CN}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist includes "CBP-PGA-EH2"

  Scenario: Coca leaf is flagged DE1 for DEA
    Given a product:
      """
      {sku: P-4, hts: "1211.30.0000", origin: PE}
      """
    When it is evaluated for entry on 2026-06-01
    Then the checklist includes "CBP-PGA-DE1"
