"""The demo's evaluations as data: the expert pool, the reward policies and their budget, the
rounds with their criteria, and the words people write (achievements, refusals, objections).

Everything is fictional: the experts, the universities and institutes they come from
(闽东理工大学, 泓屿大学, …), the provincial programme (“擎峰英才”计划) and the documents
(开管〔…〕号) are invented. Years are relative to the year the demo is seeded in (`{year}`).
"""

from dataclasses import dataclass

from talentzone.awards.choices import RoundCategory, RoundKind
from talentzone.directory.choices import Industry, Level
from talentzone.policies.choices import StageRole

YUAN = 100  # fen

ZONE_ISSUER = "开发区人才工作领导小组"
PROVINCIAL_ISSUER = "省委人才工作领导小组"
PROGRAMME = "省“擎峰英才”计划"
MEASURES = "《开发区优秀人才评选表彰办法》（开管〔{issued}〕11号）"


# The expert pool ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpertSpec:
    name: str
    affiliation: str
    speciality: str
    male: bool
    # Works for a zone enterprise: "anchor" (the demo HR account's), or the n-th largest other
    # employer of the zone (1, 2); None: from outside the zone.
    employer: str | int | None = None
    active: bool = True


# The demo `expert` account's own record (the account is made with the other demo accounts).
DEMO_EXPERT = ExpertSpec("方振宇", "闽东理工大学材料科学与工程学院", "锂离子电池材料", male=True)
EXPERTS = (
    ExpertSpec("沈立群", "岚湾科技大学化学工程学院", "电化学储能", male=True),
    ExpertSpec("陶文博", "泓屿大学机械工程学院", "智能制造装备", male=True),
    ExpertSpec("许静怡", "晞川新材料研究院", "正负极材料", male=False),
    ExpertSpec("罗建明", "东澄工程技术研究院", "电池安全与检测", male=True),
    ExpertSpec("韩雪松", "闽东理工大学经济管理学院", "技术经济与创新管理", male=True),
    ExpertSpec("蒋慧敏", "珩岳职业技术学院", "职业技能与人才培养", male=False),
    ExpertSpec("邓一鸣", "泓屿大学电气工程学院", "电力电子与电驱系统", male=True),
    ExpertSpec("龚振华", "岚湾科技大学材料学院", "固态电池", male=True),
    ExpertSpec("谢晓岚", "晞川知识产权研究中心", "知识产权与专利分析", male=False),
    ExpertSpec("魏佳宁", "东澄工程技术研究院", "新能源汽车动力系统", male=False),
    ExpertSpec("曹志远", "", "动力电池系统集成", male=True, employer="anchor"),
    ExpertSpec("钟雅琴", "", "电池材料工艺", male=False, employer=1),
    ExpertSpec("彭国华", "", "锂电装备与自动化", male=True, employer=2),
    # Retired from the pool: kept for the rounds they scored, no longer drawn.
    ExpertSpec("梁秋实", "泓屿大学管理学院", "创新创业管理", male=True, active=False),
)
EMPLOYED_TITLE = "研究院"  # an employed expert's affiliation: "<enterprise>研究院"
NO_EMPLOYER = "东澄工程技术研究院"  # the same, in a zone too small to have that employer


# The reward policies and their budget ------------------------------------------------------


@dataclass(frozen=True)
class RewardSpec:
    code: str
    title: str
    title_en: str
    article: str
    summary: str
    yuan: int


OUTSTANDING_REWARD = RewardSpec(
    code="zone-outstanding-talent-award",
    title="开发区优秀人才奖励",
    title_en="Reward for the zone's outstanding talents",
    article="第九条第一款",
    summary="经年度评选并公示无异议、被命名为开发区优秀人才的，每人给予一次性奖励5万元，"
    "由人才办根据评选结果直接核发，无需另行申请。",
    yuan=50_000,
)
YOUNG_REWARD = RewardSpec(
    code="zone-young-talent-award",
    title="开发区优秀青年人才奖励",
    title_en="Reward for the zone's outstanding young talents",
    article="第九条第二款",
    summary="经年度评选并公示无异议、被命名为开发区优秀青年人才的，每人给予一次性奖励3万元，"
    "由人才办根据评选结果直接核发，无需另行申请。",
    yuan=30_000,
)
REWARDS = (OUTSTANDING_REWARD, YOUNG_REWARD)
REWARD_STAGE = ("人才办审批", StageRole.OFFICE_ADMIN, 7)
REWARD_DOCUMENTS = (("评选命名文件", "开发区人才工作领导小组的命名文件"),)

# One line a year for the evaluations' rewards (the policies demo's lines are rc-01…rc-06).
LINE_CODE = "rc-awards"
LINE_NAME = "优秀人才评选奖励资金"
LINE_YUAN = 1_000_000


# The rounds ----------------------------------------------------------------------------------

# (name, description, weight %, maximum points)
OUTSTANDING_CRITERIA = (
    ("创新成果", "发明专利、关键技术突破、标准制定等", 40, 40),
    ("经济社会效益", "新增产值、降本增效、带动产业链发展", 30, 30),
    ("行业影响与荣誉", "获得的奖励、行业评价与影响力", 15, 15),
    ("团队建设与人才培养", "带领团队、培养骨干与技能人才", 15, 15),
)
YOUNG_CRITERIA = (
    ("创新能力与成果", "技术创新、专利、论文与攻关成果", 35, 35),
    ("岗位业绩", "在本岗位取得的突出业绩", 35, 35),
    ("发展潜力", "专业基础、学习能力与成长空间", 20, 20),
    ("团队协作", "团队贡献与协作精神", 10, 10),
)
PROGRAMME_CRITERIA = (
    ("学术技术水平", "在本领域的学术或技术水平", 40, 10),
    ("产业化前景", "成果转化与产业化的前景", 35, 10),
    ("综合素质", "职业道德、团队带动与发展潜力", 25, 10),
)

OUTSTANDING_RULE = 'status = "in_zone" and tier_rank <= 5 and years_in_zone >= 2'
YOUNG_RULE = 'status = "in_zone" and years_in_zone >= 1'
PROGRAMME_RULE = 'status = "in_zone" and tier_rank <= 5 and years_in_zone >= 3 and age <= 55'


@dataclass(frozen=True)
class RoundSpec:
    key: str
    years_ago: int
    title: str  # {year}
    kind: str
    category: str
    criteria: tuple
    rule: str
    quota: int
    nominations: int  # how many the enterprises submit
    refused: int  # refused at screening
    panel_size: int
    max_age: int | None = None
    notice_days: int = 7


OUTSTANDING_TITLE = "{year}年度开发区优秀人才评选"
YOUNG_TITLE = "{year}年度开发区优秀青年人才评选"

PAST_ROUNDS = (
    RoundSpec(
        "outstanding-3",
        3,
        OUTSTANDING_TITLE,
        RoundKind.AWARD,
        RoundCategory.OUTSTANDING,
        OUTSTANDING_CRITERIA,
        OUTSTANDING_RULE,
        quota=10,
        nominations=14,
        refused=2,
        panel_size=7,
    ),
    RoundSpec(
        "young-2",
        2,
        YOUNG_TITLE,
        RoundKind.AWARD,
        RoundCategory.YOUNG,
        YOUNG_CRITERIA,
        YOUNG_RULE,
        quota=8,
        nominations=11,
        refused=2,
        panel_size=5,
        max_age=35,
    ),
    RoundSpec(
        "programme-1",
        1,
        "{year}年度" + PROGRAMME + "开发区推荐",
        RoundKind.RECOMMENDATION,
        RoundCategory.OUTSTANDING,
        PROGRAMME_CRITERIA,
        PROGRAMME_RULE,
        quota=4,
        nominations=7,
        refused=1,
        panel_size=5,
        notice_days=5,
    ),
    RoundSpec(
        "outstanding-1",
        1,
        OUTSTANDING_TITLE,
        RoundKind.AWARD,
        RoundCategory.OUTSTANDING,
        OUTSTANDING_CRITERIA,
        OUTSTANDING_RULE,
        quota=10,
        nominations=14,
        refused=2,
        panel_size=6,
    ),
)
# This year's: outstanding talents open for nominations, young talents being scored.
OPEN_ROUND = RoundSpec(
    "outstanding-0",
    0,
    OUTSTANDING_TITLE,
    RoundKind.AWARD,
    RoundCategory.OUTSTANDING,
    OUTSTANDING_CRITERIA,
    OUTSTANDING_RULE,
    quota=10,
    nominations=6,
    refused=0,
    panel_size=7,
)
SCORING_ROUND = RoundSpec(
    "young-0",
    0,
    YOUNG_TITLE,
    RoundKind.AWARD,
    RoundCategory.YOUNG,
    YOUNG_CRITERIA,
    YOUNG_RULE,
    quota=8,
    nominations=11,
    refused=2,
    panel_size=6,
    max_age=35,
)
# This year's recommendation into the provincial programme: ranked three days ago, on public
# notice now, with an objection waiting for the office.
NOTICE_ROUND = RoundSpec(
    "programme-0",
    0,
    "{year}年度" + PROGRAMME + "开发区推荐",
    RoundKind.RECOMMENDATION,
    RoundCategory.OUTSTANDING,
    PROGRAMME_CRITERIA,
    PROGRAMME_RULE,
    quota=4,
    nominations=6,
    refused=1,
    panel_size=5,
)
PROGRAMME_LEVEL = Level.PROVINCIAL
# The provincial programme's answers to last year's recommendations, in ranking order.
PROGRAMME_OUTCOMES = ("selected", "selected", "not_selected", "pending")
PROGRAMME_NOTES = {
    "selected": "经省“擎峰英才”计划评审委员会评审，入选本年度计划。",
    "not_selected": "未入选本年度计划，可于下一年度再次推荐。",
}


# What people write ---------------------------------------------------------------------------

TOPICS = {
    Industry.LITHIUM_BATTERY: ("高能量密度动力电池", "电芯快充", "电池热管理"),
    Industry.BATTERY_MATERIALS: ("高镍正极材料", "硅碳负极", "电解液添加剂"),
    Industry.NEW_ENERGY_VEHICLES: ("电驱系统", "整车控制器", "车身轻量化"),
    Industry.ENERGY_STORAGE: ("储能系统集成", "液冷储能柜", "电池管理系统"),
    Industry.EQUIPMENT: ("锂电卷绕设备", "激光焊接工艺", "智能检测装备"),
    Industry.ELECTRONICS: ("车规级传感器", "功率模块封装", "精密电子元件"),
    Industry.STAINLESS_STEEL: ("高精度锂电铜箔", "不锈钢冷轧工艺"),
    Industry.LOGISTICS: ("危险品智慧物流", "供应链数字化"),
    Industry.OTHER: ("工业废水资源化", "材料检测方法"),
}
ACHIEVEMENTS = (
    "主持{topic}关键技术攻关，获授权发明专利{patents}项，相关产品近三年新增产值{value}亿元。",
    "作为技术负责人完成{topic}产线升级，良品率提升{points}个百分点，年节约成本{cost}万元；"
    "牵头制定企业标准{standards}项。",
    "带领{team}人研发团队开展{topic}研究，成果实现产业化，培养高级工程师{mentees}名，"
    "获授权发明专利{patents}项。",
    "负责{topic}项目，实现关键设备与材料国产化替代，获实用新型专利{utility}项、发明专利"
    "{patents}项，带动配套企业{partners}家落户开发区。",
)
YOUNG_ACHIEVEMENTS = (
    "入职以来扎根{topic}一线，提出工艺改进建议{proposals}项并全部落地，年节约成本{cost}万元；"
    "获授权发明专利{patents}项。",
    "参与{topic}核心项目，独立完成关键模块设计，获实用新型专利{utility}项，获企业年度技术创新奖。",
    "作为{topic}项目骨干，解决量产瓶颈问题{proposals}项，产品良率提升{points}个百分点，"
    "带教新员工{mentees}名。",
)
REFUSALS = (
    "申报材料中所列发明专利的专利权人为其他单位，且未提供本人参与研发的证明材料。",
    "被推荐人已于评选年度内调离推荐单位，不符合“推荐单位在职在岗”的要求。",
    "申报材料缺少用人单位党组织出具的政治审查意见，逾期未补齐。",
    "所报经济效益数据未附财务或审计证明，无法核实。",
)
OBJECTION_UPHELD = (
    "反映该同志申报材料中所列两项发明专利的第一发明人并非本人，申报业绩与事实不符。",
    "经核查，所列两项发明专利的第一发明人均为其同事，该同志仅为第四、第五发明人，申报材料"
    "夸大本人贡献。依据评选办法第十四条，取消其本年度评选资格，按排名依次递补。",
)
OBJECTION_DISMISSED = (
    "反映该同志在区工作时间不足两年，不符合申报条件。",
    "经核查社保缴纳记录及劳动合同，该同志入职在区企业已满两年，符合申报条件，异议不成立。",
)
OPEN_OBJECTION = "反映该同志牵头的项目尚未通过验收，申报材料所称“已实现产业化”与实际不符。"
OLD_OBJECTION_DISMISSED = (
    "反映该同志所在团队的产值数据包含了其他部门的产品，存在重复计算。",
    "经推荐单位提供审计报告核实，所报产值均为该同志负责产线的产品，未重复计算，异议不成立。",
)
SCORE_COMMENTS = (
    "创新成果突出，产业化成效明显。",
    "业绩扎实，团队培养方面可进一步加强。",
    "成果与岗位贡献匹配，建议关注后续转化。",
    "技术水平较高，经济效益数据充分。",
    "",
    "",
)
PAYMENT_MEMO = "{round}奖励资金，已拨付至个人账户"
