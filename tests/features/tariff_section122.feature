Feature: Section 122 temporary import surcharge, 2026-02-24 to 2026-07-23
  After the IEEPA ruling the President proclaimed a 10% surcharge for 150 days under heading
  9903.03.01; goods under Section 232 and Annex II goods are outside it, and Section 301 still stacks.

  Scenario: The surcharge did not exist the day before
    Given a product:
      """
      {sku: TS-1, name: Cotton T-shirt, hts: "6109.10.0012", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2026-02-23
    Then the tariffs do not include "9903.03.01"

  Scenario: A Chinese T-shirt pays List 4A and the surcharge from 2026-02-24
    Given a product:
      """
      {sku: TS-2, name: Cotton T-shirt, hts: "6109.10.0012", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2026-02-24
    Then the tariffs include "9903.03.01" at 10 percent
    And the tariffs include "9903.88.15" at 7.5 percent

  Scenario: The last day is 2026-07-23
    Given a product:
      """
      {sku: TS-3, name: Cotton T-shirt, hts: "6109.10.0012", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2026-07-23
    Then the tariffs include "9903.03.01" at 10 percent

  Scenario: Gone on 2026-07-24
    Given a product:
      """
      {sku: TS-4, name: Cotton T-shirt, hts: "6109.10.0012", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2026-07-24
    Then the tariffs do not include "9903.03.01"

  Scenario: Goods under Section 232 are outside the surcharge
    Given a product:
      """
      {sku: AL-9, name: Aluminium hollow profile, hts: "7604.21.0010", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2026-03-15
    Then the tariffs include "9903.85.02" at 50 percent
    And the tariffs do not include "9903.03.01"

  Scenario: Annex II goods are outside the surcharge
    Given a product:
      """
      {sku: SW-10, name: Smartwatch, hts: "8517.62.0090", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2026-03-15
    Then the tariffs do not include "9903.03.01"

  Scenario: Goods of every origin pay it, not only Chinese goods
    Given a product:
      """
      {sku: TS-5, name: Cotton T-shirt, hts: "6109.10.0012", origin: VN, customs_value: 1000}
      """
    When it is evaluated for entry on 2026-03-15
    Then the tariffs include "9903.03.01" at 10 percent
    And the tariffs do not include "9903.88.15"
