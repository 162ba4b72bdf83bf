#!/usr/bin/env python3
"""Build rules/lists/xinjiang-places.csv: the Xinjiang Uyghur Autonomous Region and its places.

Input: the China administrative-division tables of shared/data/cn-admin-divisions/
(provinces.csv, cities.csv, areas.csv; National Bureau of Statistics codes, 2023 edition, via
github.com/modood/Administrative-divisions-of-China). Xinjiang is code 65. The tables give
Chinese names only; the English names, pinyin and common spellings come from the table
``SPELLINGS`` below, kept by hand.

Rows written: the region; every prefecture, autonomous prefecture and prefecture-level city;
every county-level city (including the XPCC cities under code 6590); every county and
autonomous county. Urban districts (区) are left out: their names repeat elsewhere in China
(新市区) and an address that names one also names its city.

Spellings that are also the names of places outside Xinjiang (Aksu in Turkey, Bole in
Ethiopia, Aral in Kazakhstan...) go to the ``needs_context`` column: the screening module
accepts them only with a sign that the text is about China. Chinese short forms are listed only
where they cannot be read as another word (not 温泉, 民丰, 沙湾, 新和, 北屯).

Usage: python scripts/build_xinjiang_places.py [--data DIR] [--out FILE] [--check]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "cn-admin-divisions"
DEFAULT_OUT = REPO / "rules" / "lists" / "xinjiang-places.csv"
EDITION = "2023"  # NBS division codes of the source tables
COLUMNS = ("name_en", "name_zh", "pinyin", "aliases", "level", "code", "parent", "needs_context")

# code: (English name, pinyin of the full Chinese name, aliases, spellings needing context).
# Aliases mix English spellings (Uyghur- or Kazakh-based names, older romanisations) and safe
# Chinese short forms.
SPELLINGS: dict[str, tuple[str, str, str, str]] = {
    "65": ("Xinjiang Uyghur Autonomous Region", "Xinjiang Weiwu'er Zizhiqu",
           "Xinjiang; XUAR; Xinjiang Uygur Autonomous Region; Xinjiang Uighur Autonomous Region; "
           "Xinjiang Autonomous Region; Sinkiang; 新疆", ""),
    # prefecture level
    "6501": ("Urumqi", "Wulumuqi Shi", "Ürümqi; Urumchi; Wulumuqi; Urumqi City; 乌鲁木齐", ""),
    "6502": ("Karamay", "Kelamayi Shi", "Kelamayi; Karamay City; 克拉玛依", ""),
    "6504": ("Turpan", "Tulufan Shi", "Turfan; Tulufan; Turpan City; 吐鲁番", ""),
    "6505": ("Hami", "Hami Shi", "Kumul; Qumul; Hami City; 哈密", "Hami"),
    "6523": ("Changji Hui Autonomous Prefecture", "Changji Huizu Zizhizhou",
             "Changji Prefecture; Changji Hui Prefecture; 昌吉州", ""),
    "6527": ("Bortala Mongol Autonomous Prefecture", "Boertala Menggu Zizhizhou",
             "Bortala; Boertala; Bortala Prefecture; 博尔塔拉", ""),
    "6528": ("Bayingolin Mongol Autonomous Prefecture", "Bayinguoleng Menggu Zizhizhou",
             "Bayingolin; Bayingol; Bayinguoleng; Bayingolin Prefecture; 巴音郭楞", ""),
    "6529": ("Aksu Prefecture", "Akesu Diqu", "Akesu Prefecture; Aksu Region", ""),
    "6530": ("Kizilsu Kyrgyz Autonomous Prefecture", "Kezilesu Ke'erkezi Zizhizhou",
             "Kizilsu; Kezilesu; Qizilsu; Kizilsu Prefecture; 克孜勒苏", ""),
    "6531": ("Kashgar Prefecture", "Kashi Diqu", "Kashi Prefecture; Kashgar Region", ""),
    "6532": ("Hotan Prefecture", "Hetian Diqu", "Hetian Prefecture; Khotan Prefecture; Hotan Region", ""),
    "6540": ("Ili Kazakh Autonomous Prefecture", "Yili Hasake Zizhizhou",
             "Ili; Yili; Ili Prefecture; Yili Prefecture; Ili Kazak Autonomous Prefecture; 伊犁; 伊犁州",
             "Ili; Yili"),
    "6542": ("Tacheng Prefecture", "Tacheng Diqu", "Tarbagatay Prefecture; Chuguchak Prefecture", ""),
    "6543": ("Altay Prefecture", "Aletai Diqu", "Aletai Prefecture; Altay Region", ""),
    # Urumqi, Turpan, Hami
    "650121": ("Urumqi County", "Wulumuqi Xian", "Wulumuqi County", ""),
    "650421": ("Shanshan County", "Shanshan Xian", "Pichan; Piqan; Shanshan; Piqan County; 鄯善", "Shanshan; Pichan"),
    "650422": ("Toksun County", "Tuokexun Xian", "Toksun; Tuokexun; 托克逊", ""),
    "650521": ("Barkol Kazakh Autonomous County", "Balikun Hasake Zizhixian", "Barkol; Balikun; 巴里坤", ""),
    "650522": ("Yiwu County, Xinjiang", "Yiwu Xian", "Aratürük County", ""),
    # Changji
    "652301": ("Changji", "Changji Shi", "Changji City; 昌吉", ""),
    "652302": ("Fukang", "Fukang Shi", "Fukang City; 阜康", "Fukang"),
    "652323": ("Hutubi County", "Hutubi Xian", "Hutubi; 呼图壁", ""),
    "652324": ("Manas County", "Manasi Xian", "Manas; Manasi; 玛纳斯", "Manas"),
    "652325": ("Qitai County", "Qitai Xian", "Qitai; 奇台", ""),
    "652327": ("Jimsar County", "Jimusa'er Xian", "Jimsar; Jimusar; Jimusaer; 吉木萨尔", ""),
    "652328": ("Mori Kazakh Autonomous County", "Mulei Hasake Zizhixian", "Mori County; Mulei; 木垒", ""),
    # Bortala
    "652701": ("Bole", "Bole Shi", "Bole City; Börtala; 博乐", "Bole"),
    "652702": ("Alashankou", "Alashankou Shi", "Alataw Pass; Alashankou City; 阿拉山口", ""),
    "652722": ("Jinghe County", "Jinghe Xian", "精河", ""),
    "652723": ("Wenquan County", "Wenquan Xian", "Arixang County", ""),
    # Bayingolin
    "652801": ("Korla", "Kuerle Shi", "Kuerle; Korla City; 库尔勒", ""),
    "652822": ("Luntai County", "Luntai Xian", "Bügür; Bugur; Luntai; 轮台", ""),
    "652823": ("Yuli County", "Yuli Xian", "Lopnur County; 尉犁", ""),
    "652824": ("Ruoqiang County", "Ruoqiang Xian", "Charkhlik; Qarkilik; Ruoqiang; 若羌", ""),
    "652825": ("Qiemo County", "Qiemo Xian", "Cherchen; Qarqan; Qiemo; 且末", ""),
    "652826": ("Yanqi Hui Autonomous County", "Yanqi Huizu Zizhixian", "Karasahr; Karashahr; Yanqi; 焉耆", ""),
    "652827": ("Hejing County", "Hejing Xian", "Hejing; 和静", "Hejing"),
    "652828": ("Hoxud County", "Heshuo Xian", "Hoxud; Heshuo County", ""),
    "652829": ("Bohu County", "Bohu Xian", "Bagrax; Bohu; 博湖", "Bohu"),
    # Aksu
    "652901": ("Aksu", "Akesu Shi", "Aksu City; Akesu; 阿克苏", "Aksu"),
    "652902": ("Kuqa", "Kuche Shi", "Kucha; Kuche; Kuqa City; 库车", ""),
    "652922": ("Wensu County", "Wensu Xian", "Onsu; Wensu; 温宿", ""),
    "652924": ("Shayar County", "Shaya Xian", "Shayar; Shaya County; 沙雅", ""),
    "652925": ("Xinhe County, Xinjiang", "Xinhe Xian", "Toksu; Toksu County", "Toksu"),
    "652926": ("Baicheng County, Xinjiang", "Baicheng Xian", "Bay County; 拜城", ""),
    "652927": ("Uqturpan County", "Wushi Xian", "Uchturpan; Wushi County; 乌什", ""),
    "652928": ("Awat County", "Awati Xian", "Awat; Awati; 阿瓦提", ""),
    "652929": ("Kalpin County", "Keping Xian", "Kalpin; Keping County; 柯坪", ""),
    # Kizilsu
    "653001": ("Artux", "Atushi Shi", "Atush; Atushi; Artush; Artux City; 阿图什", ""),
    "653022": ("Akto County", "Aketao Xian", "Akto; Aketao; 阿克陶", ""),
    "653023": ("Akqi County", "Aheqi Xian", "Akqi; Aheqi; 阿合奇", ""),
    "653024": ("Ulugqat County", "Wuqia Xian", "Ulugqat; Wuqia; 乌恰", ""),
    # Kashgar
    "653101": ("Kashgar", "Kashi Shi", "Kashi; Kashgar City; Kaxgar; Kashi City; 喀什", "Kashi"),
    "653121": ("Shufu County", "Shufu Xian", "Shufu; Kona Xahar; 疏附", ""),
    "653122": ("Shule County", "Shule Xian", "Yengixahar; Shule; 疏勒", ""),
    "653123": ("Yengisar County", "Yingjisha Xian", "Yengisar; Yingjisha; 英吉沙", ""),
    "653124": ("Poskam County", "Zepu Xian", "Poskam; Zepu; 泽普", ""),
    "653125": ("Yarkant County", "Shache Xian", "Yarkand; Yarkant; Shache; 莎车", ""),
    "653126": ("Kargilik County", "Yecheng Xian", "Kargilik; Qaghiliq; Yecheng County; 叶城", ""),
    "653127": ("Makit County", "Maigaiti Xian", "Makit; Maigaiti; 麦盖提", ""),
    "653128": ("Yopurga County", "Yuepuhu Xian", "Yopurga; Yuepuhu; 岳普湖", ""),
    "653129": ("Peyzawat County", "Jiashi Xian", "Payzawat; Jiashi County; 伽师", ""),
    "653130": ("Maralbexi County", "Bachu Xian", "Maralbeshi; Bachu; 巴楚", ""),
    "653131": ("Taxkorgan Tajik Autonomous County", "Tashikuergan Tajike Zizhixian",
               "Tashkurgan; Taxkorgan; Tashikuergan; 塔什库尔干", ""),
    # Hotan
    "653201": ("Hotan", "Hetian Shi", "Khotan; Hetian; Hotan City; Hetian City; 和田", ""),
    "653221": ("Hotan County", "Hetian Xian", "Hetian County", ""),
    "653222": ("Karakax County", "Moyu Xian", "Qaraqash; Karakash; Moyu; 墨玉", "Moyu"),
    "653223": ("Guma County", "Pishan Xian", "Pishan; Guma; 皮山", "Guma"),
    "653224": ("Lop County", "Luopu Xian", "Lop; Luopu; 洛浦", "Lop"),
    "653225": ("Qira County", "Cele Xian", "Chira; Qira; Cele; 策勒", "Qira; Cele"),
    "653226": ("Keriya County", "Yutian Xian", "Keriya; Yutian County, Xinjiang; 于田", ""),
    "653227": ("Niya County", "Minfeng Xian", "Niya; Minfeng County", "Niya"),
    # Ili
    "654002": ("Yining", "Yining Shi", "Ghulja; Kulja; Gulja; Yining City; 伊宁", ""),
    "654003": ("Kuytun", "Kuitun Shi", "Kuitun; Kuytun City; 奎屯", ""),
    "654004": ("Khorgas", "Huoerguosi Shi", "Horgos; Khorgos; Huoerguosi; 霍尔果斯", "Khorgas; Horgos; Khorgos"),
    "654021": ("Yining County", "Yining Xian", "Ghulja County", ""),
    "654022": ("Qapqal Xibe Autonomous County", "Chabucha'er Xibo Zizhixian", "Qapqal; Chabuchaer; 察布查尔", ""),
    "654023": ("Huocheng County", "Huocheng Xian", "Huocheng; 霍城", ""),
    "654024": ("Tokkuztara County", "Gongliu Xian", "Gongliu; Tokkuztara; 巩留", ""),
    "654025": ("Xinyuan County", "Xinyuan Xian", "Künes County; Kunes County", ""),
    "654026": ("Mongolküre County", "Zhaosu Xian", "Mongolkure; Zhaosu; 昭苏", ""),
    "654027": ("Tekes County", "Tekesi Xian", "Tekes; Tekesi; 特克斯", "Tekes"),
    "654028": ("Nilka County", "Nileke Xian", "Nilka; Nileke; 尼勒克", ""),
    # Tacheng
    "654201": ("Tacheng", "Tacheng Shi", "Qoqek; Chuguchak; Tacheng City; 塔城", ""),
    "654202": ("Wusu", "Wusu Shi", "Usu; Wusu City; 乌苏", "Wusu; Usu"),
    "654203": ("Shawan", "Shawan Shi", "Shawan City", "Shawan"),
    "654221": ("Emin County", "Emin Xian", "Dorbiljin; Emin; 额敏", "Emin"),
    "654224": ("Toli County", "Tuoli Xian", "Tuoli County", ""),
    "654225": ("Yumin County", "Yumin Xian", "Chagantokay County", ""),
    "654226": ("Hoboksar Mongol Autonomous County", "Hebukesaier Menggu Zizhixian",
               "Hoboksar; Hebukesaier; 和布克赛尔", ""),
    # Altay
    "654301": ("Altay", "Aletai Shi", "Aletai; Altay City; 阿勒泰", "Altay"),
    "654321": ("Burqin County", "Buerjin Xian", "Burqin; Burjin; Buerjin; 布尔津", ""),
    "654322": ("Koktokay County", "Fuyun Xian", "Fuyun; Koktokay; 富蕴", ""),
    "654323": ("Fuhai County", "Fuhai Xian", "Burultokay County", ""),
    "654324": ("Kaba County", "Habahe Xian", "Habahe; Kaba; 哈巴河", "Kaba"),
    "654325": ("Qinghe County, Xinjiang", "Qinghe Xian", "Qinggil; Qinggil County", ""),
    "654326": ("Jeminay County", "Jimunai Xian", "Jeminay; Jimunai; 吉木乃", ""),
    # XPCC cities (county level, administered by the Xinjiang Production and Construction Corps)
    "659001": ("Shihezi", "Shihezi Shi", "Shihezi City; 石河子", ""),
    "659002": ("Aral", "Ala'er Shi", "Alar; Alaer; Aral City; 阿拉尔", "Aral"),
    "659003": ("Tumxuk", "Tumushuke Shi", "Tumushuke; Tumxuk City; 图木舒克", ""),
    "659004": ("Wujiaqu", "Wujiaqu Shi", "Wujiaqu City; 五家渠", ""),
    "659005": ("Beitun", "Beitun Shi", "Beitun City", "Beitun"),
    "659006": ("Tiemenguan", "Tiemenguan Shi", "Tiemenguan City; 铁门关", ""),
    "659007": ("Shuanghe", "Shuanghe Shi", "Shuanghe City", "Shuanghe; Shuanghe City"),
    "659008": ("Kokdala", "Kekedala Shi", "Kekedala; Kokdala City; 可克达拉", ""),
    "659009": ("Kunyu", "Kunyu Shi", "Kunyu City", "Kunyu"),
    "659010": ("Huyanghe", "Huyanghe Shi", "Huyanghe City; 胡杨河", ""),
    "659011": ("Xinxing", "Xinxing Shi", "Xinxing City", "Xinxing; Xinxing City"),
    "659012": ("Baiyang", "Baiyang Shi", "Baiyang City", "Baiyang; Baiyang City"),
}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def level_of(code: str, name: str) -> str:
    """The level of a division, from its code and the ending of its Chinese name."""
    if len(code) == 2:
        return "region"
    if len(code) == 4:
        return "prefecture-city" if name.endswith("市") else "prefecture"
    if code.startswith("6590"):
        return "xpcc-city"
    if name.endswith("市"):
        return "county-city"
    if name.endswith("区"):
        return "district"
    return "county"


def build_rows(data: Path) -> list[dict[str, str]]:
    provinces = {r["code"]: r["name"] for r in read_csv(data / "provinces.csv")}
    cities = [r for r in read_csv(data / "cities.csv") if r["provinceCode"] == "65"]
    areas = [r for r in read_csv(data / "areas.csv") if r["provinceCode"] == "65"]
    divisions = [("65", provinces["65"], "")]
    divisions += [(r["code"], r["name"], "65") for r in cities if r["code"] != "6590"]
    divisions += [(r["code"], r["name"], r["cityCode"]) for r in areas]
    rows: list[dict[str, str]] = []
    missing: list[str] = []
    for code, name_zh, parent in divisions:
        level = level_of(code, name_zh)
        if level == "district":
            continue
        if code not in SPELLINGS:
            missing.append(f"{code} {name_zh}")
            continue
        name_en, pinyin, aliases, needs_context = SPELLINGS[code]
        rows.append({"name_en": name_en, "name_zh": name_zh, "pinyin": pinyin, "aliases": aliases,
                     "level": level, "code": code, "parent": parent,
                     "needs_context": needs_context})
    if missing:
        raise SystemExit("no English spelling for: " + ", ".join(missing))
    unused = sorted(set(SPELLINGS) - {r["code"] for r in rows})
    if unused:
        raise SystemExit("spellings for codes not in the source tables: " + ", ".join(unused))
    return rows


def render(rows: list[dict[str, str]]) -> str:
    import io

    out = io.StringIO()
    out.write("# source: National Bureau of Statistics of China, statistical division codes (2023), "
              "via github.com/modood/Administrative-divisions-of-China (commit 57a0aa9c); "
              "English names and spellings kept in scripts/build_xinjiang_places.py\n")
    out.write("# url: https://github.com/modood/Administrative-divisions-of-China\n")
    out.write(f"# edition: {EDITION}\n")
    out.write("# description: Xinjiang Uyghur Autonomous Region (code 65), its prefectures, "
              "prefecture-level cities, county-level cities (XPCC cities included) and counties; "
              "urban districts left out. Generated by scripts/build_xinjiang_places.py: do not edit "
              "by hand. needs_context lists spellings that also name places outside Xinjiang.\n")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="cn-admin-divisions folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="list file to write")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the list file differs from what would be written")
    args = parser.parse_args(argv)
    text = render(build_rows(args.data))
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date: run scripts/build_xinjiang_places.py", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({text.count(chr(10)) - 5} places)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
