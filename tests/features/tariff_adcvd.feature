Feature: Antidumping and countervailing duty exposure of Chinese goods
  AD/CVD deposits depend on the exporter and producer, so the checklist flags the orders
  whose scope the product may fall in, from the date of each order.

  Scenario: Gas pressure washers from China are under AD/CVD orders
    Given a product:
      """
      {sku: PW-1, name: Gas pressure washer, hts: "8424.30.9000", origin: CN}
      """
    When it is evaluated for entry on 2024-03-01
    Then the checklist includes "ADCVD-PRESSURE-WASHERS"
    And item "ADCVD-PRESSURE-WASHERS" has severity "blocking"
    And item "ADCVD-PRESSURE-WASHERS" cites "89 FR 9834"

  Scenario: Paper plates from the order date, not before
    Given a product:
      """
      {sku: PP-1, name: Paper plates, hts: "4823.69.0040", origin: CN}
      """
    When it is evaluated for entry on 2025-03-19
    Then the checklist does not include "ADCVD-PAPER-PLATES"

  Scenario: Paper plates on the order date
    Given a product:
      """
      {sku: PP-2, name: Paper plates, hts: "4823.69.0040", origin: CN}
      """
    When it is evaluated for entry on 2025-03-20
    Then the checklist includes "ADCVD-PAPER-PLATES"

  Scenario: Vanillin from China
    Given a product:
      """
      {sku: VN-1, name: Vanillin, hts: "2912.41.0000", origin: CN}
      """
    When it is evaluated for entry on 2025-08-01
    Then the checklist includes "ADCVD-VANILLIN"

  Scenario: Golf carts from China after 2025-08-12
    Given a product:
      """
      {sku: GC-1, name: Electric golf cart, hts: "8703.10.5030", origin: CN}
      """
    When it is evaluated for entry on 2025-08-12
    Then the checklist includes "ADCVD-LSPTV"

  Scenario: Disposable aluminium trays from China
    Given a product:
      """
      {sku: AT-1, name: Aluminium foil trays, hts: "7615.10.7125", origin: CN, customs_value: 1000}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "ADCVD-ALUMINUM-CONTAINERS"

  Scenario: The same trays from Thailand are not under the China orders
    Given a product:
      """
      {sku: AT-2, name: Aluminium foil trays, hts: "7615.10.7125", origin: TH, customs_value: 1000}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist does not include "ADCVD-ALUMINUM-CONTAINERS"
