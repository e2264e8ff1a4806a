"""The HR service park's rooms as the office would have entered them, the park's closed days,
and what each kind of room is booked for.

The park (港湾大道18号, about 4,120 m² over buildings A to C) lends its shared rooms to the
agencies that rent offices in it, to the zone's enterprises, and to the talent stations. Names,
places and equipment are invented.
"""

import datetime
from dataclasses import dataclass

from talentzone.venues.choices import BookerKind, BookingPurpose, VenueKind

PARK_AREA = 4_120  # m², the whole park; the shared rooms are part of it


@dataclass(frozen=True)
class RoomSpec:
    name: str
    kind: str
    place: str
    capacity: int
    area: int
    equipment: str
    opens_at: datetime.time
    closes_at: datetime.time
    bookers: str
    needs_approval: bool
    buffer_minutes: int
    max_minutes: int
    weekly_quota_hours: int | None
    cancel_cutoff_hours: int
    days_ahead: int
    # The demo's bookings: how many a working day (at scale 1) and how long (minutes).
    per_day: float
    lengths: tuple[int, ...]


T = datetime.time
CLOSED_ON_SUNDAYS = "6"
INTERVIEW_EQUIPMENT = "圆桌、4把椅子、视频面试终端、白板"


def _interview_room(number: int) -> RoomSpec:
    floor = 2 if number <= 3 else 3
    return RoomSpec(
        name=f"面试室{number}",
        kind=VenueKind.INTERVIEW_ROOM,
        place=f"A栋{floor}层{floor}{number:02d}室",
        capacity=6 if number % 3 else 8,
        area=18 if number % 3 else 24,
        equipment=INTERVIEW_EQUIPMENT,
        opens_at=T(8, 30),
        closes_at=T(17, 30),
        bookers=BookerKind.AGENCIES_AND_ENTERPRISES,
        needs_approval=False,
        buffer_minutes=15,
        max_minutes=240,
        weekly_quota_hours=12,
        cancel_cutoff_hours=2,
        days_ahead=30,
        per_day=1.9,
        lengths=(60, 90, 120, 120, 180, 240),
    )


ROOMS = (
    *(_interview_room(number) for number in range(1, 7)),
    RoomSpec(
        "第一培训室",
        VenueKind.TRAINING_ROOM,
        "B栋2层201室",
        60,
        130,
        "投影仪、无线话筒、60座课桌椅、实操演示台",
        T(8, 30),
        T(17, 30),
        BookerKind.AGENCIES_AND_ENTERPRISES,
        True,
        30,
        480,
        None,
        24,
        60,
        0.6,
        (180, 240, 420, 480),
    ),
    RoomSpec(
        "第二培训室",
        VenueKind.TRAINING_ROOM,
        "B栋2层206室",
        40,
        90,
        "交互式电子白板、40座课桌椅、笔记本电脑8台",
        T(8, 30),
        T(17, 30),
        BookerKind.AGENCIES_AND_ENTERPRISES,
        True,
        30,
        480,
        None,
        24,
        60,
        0.6,
        (120, 180, 240, 420),
    ),
    RoomSpec(
        "第一会议室",
        VenueKind.MEETING_ROOM,
        "A栋4层401室",
        12,
        45,
        "会议桌、视频会议系统、投影仪",
        T(8, 30),
        T(17, 30),
        BookerKind.AGENCIES_AND_ENTERPRISES,
        False,
        15,
        240,
        8,
        2,
        30,
        1.1,
        (60, 90, 120),
    ),
    RoomSpec(
        "第二会议室",
        VenueKind.MEETING_ROOM,
        "A栋4层405室",
        24,
        80,
        "会议桌、视频会议系统、双屏投影、话筒4支",
        T(8, 30),
        T(17, 30),
        BookerKind.AGENCIES_AND_ENTERPRISES,
        False,
        15,
        240,
        8,
        2,
        30,
        0.9,
        (60, 120, 180),
    ),
    RoomSpec(
        "带岗直播室A",
        VenueKind.LIVE_STREAM_ROOM,
        "C栋1层102室",
        8,
        40,
        "直播补光灯、4K摄像机、提词器、绿幕、导播台",
        T(9, 0),
        T(21, 0),
        BookerKind.AGENCIES,
        True,
        30,
        180,
        6,
        24,
        30,
        0.7,
        (90, 120, 180),
    ),
    RoomSpec(
        "带岗直播室B",
        VenueKind.LIVE_STREAM_ROOM,
        "C栋1层105室",
        6,
        30,
        "直播补光灯、手机直播支架、提词器、声卡",
        T(9, 0),
        T(21, 0),
        BookerKind.AGENCIES,
        True,
        30,
        180,
        6,
        24,
        30,
        0.5,
        (60, 90, 120),
    ),
    RoomSpec(
        "多功能厅",
        VenueKind.HALL,
        "C栋2层",
        200,
        420,
        "舞台、LED大屏、音响系统、200座活动座椅、同声传译间",
        T(8, 30),
        T(21, 0),
        BookerKind.STATIONS,
        True,
        60,
        480,
        None,
        48,
        90,
        0.3,
        (180, 240),
    ),
)

# What each kind of room is booked for, and the titles the bookers give.
PURPOSES = {
    VenueKind.INTERVIEW_ROOM: BookingPurpose.INTERVIEW,
    VenueKind.TRAINING_ROOM: BookingPurpose.TRAINING,
    VenueKind.MEETING_ROOM: BookingPurpose.MEETING,
    VenueKind.LIVE_STREAM_ROOM: BookingPurpose.LIVE_STREAM,
    VenueKind.HALL: BookingPurpose.EVENT,
}
INTERVIEW_TITLES = ("{title}面试", "{title}初试", "{title}复试", "{title}集中面试")
AGENCY_INTERVIEW_TITLES = ("候选人集中面试", "劳务派遣人员面试", "{title}候选人初筛面谈")
TRAINING_TITLES = {
    "agency": ("派遣员工岗前安全培训", "求职者简历与面试辅导", "锂电产线操作工岗前培训"),
    "enterprise": (
        "新员工入职培训",
        "班组长管理能力提升",
        "安全生产专题培训",
        "质量体系内审员培训",
    ),
}
MEETING_TITLES = {
    "agency": ("客户需求对接会", "季度用工计划沟通会", "校企合作洽谈"),
    "enterprise": ("校招宣讲筹备会", "人力资源部周例会", "用工需求对接会"),
    "office": ("人才工作联席会议", "人才驿站工作例会", "政策兑现协调会"),
}
LIVE_TITLES = (
    "带岗直播：锂电产线普工专场",
    "带岗直播：储能企业技术岗专场",
    "带岗直播：新能源汽车零部件专场",
    "带岗直播：应届毕业生专场",
    "带岗直播：退役军人就业专场",
)
HALL_TITLES = {
    "office": ("人才政策宣讲会", "重点企业人力资源沙龙"),
    "station": ("驿站人才交流沙龙", "青年人才成长分享会"),
}
NOTES = ("", "", "", "需要投影", "请提前开门", "有外来访客，需登记")
REJECTIONS = (
    "该时段已安排区人才工作会议，请改约其他时段。",
    "本周培训室已满负荷使用，请改约下周。",
    "直播内容与预约说明不符，请补充岗位信息后重新预约。",
)
CANCELLATIONS = (
    "候选人时间冲突，面试改期。",
    "企业临时调整招聘计划。",
    "会议取消。",
    "主讲老师临时有事，培训延期。",
)


@dataclass(frozen=True)
class Holiday:
    first: datetime.date
    days: int
    name: str


D = datetime.date
# The statutory holidays the park closes for (it opens on the weekend days made up for them).
HOLIDAYS = (
    Holiday(D(2025, 1, 1), 1, "元旦"),
    Holiday(D(2025, 1, 28), 8, "春节"),
    Holiday(D(2025, 4, 4), 3, "清明节"),
    Holiday(D(2025, 5, 1), 5, "劳动节"),
    Holiday(D(2025, 5, 31), 3, "端午节"),
    Holiday(D(2025, 10, 1), 8, "国庆节、中秋节"),
    Holiday(D(2026, 1, 1), 3, "元旦"),
    Holiday(D(2026, 2, 15), 9, "春节"),
    Holiday(D(2026, 4, 4), 3, "清明节"),
    Holiday(D(2026, 5, 1), 5, "劳动节"),
    Holiday(D(2026, 6, 19), 3, "端午节"),
    Holiday(D(2026, 9, 25), 3, "中秋节"),
    Holiday(D(2026, 10, 1), 7, "国庆节"),
    Holiday(D(2027, 1, 1), 3, "元旦"),
    Holiday(D(2027, 2, 5), 8, "春节"),
    Holiday(D(2027, 4, 3), 3, "清明节"),
    Holiday(D(2027, 5, 1), 5, "劳动节"),
    Holiday(D(2027, 6, 9), 3, "端午节"),
    Holiday(D(2027, 9, 15), 3, "中秋节"),
    Holiday(D(2027, 10, 1), 7, "国庆节"),
)
# Closures of one room on a working day (repairs, inspections): (room, days from the seeding
# day to the Monday of the week, weekday, reason).
REPAIRS = (
    ("带岗直播室B", 7, 2, "直播设备检修"),
    ("多功能厅", 14, 3, "消防设施年度检测"),
    ("面试室6", -7, 1, "空调维修"),
)
