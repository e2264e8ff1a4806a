"""The demo's season of events at the talent stations and in the park, relative to the day of
seeding (day 0). Titles and descriptions are invented."""

import datetime
from dataclasses import dataclass

from talentzone.directory.choices import Gender
from talentzone.directory.demo import structure
from talentzone.events.choices import Audience, EventKind

T = datetime.time
STATIONS = [station.name for station in structure.STATIONS]
DEMO_STATION = structure.DEMO_STATION  # the demo station account's
YOUTH_STATION = STATIONS[1]  # 宁德市青年人才驿站
GRADUATES_STATION = STATIONS[2]
LITHIUM_STATION = STATIONS[3]
EQUIPMENT_STATION = STATIONS[5]
STORAGE_STATION = STATIONS[6]
SKILLS_STATION = STATIONS[9]
PARK_STATION = STATIONS[12]
VENTURES_STATION = STATIONS[13]


@dataclass(frozen=True)
class Session:
    day: int
    start: datetime.time
    minutes: int
    title: str


@dataclass(frozen=True)
class EventSpec:
    key: str
    title: str
    kind: str
    where: str  # a station's name, or a venue's for `in_venue`
    day: int  # from the day of seeding
    start: datetime.time
    minutes: int
    capacity: int
    description: str
    audience: str = Audience.TALENTS
    max_age: int | None = None
    quotas: tuple[tuple[str, int], ...] = ()
    sessions: tuple[Session, ...] = ()
    sessions_required: int | None = None
    organiser: str = "station"  # "station", "office" or "agency"
    in_venue: bool = False
    fill: float = 0.8  # registrations per place (above 1: a waiting list)
    opens_days: int = 14  # registration opens this many days before the start
    cancelled: str = ""  # the reason, for an event called off


SOCIAL_AGE = 35
SOCIAL_QUOTAS = ((Gender.FEMALE, 30), (Gender.MALE, 30))

SEASON = (
    # Held -------------------------------------------------------------------------------------
    EventSpec(
        "social-53",
        "第53期青年人才联谊会",
        EventKind.SOCIAL,
        YOUTH_STATION,
        -28,
        T(14, 30),
        180,
        60,
        "面向35周岁以下单身青年人才，破冰游戏、兴趣小组交流、茶歇互动。男女各30名。",
        Audience.YOUNG,
        SOCIAL_AGE,
        SOCIAL_QUOTAS,
        fill=1.05,
    ),
    EventSpec(
        "talent-day-autumn",
        "秋季人才日·锂电企业开放日",
        EventKind.TALENT_DAY,
        LITHIUM_STATION,
        -21,
        T(9, 0),
        240,
        120,
        "走进园区锂电龙头企业参观生产线，与企业技术骨干面对面交流，现场了解人才政策。",
        fill=0.85,
    ),
    EventSpec(
        "party-red",
        "主题党日：重走闽东红色足迹",
        EventKind.PARTY_COMMUNITY,
        DEMO_STATION,
        -14,
        T(8, 30),
        300,
        40,
        "组织园区企业青年党员人才参观闽东革命纪念馆，开展重温入党誓词活动。",
        Audience.IN_ZONE,
        fill=0.9,
    ),
    EventSpec(
        "volunteer",
        "社区志愿服务：关爱新就业形态劳动者",
        EventKind.PARTY_COMMUNITY,
        YOUTH_STATION,
        -10,
        T(9, 0),
        180,
        30,
        "走进园区周边社区，为外卖骑手、网约车司机等新就业形态劳动者提供政策咨询与义诊服务。",
        fill=0.8,
    ),
    EventSpec(
        "policy-talk",
        "人才政策进企业宣讲会",
        EventKind.TALENT_DAY,
        PARK_STATION,
        -7,
        T(14, 30),
        120,
        80,
        "解读人才安居、子女入学、项目资助等政策的申报条件与办理流程，现场答疑。",
        fill=0.7,
    ),
    EventSpec(
        "robot-training",
        "工业机器人系统运维员（四级）技能培训班",
        EventKind.SKILL_TRAINING,
        EQUIPMENT_STATION,
        -33,
        T(9, 0),
        180,
        30,
        "紧缺工种培训：工业机器人示教编程、故障诊断与日常维护，结业考核合格颁发结业证书。",
        sessions=(
            Session(-33, T(9, 0), 180, "机器人安全规范与基本操作"),
            Session(-30, T(9, 0), 180, "示教编程实操"),
            Session(-26, T(9, 0), 180, "常见故障诊断"),
            Session(-23, T(9, 0), 180, "综合实训与结业考核"),
        ),
        sessions_required=3,
        fill=1.0,
        opens_days=20,
    ),
    EventSpec(
        "storage-training",
        "储能电站运维技能提升班",
        EventKind.SKILL_TRAINING,
        STORAGE_STATION,
        -19,
        T(14, 0),
        180,
        30,
        "紧缺工种培训：储能电站电池管理系统、消防安全与运维规程，理论与现场实训结合。",
        sessions=(
            Session(-19, T(14, 0), 180, "储能系统构成与电池管理系统"),
            Session(-17, T(14, 0), 180, "储能电站消防安全"),
            Session(-12, T(14, 0), 180, "运维规程与巡检实训"),
        ),
        sessions_required=2,
        fill=0.9,
        opens_days=20,
    ),
    # Running ----------------------------------------------------------------------------------
    EventSpec(
        "cadre-training",
        "2026年度人才工作干部能力提升培训班（第二期）",
        EventKind.CADRE_TRAINING,
        "第一培训室",
        -11,
        T(9, 0),
        180,
        36,
        "面向各部门、网格和人才驿站的人才工作干部，系统学习人才政策、服务规范与数字化平台操作。",
        Audience.STAFF,
        sessions=(
            Session(-11, T(9, 0), 180, "新时代人才工作政策解读"),
            Session(-9, T(9, 0), 180, "人才服务规范与“一站式”办理"),
            Session(-4, T(9, 0), 180, "人才数据平台操作实务"),
            Session(-2, T(9, 0), 180, "优秀人才驿站经验交流"),
            Session(3, T(9, 0), 180, "人才项目评审与资金管理"),
            Session(5, T(9, 0), 180, "结业研讨"),
        ),
        sessions_required=5,
        organiser="office",
        in_venue=True,
        fill=0.85,
        opens_days=21,
    ),
    # To come ----------------------------------------------------------------------------------
    EventSpec(
        "open-day",
        "驿站开放日：人才政策咨询与职业规划",
        EventKind.TALENT_DAY,
        DEMO_STATION,
        0,
        T(9, 0),
        540,
        80,
        "驿站全天开放：人才认定、安居补贴、子女入学政策一对一咨询，职业规划师现场答疑。",
        fill=0.35,
        opens_days=7,
    ),
    EventSpec(
        "engineers",
        "新能源产业工程师交流沙龙",
        EventKind.SOCIAL,
        DEMO_STATION,
        3,
        T(19, 0),
        120,
        40,
        "园区电池、储能企业工程师围绕“固态电池产业化”主题交流，驿站提供茶歇。",
        fill=0.5,
    ),
    EventSpec(
        "maintenance-training",
        "锂电设备维修工（高级）紧缺工种培训班",
        EventKind.SKILL_TRAINING,
        SKILLS_STATION,
        4,
        T(14, 0),
        180,
        30,
        "紧缺工种培训：涂布、卷绕、化成设备的机械与电气故障维修，名额已满可排队候补。",
        sessions=(
            Session(4, T(14, 0), 180, "锂电设备结构与原理"),
            Session(6, T(14, 0), 180, "机械故障维修实训"),
            Session(11, T(14, 0), 180, "电气控制与PLC排故"),
            Session(13, T(14, 0), 180, "综合实训与考核"),
        ),
        sessions_required=3,
        fill=1.25,
    ),
    EventSpec(
        "party-pioneers",
        "“党建+人才”企业党员先锋岗交流会",
        EventKind.PARTY_COMMUNITY,
        PARK_STATION,
        5,
        T(15, 0),
        120,
        50,
        "园区非公企业党组织书记与青年党员人才分享先锋岗创建经验。",
        Audience.IN_ZONE,
        fill=0.5,
    ),
    EventSpec(
        "talent-day-winter",
        "冬季人才日·储能企业专场招聘会",
        EventKind.TALENT_DAY,
        STORAGE_STATION,
        6,
        T(9, 0),
        240,
        150,
        "20余家储能企业现场招聘，提供技术、研发与技能岗位，同步开展人才政策咨询。",
        fill=0.3,
    ),
    EventSpec(
        "social-54",
        "第54期青年人才联谊会",
        EventKind.SOCIAL,
        YOUTH_STATION,
        8,
        T(14, 30),
        180,
        60,
        "冬日暖阳·遇见美好：面向35周岁以下单身青年人才，男女各30名，报满后进入候补。",
        Audience.YOUNG,
        SOCIAL_AGE,
        SOCIAL_QUOTAS,
        fill=0.0,  # made to measure (see the seeder)
        opens_days=12,
    ),
    EventSpec(
        "awards",
        "2026年度人才工作总结暨优秀人才表彰会",
        EventKind.OTHER,
        "多功能厅",
        9,
        T(14, 30),
        150,
        180,
        "表彰年度优秀人才、优秀人才驿站和人才工作先进集体，发布明年人才工作要点。",
        Audience.EVERYONE,
        organiser="office",
        in_venue=True,
        fill=0.2,
    ),
    EventSpec(
        "safety-talk",
        "锂电安全生产知识讲座",
        EventKind.TALENT_DAY,
        DEMO_STATION,
        10,
        T(15, 0),
        90,
        60,
        "邀请应急管理专家讲解电芯生产、仓储环节的火灾防范与应急处置。",
        fill=0.45,
    ),
    EventSpec(
        "ventures",
        "大学生创业训练营（冬季班）",
        EventKind.ENTREPRENEUR_TRAINING,
        VENTURES_STATION,
        12,
        T(9, 0),
        360,
        40,
        "商业计划书打磨、路演训练与创业政策解读，优秀项目可推荐入驻大学生创业园。",
        sessions=(
            Session(12, T(9, 0), 360, "商业模式与计划书"),
            Session(19, T(9, 0), 360, "路演训练与项目点评"),
        ),
        organiser="office",
        fill=0.6,
        opens_days=20,
    ),
    EventSpec(
        "cycling",
        "环三都澳骑行联谊",
        EventKind.SOCIAL,
        YOUTH_STATION,
        2,
        T(8, 30),
        240,
        40,
        "沿三都澳海岸骑行20公里，沿途打卡，终点野餐交流。",
        Audience.YOUNG,
        SOCIAL_AGE,
        fill=0.4,
        cancelled="气象台发布大风预警，为保障安全活动取消，报名者可参加下期活动。",
    ),
)

# The live stream: in the park's live-stream room A, by the demo agency, presenting a few open
# demands of the demo HR account's enterprise.
LIVE_STREAM = EventSpec(
    "live-stream",
    "带岗直播：走进新能源龙头企业（技术岗专场）",
    EventKind.LIVE_STREAM,
    "带岗直播室A",
    1,
    T(19, 0),
    90,
    200,
    "主播带你走进企业车间与研发中心，HR在线讲解岗位要求与薪酬福利，观众可直接报名意向岗位。",
    organiser="agency",
    in_venue=True,
    fill=0.0,  # its viewers are chosen to fit the demands
    opens_days=5,
)
LIVE_STREAM_DEMANDS = 3
LIVE_STREAM_VIEWERS = 24  # who fit at least one demand
LIVE_STREAM_MISFITS = 4  # who fit none: their sign-ups say why
# The 54th social: men fill their 30 places and queue; women leave a few places.
SOCIAL_54 = {Gender.MALE: 36, Gender.FEMALE: 26}
SOCIAL_54_CANCELLATIONS = 1  # a man who gives up his place: the first waiting one moves up
# The demo talent's: a confirmed place to come, a turn on a waiting list, a certificate.
TALENT_CONFIRMED = "engineers"
TALENT_WAITLISTED = "maintenance-training"
TALENT_CERTIFIED = "storage-training"
