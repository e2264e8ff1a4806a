"""The demo's talent apartments as data: the communities, their flats, the scheme's weights, the
two in-kind policies and the schools. Everything is fictional: the communities, addresses,
documents (开管〔…〕号) and schools are invented."""

from dataclasses import dataclass

from talentzone.housing.choices import Layout, SchoolLevel
from talentzone.policies.choices import StageRole

YUAN = 100  # fen


@dataclass(frozen=True)
class CommunitySpec:
    name: str
    name_en: str
    address: str
    buildings: int
    floors: int
    # The layout of flats 01, 02, … of every floor.
    units: tuple[str, ...]
    yuan_per_m2: int  # monthly rent per m² on the lower floors
    refurbished: bool = False  # its last building is being refurbished as the demo opens


COMMUNITIES = (
    CommunitySpec(
        "锦绣家园",
        "Jinxiu Homes",
        "开发区锂电大道以东电芯路28号（产业园）",
        buildings=4,
        floors=6,
        units=(Layout.ONE_ROOM, Layout.TWO_ROOMS, Layout.TWO_ROOMS, Layout.STUDIO),
        yuan_per_m2=22,
    ),
    CommunitySpec(
        "幸福佳园",
        "Xingfu Gardens",
        "开发区新能路66号（产业园）",
        buildings=3,
        floors=8,
        units=(Layout.TWO_ROOMS, Layout.THREE_ROOMS, Layout.TWO_ROOMS, Layout.ONE_ROOM),
        yuan_per_m2=24,
    ),
    CommunitySpec(
        "春风里",
        "Chunfeng Lane",
        "北湖滨湖路9号（湖北岸）",
        buildings=2,
        floors=6,
        units=(Layout.STUDIO, Layout.ONE_ROOM, Layout.ONE_ROOM, Layout.TWO_ROOMS),
        yuan_per_m2=28,
        refurbished=True,
    ),
)
AREA = {  # m², (low, high)
    Layout.STUDIO: (32, 40),
    Layout.ONE_ROOM: (45, 58),
    Layout.TWO_ROOMS: (68, 88),
    Layout.THREE_ROOMS: (96, 118),
}
RENT_YUAN = (800, 3000)  # the office keeps rents within this band
FURNISHED_SHARE = 0.85

SCHEME_NAME = "开发区人才公寓配租"
TIER_POINTS = {
    "national_top": 60,
    "national_leading": 45,
    "provincial_high": 30,
    "provincial_leading": 20,
    "municipal": 10,
    "district": 5,
}
DISCOUNT_PERCENT = {
    "national_top": 50,
    "national_leading": 40,
    "provincial_high": 30,
    "provincial_leading": 20,
    "municipal": 10,
    "district": 5,
}
HOUSING_MEASURES = "《开发区人才安居保障办法》（开管〔{issued}〕15号）"
EDUCATION_MEASURES = "《开发区高层次人才子女入学入园保障细则》（开管〔{issued}〕16号）"
RULE = 'tier_rank <= 6 and status = "in_zone"'


@dataclass(frozen=True)
class StageSpec:
    name: str
    role: str
    department: str | None
    deadline_days: int


@dataclass(frozen=True)
class PolicySpec:
    code: str
    title: str
    title_en: str
    legal_basis: str
    summary: str
    stages: tuple[StageSpec, ...]
    documents: tuple[tuple[str, str], ...]
    notice_days: int


HOUSING_POLICY = PolicySpec(
    code="talent-apartment",
    title="人才公寓配租",
    title_en="Talent apartments for rent",
    legal_basis=HOUSING_MEASURES + "第八条",
    summary="在区工作的各层次人才可申请租住人才公寓；审核通过后进入轮候队列，按积分（人才层次、"
    "在区年限、家庭人口、轮候时间）每月配租，租金按人才层次给予优惠。",
    stages=(
        StageSpec("人才办初审", StageRole.OFFICE_ADMIN, None, 5),
        StageSpec("住建局复审", StageRole.REVIEWER, "housing", 10),
    ),
    documents=(
        ("家庭成员身份证明及户口簿", "申请人及共同居住家庭成员"),
        ("在区无自有住房承诺书", "承诺本人及配偶在开发区内无自有住房"),
    ),
    notice_days=5,
)
SCHOOLING_POLICY = PolicySpec(
    code="talent-children-schooling",
    title="人才子女入学入园",
    title_en="School and kindergarten places for talents' children",
    legal_basis=EDUCATION_MEASURES + "第四条",
    summary="在区工作的各层次人才，其子女申请在区幼儿园、小学、初中就读的，由教育局统筹安排学位。",
    stages=(
        StageSpec("人才办初审", StageRole.OFFICE_ADMIN, None, 5),
        StageSpec("教育局审核", StageRole.REVIEWER, "education", 10),
    ),
    documents=(("子女出生医学证明或户口簿", ""), ("监护关系证明", "")),
    notice_days=3,
)
SCHOOLS = {
    SchoolLevel.KINDERGARTEN: ("开发区第一幼儿园", "锂电大道幼儿园", "北湖实验幼儿园"),
    SchoolLevel.PRIMARY: ("开发区实验小学", "新能路小学", "北湖小学"),
    SchoolLevel.MIDDLE: ("开发区实验中学", "开发区第二中学"),
}
AGES = {  # whole years at the application, (low, high)
    SchoolLevel.KINDERGARTEN: (3, 5),
    SchoolLevel.PRIMARY: (6, 11),
    SchoolLevel.MIDDLE: (12, 14),
}

STATEMENTS = (
    "本人全职在区工作，目前在外租房，通勤时间较长，申请租住人才公寓。",
    "本人及家属在开发区内无自有住房，申请配租人才公寓，请予审核。",
    "随迁家属已到岗，家庭人口增加，申请租住人才公寓。",
    "入职后一直居住在企业宿舍，现申请人才公寓，方便家庭团聚。",
)
SCHOOL_STATEMENTS = (
    "本人全职在区工作，子女随迁，申请在区就读。",
    "子女户籍已迁入开发区，申请统筹安排学位。",
    "家庭已租住人才公寓，申请就近安排学位。",
)
OFFICE_APPROVALS = ("材料齐全，符合申请条件。", "经核对人才信息库，符合条件。", "")
HOUSING_APPROVALS = ("经核查，申请人及配偶在区内无自有住房。", "符合配租条件。", "")
EDUCATION_APPROVALS = ("同意统筹安排学位。", "符合入学条件，学位另行通知。", "")
HOUSING_REJECTIONS = (
    "经不动产登记信息核查，申请人配偶在区内有自有住房，不符合配租条件。",
    "申请人已享受人才购房补贴，按规定不得同时申请人才公寓。",
)
SCHOOL_REJECTIONS = (
    "子女年龄不符合所申请学段的入学要求。",
    "子女已在区内学校就读，无需另行安排学位。",
)
DECLINES = (
    "离单位太远，通勤不便。",
    "楼层太高，家中老人上下不便。",
    "已在单位附近租房，暂不需要。",
    "户型偏小，家人住不下。",
)
EARLY_ENDS = (
    "调往外地分公司工作，提前退租。",
    "已在区内购房，提前退租。",
    "家庭原因离开开发区，提前退租。",
)
TERM_ENDS = ("租期届满，不再续租。", "租期届满，已购房搬离。")
INSPECTION_NOTES = {
    "vacant": ("房屋设施完好，保洁后可再配租。", "墙面轻微污损，已清洁。"),
    "repair": ("卫生间漏水，需维修。", "热水器损坏、墙面需重新粉刷。", "地板起拱，需更换。"),
}
WITHDRAWALS = ("已在区内购房，申请退出轮候。",)
LEFT_ZONE = "已离职，离开开发区。"
