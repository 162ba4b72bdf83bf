Feature: Section 301 duties on products of China
  USTR's China action adds a duty by list (U.S. note 20 of HTS chapter 99) and, since 2024,
  by the four-year review (note 31). The list, and so the rate, can depend on the 10-digit number.

  Scenario: A Chinese smartwatch-type device of 8517.62.0090 is List 4A, not List 3
    Given a product:
      """
      {sku: SW-1, name: Smartwatch, hts: "8517.62.0090", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2024-06-01
    Then the tariffs include "9903.88.15" at 7.5 percent
    And the tariffs do not include "9903.88.03"
    And the tariffs do not include "9903.88.04"

  Scenario: List 4A was 15% from 2019-09-01 and fell to 7.5% on 2020-02-14
    Given a product:
      """
      {sku: SW-2, name: Smartwatch, hts: "8517.62.0090", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2020-02-13
    Then the tariffs include "9903.88.15" at 15 percent

  Scenario: Nothing was due on the smartwatch the day before List 4A
    Given a product:
      """
      {sku: SW-3, name: Smartwatch, hts: "8517.62.0090", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2019-08-31
    Then the tariffs do not include "9903.88.15"

  Scenario: A router is List 3 through heading 9903.88.04, at 10% before and 25% from 2019-05-10
    Given a product:
      """
      {sku: RT-1, name: Enterprise router, hts: "8517.62.0020", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2019-05-09
    Then the tariffs include "9903.88.04" at 10 percent
    And the tariffs do not include "9903.88.15"

  Scenario: The same router pays 25% after the increase
    Given a product:
      """
      {sku: RT-2, name: Enterprise router, hts: "8517.62.0020", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2019-05-10
    Then the tariffs include "9903.88.04" at 25 percent

  Scenario: An 8-digit code that the notes split by statistical number asks for the 10 digits
    Given a product:
      """
      {sku: RT-3, name: Network device, hts: "8517.62.00", origin: CN}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "S301-SPLIT-SUBHEADING"
    And the tariffs do not include "9903.88.04"

  Scenario: Steel bolts of List 3 stack the 301 duty on the 2026 metals duty
    Given the example product "examples/steel-bolts.yaml"
    When it is evaluated
    Then the tariffs include "9903.88.03" at 25 percent
    And the tariffs include "9903.82.02" at 50 percent
    And the total duty is 7500 USD

  Scenario: An exclusion in force lifts the List 1 duty until 2026-11-09
    Given a product:
      """
      {sku: PC-1, name: Pump casing, hts: "8413.91.9085", origin: CN, customs_value: 1000, facts: {covered_by_301_exclusion: true}}
      """
    When it is evaluated for entry on 2026-11-09
    Then the tariffs do not include "9903.88.01"
    And the checklist includes "S301-EXCL-9903.88.69"

  Scenario: The exclusion has lapsed the next day
    Given a product:
      """
      {sku: PC-2, name: Pump casing, hts: "8413.91.9085", origin: CN, customs_value: 1000, facts: {covered_by_301_exclusion: true}}
      """
    When it is evaluated for entry on 2026-11-10
    Then the tariffs include "9903.88.01" at 25 percent

  Scenario: Chinese electric vehicles pay 100% under the four-year review, not List 1
    Given a product:
      """
      {sku: EV-1, name: Battery electric car, hts: "8703.80.0000", origin: CN, customs_value: 30000}
      """
    When it is evaluated for entry on 2024-09-27
    Then the tariffs include "9903.91.03" at 100 percent
    And the tariffs do not include "9903.88.01"

  Scenario: Chinese face masks move from 25% to 50% on 2026-01-01
    Given a product:
      """
      {sku: FM-1, name: Disposable face masks, hts: "6307.90.9870", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2026-01-01
    Then the tariffs include "9903.91.07" at 50 percent
    And the tariffs do not include "9903.91.04"
    And the tariffs do not include "9903.88.15"

  Scenario: Toys once on List 4B pay no Section 301 duty
    Given a product:
      """
      {sku: TOY-1, name: Plastic toy, hts: "9503.00.0090", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2024-06-01
    Then the tariffs do not include "9903.88.16"
    And the tariffs do not include "9903.88.15"

  Scenario: A Chinese EV battery entered in 2023 pays the List 4A duty it then bore
    Given a product:
      """
      {sku: BAT-1, name: EV battery pack, hts: "8507.60.0010", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2023-06-01
    Then the tariffs include "9903.88.15" at 7.5 percent
    And the tariffs do not include "9903.91.01"

  Scenario: From 2024-09-27 the EV battery pays the four-year-review heading instead of List 4A
    Given a product:
      """
      {sku: BAT-2, name: EV battery pack, hts: "8507.60.0010", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2024-09-27
    Then the tariffs include "9903.91.01" at 25 percent
    And the tariffs do not include "9903.88.15"

  Scenario: A power-bank battery of 8507.60.0020 stays on List 4A until the end of 2025
    Given a product:
      """
      {sku: BAT-3, name: Lithium-ion power bank cells, hts: "8507.60.0020", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2025-06-01
    Then the tariffs include "9903.88.15" at 7.5 percent
    And the tariffs do not include "9903.91.06"

  Scenario: The same battery moves to 9903.91.06 on 2026-01-01
    Given a product:
      """
      {sku: BAT-4, name: Lithium-ion power bank cells, hts: "8507.60.0020", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2026-01-01
    Then the tariffs include "9903.91.06" at 25 percent
    And the tariffs do not include "9903.88.15"

  Scenario: Face masks paid 7.5% under List 4A the day before the review took effect
    Given a product:
      """
      {sku: MASK-1, name: Textile face masks, hts: "6307.90.9875", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2024-09-26
    Then the tariffs include "9903.88.15" at 7.5 percent
    And the tariffs do not include "9903.91.01"

  Scenario: Face masks pay 50% under 9903.91.07 from 2026, no longer 9903.91.01
    Given a product:
      """
      {sku: MASK-2, name: Textile face masks, hts: "6307.90.9875", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2026-01-01
    Then the tariffs include "9903.91.07" at 50 percent
    And the tariffs do not include "9903.91.01"

  Scenario: Chinese integrated circuits were List 2 until the semiconductor increase of 2025
    Given a product:
      """
      {sku: IC-1, name: Microcontroller, hts: "8542.31.0001", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2024-12-31
    Then the tariffs include "9903.88.02" at 25 percent
    And the tariffs do not include "9903.91.05"
