Feature: Forced-labour (UFLPA) screening of parties, places and sectors
  Since 2022-06-21 CBP presumes that goods made wholly or in part in Xinjiang, or by an entity on
  the UFLPA Entity List, are made with forced labour and bars them. Suppliers' names come in
  Chinese, in pinyin, in English, with or without "Co., Ltd.", and sometimes misspelt.

  Scenario: A supplier on the UFLPA Entity List, named with another legal form, bars the goods
    Given a product:
      """
      {sku: U1, name: PVC flooring plank, hts: "3918.10.1020", origin: CN,
       manufacturer: {name: Jiangsu flooring plant, country: CN, region: Jiangsu},
       suppliers: [{name: "XINJIANG ZHONGTAI CHEMICAL COMPANY LIMITED", country: CN, supplies: [PVC resin]}]}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "UFLPA-ENTITY-LISTED"
    And item "UFLPA-ENTITY-LISTED" has severity "prohibited"
    And item "UFLPA-ENTITY-LISTED" cites "19 U.S.C. 1307"
    And the checklist asks "uflpa_match_cleared"

  Scenario: A listed supplier named in Chinese is recognised
    Given a product:
      """
      {sku: U2, hts: "3904.10.0000", origin: CN,
       manufacturer: {name: "新疆中泰化学股份有限公司", country: CN}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "UFLPA-ENTITY-LISTED"

  Scenario: A listed supplier's Chinese short name is recognised
    Given a product:
      """
      {sku: U3, hts: "6109.10.0012", origin: CN,
       manufacturer: {name: Dongguan garment factory, country: CN},
       suppliers: [{name: "华孚时尚", country: CN, supplies: [melange yarn]}]}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "UFLPA-ENTITY-LISTED"

  Scenario: A misspelt name of a listed entity still matches strongly
    Given a product:
      """
      {sku: U4, hts: "2804.69.1000", origin: CN,
       manufacturer: {name: "Hoshien Silicon Industry (Shanshan) Co., Ltd.", country: CN}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "UFLPA-ENTITY-LISTED"

  Scenario: A group whose name is made of common words is recognised by its full name
    Given a product:
      """
      {sku: U5, hts: "7601.10.6000", origin: CN,
       manufacturer: {name: "Xinjiang Nonferrous Metals Industry Group Co., Ltd.", country: CN}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "UFLPA-ENTITY-LISTED"

  Scenario: A company sharing part of a listed name is flagged for review, not barred
    Given a product:
      """
      {sku: U6, hts: "8517.62.0090", origin: CN,
       manufacturer: {name: "Shenzhen Hoshine Electronics Co., Ltd.", country: CN, region: Guangdong}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "UFLPA-ENTITY-POSSIBLE"
    And the checklist does not include "UFLPA-ENTITY-LISTED"

  Scenario: A reviewer's clearance of a false match lifts the flag
    Given a product:
      """
      {sku: U7, hts: "8517.62.0090", origin: CN,
       manufacturer: {name: "Shenzhen Hoshine Electronics Co., Ltd.", country: CN, region: Guangdong},
       facts: {uflpa_match_cleared: true}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist does not include "UFLPA-ENTITY-POSSIBLE"

  Scenario: Generic trading-company names do not match the Entity List
    Given a product:
      """
      {sku: U8, hts: "9403.60.8081", origin: CN,
       manufacturer: {name: "China National Trading Co.", country: CN, region: Beijing},
       suppliers: [{name: "Shanghai Textile Technology Co., Ltd.", country: CN, region: Shanghai}]}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist does not include "UFLPA-ENTITY-LISTED"
    And the checklist does not include "UFLPA-ENTITY-POSSIBLE"
    And the checklist does not include "UFLPA-XINJIANG-PARTY"

  Scenario: A supplier with a Xinjiang address in Chinese bars the goods
    Given a product:
      """
      {sku: U9, hts: "6204.62.4011", origin: CN,
       manufacturer: {name: Ningbo garment factory, country: CN, region: Zhejiang},
       suppliers: [{name: Cotton ginning mill, country: CN, address: "新疆维吾尔自治区喀什地区巴楚县"}]}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "UFLPA-XINJIANG-PARTY"
    And item "UFLPA-XINJIANG-PARTY" has severity "prohibited"

  Scenario: A supplier in Xinjiang named in pinyin bars goods made in another country
    Given a product:
      """
      {sku: U10, hts: "6109.10.0012", origin: VN,
       manufacturer: {name: Hanoi garment factory, country: VN},
       suppliers: [{name: Yarn mill, country: CN, address: "No. 18 Beijing Road, Wulumuqi, China"}]}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "UFLPA-XINJIANG-PARTY"

  Scenario: A Xinjiang Road in another city is not Xinjiang
    Given a product:
      """
      {sku: U11, hts: "8516.60.4060", origin: CN,
       manufacturer: {name: Qingdao appliance factory, country: CN, address: "No. 5 Xinjiang Road, Qingdao, Shandong"}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist does not include "UFLPA-XINJIANG-PARTY"

  Scenario: Tomato paste is a high-priority sector and needs a supply-chain map
    Given a product:
      """
      {sku: U12, hts: "2002.90.8050", origin: IT,
       manufacturer: {name: Naples cannery, country: IT}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "UFLPA-SECTOR-TOMATO"
    And "UFLPA-SUPPLY-CHAIN-MAP" needs more information
    And the checklist asks "supply_chain_map_available"

  Scenario: Steel became a high-priority sector on 2025-08-19
    Given a product:
      """
      {sku: U13, hts: "7318.15.2095", origin: CN,
       manufacturer: {name: Handan fastener works, country: CN, region: Hebei},
       facts: {supply_chain_map_available: true}}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist does not include "UFLPA-SECTOR-STEEL"

  Scenario: Steel products entered after 2025-08-19 carry the sector risk
    Given a product:
      """
      {sku: U14, hts: "7318.15.2095", origin: CN,
       manufacturer: {name: Handan fastener works, country: CN, region: Hebei},
       facts: {supply_chain_map_available: true}}
      """
    When it is evaluated for entry on 2025-09-01
    Then the checklist includes "UFLPA-SECTOR-STEEL"
    And the checklist does not include "UFLPA-SUPPLY-CHAIN-MAP"

  Scenario: A declared cotton material is a sector input whatever the product
    Given a product:
      """
      {sku: U15, hts: "4202.92.3131", origin: CN,
       manufacturer: {name: Xiamen bag factory, country: CN, region: Fujian},
       materials: [{name: polyester}, {name: cotton}]}
      """
    When it is evaluated for entry on 2025-06-01
    Then the checklist includes "UFLPA-SECTOR-INPUT"

  Scenario: Cotton T-shirts spun from Xinjiang yarn are barred
    Given the example product "examples/cotton-t-shirts.yaml"
    When it is evaluated
    Then the checklist includes "UFLPA-XINJIANG-PARTY"
    And the checklist includes "UFLPA-SECTOR-APPAREL"
    And the checklist includes "UFLPA-SUPPLY-CHAIN-MAP"

  Scenario: Solar panels need polysilicon tracing
    Given the example product "examples/solar-panels.yaml"
    When it is evaluated
    Then the checklist includes "UFLPA-SECTOR-SILICA"
    And the checklist does not include "UFLPA-XINJIANG-PARTY"
    And the checklist asks "supply_chain_map_available"
