"""Word lists that name matching relies on: legal forms, generic words and place words.

A company name is made of a *distinctive* part (``Hoshine``, ``Zhongtai``, ``合盛``) and of
words that many companies share: the legal form (``Co., Ltd.``, ``有限公司``), descriptors of
the trade (``Technology``, ``Textile``, ``纺织``) and places (``Xinjiang``, ``Shandong``,
``江苏``). Matching gives weight to the distinctive part only, so that a name made of shared
words alone ("China National Trading Co.") never matches an entry strongly.

The lists are deliberately plain data: a reviewer can read and extend them.
"""

from __future__ import annotations

# --- Latin script ---------------------------------------------------------------------------

#: Legal-form words, dropped from a name before comparison (after case folding).
LEGAL_FORMS: frozenset[str] = frozenset("""
co company companies corp corporation inc incorporated ltd limited llc plc lp llp pllc
gmbh ag kg sa sas sarl srl spa bv nv ab as oy pte pty sdn bhd tbk jsc ojsc pjsc cjsc ooo oao zao
kk kabushiki kaisha group holdings holding share shares stock joint liability
""".split())

#: Multi-word legal forms, removed as phrases before the single words above.
LEGAL_PHRASES: tuple[str, ...] = (
    "limited liability company", "joint stock company", "company limited",
    "co ltd", "share holding", "public company", "sole proprietorship",
)

#: Words that say what a company does or how it is organised. They never identify it.
GENERIC_WORDS: frozenset[str] = frozenset("""
a an and of the for in on at by to with
accessories accessory agricultural agriculture agro alloy alloys aluminium aluminum apparel
aquatic asset assets auto automation automotive battery batteries bio biological biology
biotech biotechnology branch building business canned carbon center centre chain chemical
chemicals chinese clothing coal color colour commerce commercial communication communications
construction consulting copper cotton culture dates development digital dyed dyeing earth eco
ecological economic economy electric electrical electricity electronic electronics energy
engineering enterprise enterprises environmental equipment estate export exports fabric
fabrics factory fashion fiber fibers fibre fibres fishery fisheries food foods footwear
foundation fruit fruits furniture garment garments general gold green hair hardware health
herbal high home import imports industrial industries industry information info institute
instrument instruments intelligent investment investments iron knitting leather library
light lighting linen lithium logistics machine machinery magnesium management manufacture
manufacturing material materials medical medicine medicinal melange metal metals mine
mineral minerals mining modern national network new nonferrous oil optical optoelectronic
optoelectronics packaging paper park parts petrochemical pharmaceutical pharmaceuticals
photovoltaic plant plastic plastics power precision processing product production products
project property protective pv rare real research reserve resource resources rubber sales
science sciences seafood semiconductor service services shoe shoes silicon smart solar
spinning steel storage sugar supply supplies system systems tech technological technologies
technology telecom telecommunications textile textiles tomato tomatoes tools trade trading
transfer transport transportation tube vegetable vegetables warehouse warehousing wear
weaving wool yarn yarns zinc
""".split())

#: Words naming a country or a very large region: they carry no identifying weight.
BROAD_PLACE_WORDS: frozenset[str] = frozenset("""
china prc sino xinjiang uyghur uygur uighur xuar asia asian pacific world global international
intl overseas oriental orient east eastern west north northern south southern central
""".split())

#: Chinese provinces, cities and counties that prefix company names (pinyin and English).
#: A prefix of this kind is *optional* when comparing names, and a place conflict lowers a score.
PLACE_WORDS: frozenset[str] = frozenset("""
anhui beijing chongqing fujian gansu guangdong guangxi guizhou hainan hebei heilongjiang henan
hubei hunan inner mongolia jiangsu jiangxi jilin liaoning ningxia qinghai shaanxi shandong
shanghai shanxi sichuan tianjin tibet xizang yunnan zhejiang hong kong macau macao taiwan
anyang baoding baotou binzhou changchun changde changsha changzhou chengdu dalian dezhou
dongguan donghai foshan fuzhou guangzhou guilin guiyang haikou handan hangzhou harbin hefei
hengshui heze hohhot huizhou jiaxing jinan jinhua jining kunming lanzhou langfang linyi
luoyang nanchang nanjing nanning nantong nangong ningbo qingdao quanzhou rizhao shantou
shaoxing shenyang shenzhen shijiazhuang suzhou taiyuan taizhou tangshan wenzhou wuhan wuxi
xiamen xian xinye xining xuzhou yancheng yangzhou yantai yinchuan zhengzhou zhongshan zhuhai
zibo
urumqi wulumuqi karamay kelamayi turpan turfan tulufan hami kumul changji bortala boertala
bole bayingolin bayinguoleng korla kuerle aksu akesu kizilsu kezilesu artux atushi kashgar
kashi hotan hetian khotan ili yili yining ghulja kuytun kuitun tacheng altay aletai shihezi
aral alaer tumxuk tumushuke wujiaqu beitun tiemenguan kokdala kekedala kunyu huyanghe
shanshan lop luopu yanqi habahe fukang wusu kuqa kuche shache yarkand
""".split())

# --- Chinese script -------------------------------------------------------------------------

#: Chinese legal forms, removed from the end (or the middle, when bracketed) of a name.
#: Longest first, so that 股份有限公司 goes before 有限公司.
LEGAL_FORMS_ZH: tuple[str, ...] = (
    "股份有限公司", "有限责任公司", "集团有限公司", "集团股份有限公司", "有限公司", "股份公司",
    "集团公司", "总公司", "分公司", "控股", "集团", "股份", "公司",
)

#: Chinese descriptors of a trade, removed when looking for the distinctive part of a name.
GENERIC_ZH: tuple[str, ...] = (
    "进出口", "新能源", "新材料", "供应链", "技术开发", "生物科技", "光电", "国际", "科技",
    "技术", "贸易", "商贸", "实业", "工业", "产业", "发展", "投资", "纺织", "棉业", "棉麻",
    "服装", "服饰", "制衣", "化工", "化学", "能源", "材料", "电子", "电器", "信息", "食品",
    "农业", "生物", "矿业", "有色", "金属", "物流", "仓储", "建设", "工程", "网络", "通信",
    "设备", "机械", "制造", "生产", "硅业", "光伏", "太阳能", "铝业", "钢铁", "开发", "经济",
    "服务", "销售", "商务", "环保", "股份", "有限", "中国", "中华", "维吾尔", "自治区",
)

#: Chinese province-level names (full and short). A leading one is optional when comparing.
PROVINCES_ZH: tuple[str, ...] = (
    "新疆维吾尔自治区", "内蒙古自治区", "广西壮族自治区", "宁夏回族自治区", "西藏自治区",
    "黑龙江省", "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省",
    "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省",
    "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省",
    "香港特别行政区", "澳门特别行政区",
    "黑龙江", "内蒙古", "新疆", "广西", "宁夏", "西藏", "北京", "天津", "上海", "重庆", "河北",
    "山西", "辽宁", "吉林", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北",
    "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "香港", "澳门",
)
