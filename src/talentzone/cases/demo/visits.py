"""What the grid teams write down on their visits, and the leaders on theirs to the experts they
look after. Names and figures are invented."""

from dataclasses import dataclass

# How often each grid team visits each enterprise of its grid (days), by grid code.
VISIT_INTERVALS = {
    "g01": 60,
    "g02": 90,
    "g03": 90,
    "g04": 75,
    "g05": 120,
    "g06": 90,
    "g07": 120,
}
DUE_SOON_DAYS = {"g01": 14, "g05": 21, "g07": 21}

MET_AS = ("人力资源部经理", "总经理", "行政部主管", "人事专员", "副总经理", "综合办主任")
VISIT_NOTES = (
    "企业生产经营正常，今年以来产值同比增长约{growth}%，在岗员工{staff}人。"
    "人事负责人介绍了下半年的招聘计划，{topic}",
    "了解了企业新产线建设进度，预计{month}月投产，届时需新增一线员工约{hires}人。{topic}",
    "走访企业研发中心，企业现有研发人员{researchers}人，其中博士{doctors}人。{topic}",
    "宣讲了开发区最新人才政策和稳岗补贴政策，企业表示会组织员工申报。{topic}",
    "企业订单饱满，三班倒生产，员工宿舍基本满员。{topic}",
    "企业正在进行数字化改造，对设备运维和数据分析人才需求较大。{topic}",
)
NO_PROBLEM = (
    "企业暂无需要协调的问题。",
    "企业对网格服务表示满意，暂无新的诉求。",
    "上次反映的问题已解决，企业表示感谢。",
    "企业表示目前运行平稳，有需要再联系网格员。",
)
WITH_PROBLEM = "企业反映了以下问题，已登记为诉求：{titles}。"


@dataclass(frozen=True)
class LeaderSpec:
    display_name: str
    title: str  # what the leader is, for the visit notes
    experts: int  # how many experts they look after
    interval_days: int


# The demo "leader" account (郑国栋) first; the others are stand-ins nobody signs in as.
LEADERS = (
    LeaderSpec("郑国栋", "管委会主任", 5, 60),
    LeaderSpec("林振华", "管委会副主任", 4, 90),
    LeaderSpec("陈立新", "人才办主任", 4, 60),
    LeaderSpec("黄美玲", "管委会副主任", 3, 90),
    LeaderSpec("吴承志", "党工委委员", 3, 120),
)
LIAISON_NOTES = (
    "{title}{leader}走访{expert}，了解其研发团队近况。{expert}介绍了团队正在攻关的课题，"
    "目前进展顺利。{topic}",
    "{title}{leader}与{expert}座谈，听取其对开发区人才工作的意见建议。{topic}",
    "{title}{leader}到企业看望{expert}，参观了其负责的实验室，询问了工作和生活情况。{topic}",
    "{title}{leader}节前走访慰问{expert}及家属，送上节日祝福。{topic}",
)
LIAISON_NO_PROBLEM = (
    "{expert}表示工作生活一切顺利，感谢开发区的关心。",
    "{expert}对人才服务表示满意，暂无需要协调的事项。",
)
LIAISON_WITH_PROBLEM = "{expert}提出了需要协调的事项，已登记为诉求：{titles}。"
