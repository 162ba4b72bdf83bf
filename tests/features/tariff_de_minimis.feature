Feature: End of duty-free de minimis entry
  Shipments of $800 or less lost duty-free entry for goods of China and Hong Kong on
  2025-05-02 and for goods of every country on 2025-08-29.

  Scenario: A $50 parcel from China could enter duty-free on 2025-05-01
    Given a product:
      """
      {sku: DM-1, name: Phone case, hts: "3926.90.9990", origin: CN, customs_value: 50}
      """
    When it is evaluated for entry on 2025-05-01
    Then the checklist does not include "DEMINIMIS-CN-HK"

  Scenario: From 2025-05-02 it needs an entry and pays every duty
    Given a product:
      """
      {sku: DM-2, name: Phone case, hts: "3926.90.9990", origin: CN, customs_value: 50}
      """
    When it is evaluated for entry on 2025-05-02
    Then the checklist includes "DEMINIMIS-CN-HK"
    And item "DEMINIMIS-CN-HK" has severity "blocking"
    And item "DEMINIMIS-CN-HK" cites "19 U.S.C. 1321"

  Scenario: A $50 parcel from Vietnam kept duty-free entry until 2025-08-28
    Given a product:
      """
      {sku: DM-3, name: Phone case, hts: "3926.90.9990", origin: VN, customs_value: 50}
      """
    When it is evaluated for entry on 2025-08-28
    Then the checklist does not include "DEMINIMIS-ALL"

  Scenario: From 2025-08-29 de minimis is suspended for all countries
    Given a product:
      """
      {sku: DM-4, name: Phone case, hts: "3926.90.9990", origin: VN, customs_value: 50}
      """
    When it is evaluated for entry on 2025-08-29
    Then the checklist includes "DEMINIMIS-ALL"

  Scenario: The suspension continues after the IEEPA ruling
    Given a product:
      """
      {sku: DM-5, name: Phone case, hts: "3926.90.9990", origin: CN, customs_value: 50}
      """
    When it is evaluated for entry on 2026-09-01
    Then the checklist includes "DEMINIMIS-ALL"
    And the checklist does not include "DEMINIMIS-CN-HK"

  Scenario: A de minimis question needs the customs value
    Given a product:
      """
      {sku: DM-6, name: Phone case, hts: "3926.90.9990", origin: CN}
      """
    When it is evaluated for entry on 2026-09-01
    Then "DEMINIMIS-ALL" needs more information
