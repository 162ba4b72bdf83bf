Feature: Evaluate a product profile into a checklist
  As an exporter or importer I describe one product in a small file and get back everything
  I must do to bring it into the United States, with the reasons and the law behind each item.

  Background:
    Given the rule pack "tests/fixtures/mini-pack" alone

  Scenario: A Wi-Fi router made in China gets its requirements and its duty
    Given a product:
      """
      {sku: RT-1, hts: "8517.62.0090", origin: CN, customs_value: 1000, facts: {has_radio_transmitter: true}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "T-RADIO"
    And item "T-RADIO" has severity "blocking"
    And item "T-RADIO" cites "47 CFR 2.803"
    And the tariffs include "9903.88.03" at 25 percent
    And the total duty is 350 USD

  Scenario: A fact the product file does not answer becomes a question, never a silent no
    Given a product:
      """
      {sku: RT-2, hts: "8517.62.0090", origin: CN}
      """
    When it is evaluated for entry on 2025-06-01
    Then "T-RADIO" needs more information
    And the checklist asks "has_radio_transmitter"

  Scenario: The entry date decides which rate was in force
    Given a product:
      """
      {sku: RT-3, hts: "8517.62.0090", origin: CN}
      """
    When it is evaluated for entry on 2019-05-09
    Then the tariffs include "9903.88.03" at 10 percent

  Scenario: The same product a day later pays the increased rate
    Given a product:
      """
      {sku: RT-3, hts: "8517.62.0090", origin: CN}
      """
    When it is evaluated for entry on 2019-05-10
    Then the tariffs include "9903.88.03" at 25 percent

  Scenario: A rule not yet in force on the entry date does not apply
    Given a product:
      """
      {sku: X-1, hts: "0101.21.0010", origin: CN}
      """
    When it is evaluated for entry on 2024-12-31
    Then the checklist does not include "T-NEW"
    And the checklist includes "T-MARKING"

  Scenario: A rule for other goods is not even considered
    Given a product:
      """
      {sku: X-2, hts: "0101.21.0010", origin: CN}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist does not include "T-RADIO"
    And the checklist does not ask "has_radio_transmitter"
