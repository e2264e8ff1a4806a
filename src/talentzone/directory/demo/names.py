"""Words the demo zone is made of: people's names, invented company brands, places, majors, skills.

Everything here is fictional. Company names are built from invented brand words and never from a
real company's name (`REAL_BRANDS` lists those we must not produce; the seed skips any name that
contains one, and its test checks the result). Universities are real ones: the founders who
studied there are not.
"""

from random import Random

from talentzone.directory.choices import Industry

from .weighted import Weighted

# Common surnames, weighted towards those frequent in eastern Fujian.
SURNAMES = Weighted(
    [
        ("陈", 12), ("林", 11), ("黄", 8), ("张", 7), ("李", 7), ("王", 6), ("吴", 5), ("刘", 5),
        ("郑", 5), ("杨", 3), ("许", 2.5), ("谢", 2.5), ("蔡", 2), ("叶", 2), ("周", 2), ("徐", 2),
        ("朱", 1.5), ("何", 1.5), ("郭", 1.5), ("赵", 1.5), ("孙", 1.2), ("胡", 1.2), ("马", 1),
        ("高", 1), ("罗", 1), ("曾", 1), ("魏", 1), ("游", 0.8), ("余", 0.8), ("钟", 0.8),
        ("彭", 0.8), ("江", 0.8), ("方", 0.8), ("潘", 0.7), ("肖", 0.7), ("邱", 0.7), ("卢", 0.7),
        ("雷", 0.6), ("缪", 0.6), ("阮", 0.5), ("范", 0.5), ("汤", 0.5), ("甘", 0.3), ("欧阳", 0.2),
    ]
)  # fmt: skip
MALE_NAME_CHARACTERS = (
    "伟强磊军勇杰涛斌超明辉鹏华飞鑫波宇浩凯俊健峰建国志文博晨睿航泽宏海林毅坤锋彬炜"
    "昊轩哲翔铭宁诚良荣庆东嘉振忠德立永新子天家晓承阳"
)
FEMALE_NAME_CHARACTERS = (
    "芳娜敏静丽艳娟霞燕玲婷雪琳慧颖欣怡佳悦晶倩雯萍丹璐思梦雨若诗涵晓淑秀月彤瑶妍蓉"
    "莉红英华萱琪薇洁菲蕾楠"
)


def words(text: str) -> tuple[str, ...]:
    """The space-separated words of `text`: long word lists read better written this way."""
    return tuple(text.split())


def person_name(rng: Random, male: bool) -> str:
    """A surname and a one- or two-character given name (three in four have two)."""
    characters = MALE_NAME_CHARACTERS if male else FEMALE_NAME_CHARACTERS
    first = rng.choice(characters)
    if rng.random() < 0.25:
        return SURNAMES.pick(rng) + first
    second = rng.choice(characters)
    while second == first:
        second = rng.choice(characters)
    return SURNAMES.pick(rng) + first + second


# Real companies of the battery and new-energy industries (and other well-known brands): a
# generated name must contain none of these.
REAL_BRANDS = words(
    "宁德时代 时代 CATL 比亚迪 国轩 亿纬 欣旺达 中创新航 蜂巢 远景 杉杉 当升 容百 天赐 新宙邦 "
    "恩捷 星源 璞泰来 贝特瑞 德方 华友 格林美 赣锋 天齐 赢合 利元亨 杭可 科达利 诺德 嘉元 "
    "青拓 鼎信 上汽 蔚来 理想 小鹏 问界 岚图 思源 海辰 瑞庭 邦普 厦钨 富临 先导 海目星 星云 "
    "特来电 阳光电源 正泰 鹏辉 南都 超威 天能 孚能 力神 瑞浦 捷威 冠宇 海四达 万向 吉利 奇瑞 "
    "长安 零跑 哪吒 极氪 智己 小米 华为 中车 协鑫 隆基 晶科 天合 晶澳 通威 金风 明阳"
)

# Invented brand words: one character from each list. None of the pairs is a real company's name.
BRAND_FIRST = "澜拓骁沐烁曜璟霁昕翊珩岑湛泓铖铎钰垚淼晞朗锴峥炜煜旻瀚澄珂瑄泊砚岱溯"
BRAND_SECOND = "川锂能芯途驰岳科晟源极帆屹跃衡微垣泽朔翎锋辰岩"

ENTERPRISE_BUSINESS = {
    Industry.LITHIUM_BATTERY: words("新能源科技 动力电池 电池科技 锂电科技 能源科技"),
    Industry.BATTERY_MATERIALS: words("新材料科技 锂电材料 材料科技 化学材料 隔膜科技"),
    Industry.NEW_ENERGY_VEHICLES: words("汽车零部件 新能源汽车科技 电驱科技 汽车电子"),
    Industry.ENERGY_STORAGE: words("储能科技 储能系统 电力科技 智慧能源"),
    Industry.EQUIPMENT: words("智能装备 自动化设备 精密机械 智能制造 激光科技"),
    Industry.ELECTRONICS: words("电子科技 电子材料 精密电子 传感技术"),
    Industry.STAINLESS_STEEL: words("铜业 精密金属 金属材料 铜箔科技"),
    Industry.LOGISTICS: words("供应链管理 物流 仓储服务 运输"),
    Industry.OTHER: words("包装材料 环保科技 检测技术 工程技术"),
}
ENTERPRISE_PREFIXES = Weighted([("宁德", 6), ("福建", 1.5), ("", 2.5)])

# The enterprise the demo HR account works for: the zone's largest battery maker.
ANCHOR_ENTERPRISE_NAME = "宁德澜拓新能源科技股份有限公司"


def brand(rng: Random) -> str:
    return rng.choice(BRAND_FIRST) + rng.choice(BRAND_SECOND)


def enterprise_name(rng: Random, industry: str, large: bool) -> str:
    suffix = "股份有限公司" if large and rng.random() < 0.4 else "有限公司"
    business = rng.choice(ENTERPRISE_BUSINESS[industry])
    return f"{ENTERPRISE_PREFIXES.pick(rng)}{brand(rng)}{business}{suffix}"


def names_a_real_company(name: str) -> bool:
    return any(real in name for real in REAL_BRANDS)


AGENCY_NAMES = words(
    "宁德聚英人力资源服务有限公司 宁德才鼎人力资源服务有限公司 闽东众弘人力资源有限公司 "
    "宁德启才人力资源开发有限公司 福建拓英人才科技有限公司 宁德衡才人力资源服务有限公司 "
    "宁德越才企业管理咨询有限公司 闽东蓝岸人力资源有限公司 宁德新程人力资源服务有限公司 "
    "宁德行远人才服务有限公司 福建睿聘人力资源有限公司 宁德同舟劳务服务有限公司 "
    "宁德晟才人力资源服务有限公司 闽东青橙人才发展有限公司 宁德禾众人力资源有限公司 "
    "宁德捷才职业技能培训有限公司 福建远帆人力资源服务有限公司 宁德英杰人才测评有限公司"
)
AGENCY_SERVICES = words(
    "招聘流程外包 高级人才寻访 劳务派遣 人事代理 职业技能培训 人力资源外包 薪税服务 "
    "灵活用工 人才测评 校园招聘"
)

UNIVERSITIES = words(
    "宁德师范学院 宁德职业技术学院 福州大学 厦门大学 华侨大学 福建师范大学 集美大学 "
    "闽江学院 福建理工大学 莆田学院 武夷学院 中南大学 华中科技大学 哈尔滨工业大学 "
    "合肥工业大学 南昌大学 湖南大学"
)

# Majors for graduates of universities, by the industry they mostly work in.
MAJORS = {
    Industry.LITHIUM_BATTERY: ("电化学工程", "新能源材料与器件", "材料科学与工程", "应用化学"),
    Industry.BATTERY_MATERIALS: ("材料化学", "化学工程与工艺", "材料科学与工程", "冶金工程"),
    Industry.NEW_ENERGY_VEHICLES: ("车辆工程", "电气工程及其自动化", "机械电子工程"),
    Industry.ENERGY_STORAGE: ("储能科学与工程", "电气工程及其自动化", "新能源科学与工程"),
    Industry.EQUIPMENT: ("机械设计制造及其自动化", "自动化", "机械电子工程", "测控技术与仪器"),
    Industry.ELECTRONICS: ("电子信息工程", "微电子科学与工程", "通信工程"),
    Industry.STAINLESS_STEEL: ("冶金工程", "金属材料工程", "材料成型及控制工程"),
    Industry.LOGISTICS: ("物流管理", "供应链管理", "交通运输"),
    Industry.OTHER: ("环境工程", "安全工程", "工业设计"),
}
GENERAL_MAJORS = words(
    "计算机科学与技术 软件工程 工业工程 物理学 人力资源管理 财务管理 工商管理 国际经济与贸易 英语"
)
VOCATIONAL_MAJORS = words(
    "机电一体化技术 应用化工技术 电气自动化技术 工业机器人技术 新能源汽车技术 数控技术 "
    "化工装备技术 物流管理 模具设计与制造 工业分析技术"
)

SKILLS = {
    Industry.LITHIUM_BATTERY: words(
        "电芯设计 化成分容 极片涂布 卷绕叠片 电池测试 工艺工程 BMS电池管理"
    ),
    Industry.BATTERY_MATERIALS: words(
        "正极材料 负极材料 电解液 隔膜 铜箔 前驱体合成 材料表征 化学分析"
    ),
    Industry.NEW_ENERGY_VEHICLES: words("电池包设计 热管理 电驱系统 整车电气 BMS电池管理 结构件"),
    Industry.ENERGY_STORAGE: words("储能系统集成 PCS变流器 电站运维 BMS电池管理 能量管理系统"),
    Industry.EQUIPMENT: words("锂电设备 自动化产线 PLC编程 机器视觉 机械设计 激光焊接 设备维护"),
    Industry.ELECTRONICS: words("铜箔 电子线路设计 嵌入式开发 SMT工艺 传感器"),
    Industry.STAINLESS_STEEL: words("铜箔 结构件 冶金工艺 精密冲压 表面处理"),
    Industry.LOGISTICS: words("供应链管理 仓储管理 危险品运输 进出口报关 采购管理"),
    Industry.OTHER: words("环境检测 检验检测 包装设计 安全生产"),
}
GENERAL_SKILLS = words("质量管理 精益生产 六西格玛 安全生产 数据分析 项目管理 MES系统 英语")


def skills(rng: Random, industry: str) -> str:
    """Two or three skills of the person's industry, sometimes one general skill."""
    chosen = rng.sample(SKILLS[industry], rng.randint(2, 3))
    if rng.random() < 0.4:
        general = rng.choice(GENERAL_SKILLS)
        if general not in chosen:
            chosen.append(general)
    return "、".join(chosen)


# Patent titles: "一种<object>的<method>".
PATENT_OBJECTS = words(
    "锂离子电池正极材料 高镍三元前驱体 硅碳负极材料 磷酸铁锂材料 电解液添加剂 复合集流体 "
    "陶瓷涂覆隔膜 电芯极片 软包电芯 方形铝壳电池 电池模组 储能电池柜 电池管理系统 "
    "极耳焊接装置 叠片机 卷绕机 化成分容设备 涂布机烘箱 注液装置 电池包液冷板 超薄铜箔 "
    "电池回收料"
)
PATENT_METHODS = ("制备方法", "检测方法", "控制方法", "生产工艺", "结构", "装置及其使用方法")


def patent_titles(rng: Random, count: int) -> list[str]:
    """`count` different patent titles."""
    titles: list[str] = []
    while len(titles) < count:
        title = f"一种{rng.choice(PATENT_OBJECTS)}的{rng.choice(PATENT_METHODS)}"
        if title not in titles:
            titles.append(title)
    return titles
