Feature: IEEPA duties on goods of China and Hong Kong, 2025-02-04 to 2026-02-23
  The fentanyl and reciprocal duties changed many times; the Supreme Court held them unlawful
  on 2026-02-20 and collection ended for entries from 2026-02-24. Past entries keep their lines.

  Scenario: The day before the first IEEPA duty
    Given a product:
      """
      {sku: TY-1, name: Plastic toy, hts: "9503.00.0090", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2025-02-03
    Then the tariffs do not include "9903.01.20"

  Scenario: 10% from 2025-02-04
    Given a product:
      """
      {sku: TY-2, name: Plastic toy, hts: "9503.00.0090", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2025-02-04
    Then the tariffs include "9903.01.20" at 10 percent

  Scenario: 20% from 2025-03-04
    Given a product:
      """
      {sku: TY-3, name: Plastic toy, hts: "9503.00.0090", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2025-03-04
    Then the tariffs include "9903.01.24" at 20 percent
    And the tariffs do not include "9903.01.20"

  Scenario: 145% in all in mid-April 2025
    Given a product:
      """
      {sku: TY-4, name: Plastic toy, hts: "9503.00.0090", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2025-04-15
    Then the tariffs include "9903.01.24" at 20 percent
    And the tariffs include "9903.01.63" at 125 percent
    And the total duty is 1450 USD

  Scenario: Reciprocal duty back to 10% from 2025-05-14
    Given a product:
      """
      {sku: TY-5, name: Plastic toy, hts: "9503.00.0090", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2025-05-14
    Then the tariffs include "9903.01.25" at 10 percent
    And the tariffs do not include "9903.01.63"

  Scenario: Fentanyl duty halved from 2025-11-10
    Given a product:
      """
      {sku: TY-6, name: Plastic toy, hts: "9503.00.0090", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2025-11-10
    Then the tariffs include "9903.01.24" at 10 percent
    And the tariffs include "9903.01.25" at 10 percent
    And the total duty is 200 USD

  Scenario: The last day of collection, 2026-02-23
    Given a product:
      """
      {sku: TY-7, name: Plastic toy, hts: "9503.00.0090", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2026-02-23
    Then the tariffs include "9903.01.24" at 10 percent

  Scenario: No IEEPA duty from 2026-02-24
    Given a product:
      """
      {sku: TY-8, name: Plastic toy, hts: "9503.00.0090", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2026-02-24
    Then the tariffs do not include "9903.01.24"
    And the tariffs do not include "9903.01.25"

  Scenario: Annex II goods such as smartwatches paid the fentanyl duty but no reciprocal duty
    Given a product:
      """
      {sku: SW-9, name: Smartwatch, hts: "8517.62.0090", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2025-04-15
    Then the tariffs include "9903.88.15" at 7.5 percent
    And the tariffs include "9903.01.24" at 20 percent
    And the tariffs do not include "9903.01.63"

  Scenario: Hong Kong goods paid the IEEPA duties
    Given a product:
      """
      {sku: HK-1, name: Plastic toy, hts: "9503.00.0090", origin: HK, customs_value: 1000}
      """
    When it is evaluated for entry on 2025-04-15
    Then the tariffs include "9903.01.24" at 20 percent
    And the tariffs include "9903.01.63" at 125 percent
