"""The zone's fixed structure: it is the same at every scale. Places and roads are invented."""

from dataclasses import dataclass

from talentzone.directory.choices import Industry, StationLevel, VentureStage


@dataclass(frozen=True)
class DepartmentSpec:
    code: str
    name: str


DEPARTMENTS = (
    DepartmentSpec("talent-office", "组织人事部（人才办）"),
    DepartmentSpec("economy", "经济发展局"),
    DepartmentSpec("science", "科技和工业信息化局"),
    DepartmentSpec("hrss", "人力资源和社会保障局"),
    DepartmentSpec("education", "教育局"),
    DepartmentSpec("housing", "住房和城乡建设局"),
    DepartmentSpec("finance", "财政局"),
    DepartmentSpec("investment", "投资促进局"),
    DepartmentSpec("market", "市场监督管理局"),
)
TALENT_OFFICE = "talent-office"
REVIEWING_DEPARTMENT = "hrss"


@dataclass(frozen=True)
class GridSpec:
    code: str
    name: str
    area: str
    roads: tuple[str, ...]
    industries: tuple[str, ...]  # what most of its enterprises make
    lead_department: str


GRIDS = (
    GridSpec(
        "g01",
        "第一网格（锂电产业园）",
        "锂电大道以东、新能路以北",
        ("锂电大道", "新能路", "电芯路"),
        (Industry.LITHIUM_BATTERY,),
        "economy",
    ),
    GridSpec(
        "g02",
        "第二网格（电池材料园）",
        "新材路以南、临港大道以西",
        ("新材路", "临港大道", "正极路"),
        (Industry.BATTERY_MATERIALS,),
        "science",
    ),
    GridSpec(
        "g03",
        "第三网格（智能装备园）",
        "智造路两侧、兴业路以东",
        ("智造路", "兴业路", "精工路"),
        (Industry.EQUIPMENT,),
        "science",
    ),
    GridSpec(
        "g04",
        "第四网格（储能科技园）",
        "储能路以北、金湾路以东",
        ("储能路", "金湾路", "光伏路"),
        (Industry.ENERGY_STORAGE,),
        "economy",
    ),
    GridSpec(
        "g05",
        "第五网格（新能源汽车零部件园）",
        "车城大道以西、创新路以南",
        ("车城大道", "创新路", "驱动路"),
        (Industry.NEW_ENERGY_VEHICLES,),
        "investment",
    ),
    GridSpec(
        "g06",
        "第六网格（电子与铜箔产业园）",
        "铜箔路以东、星海路以北",
        ("铜箔路", "星海路", "电子路"),
        (Industry.ELECTRONICS, Industry.STAINLESS_STEEL),
        "market",
    ),
    GridSpec(
        "g07",
        "第七网格（综合服务区）",
        "港湾大道以南：人力资源服务产业园、大学生创业园及物流园",
        ("港湾大道", "创业路", "物流路"),
        (Industry.LOGISTICS, Industry.OTHER),
        "hrss",
    ),
)


@dataclass(frozen=True)
class StationSpec:
    name: str
    level: str
    address: str


STATIONS = (
    StationSpec("宁德市人才驿站（新能源产业站）", StationLevel.MUNICIPAL, "锂电大道88号"),
    StationSpec("宁德市青年人才驿站", StationLevel.MUNICIPAL, "港湾大道16号"),
    StationSpec("宁德市高校毕业生就业驿站", StationLevel.MUNICIPAL, "创业路6号"),
    StationSpec("开发区锂电产业人才驿站", StationLevel.DISTRICT, "电芯路12号"),
    StationSpec("开发区电池材料人才驿站", StationLevel.DISTRICT, "新材路20号"),
    StationSpec("开发区智能装备人才驿站", StationLevel.DISTRICT, "智造路9号"),
    StationSpec("开发区储能科技人才驿站", StationLevel.DISTRICT, "储能路3号"),
    StationSpec("开发区新能源汽车人才驿站", StationLevel.DISTRICT, "车城大道66号"),
    StationSpec("开发区电子信息人才驿站", StationLevel.DISTRICT, "电子路15号"),
    StationSpec("开发区技能人才驿站", StationLevel.DISTRICT, "兴业路27号"),
    StationSpec("开发区海外人才驿站", StationLevel.DISTRICT, "星海路8号"),
    StationSpec("开发区科创人才驿站", StationLevel.DISTRICT, "创新路1号"),
    StationSpec("人力资源服务产业园人才驿站", StationLevel.DISTRICT, "港湾大道18号"),
    StationSpec("大学生创业园人才驿站", StationLevel.DISTRICT, "创业路8号"),
)
# The station the demo station account works at.
DEMO_STATION = STATIONS[0].name

HR_PARK_ADDRESS = "港湾大道18号人力资源服务产业园"


@dataclass(frozen=True)
class VentureSpec:
    name: str
    field: str
    stage: str
    summary: str


VENTURES = (
    VentureSpec(
        "拾光储能科技有限公司",
        Industry.ENERGY_STORAGE,
        VentureStage.GROWING,
        "便携式户外储能电源的设计与小批量生产，主打高低温环境下的安全性能。",
    ),
    VentureSpec(
        "微澜电池检测技术有限公司",
        Industry.LITHIUM_BATTERY,
        VentureStage.STARTED,
        "为中小电池企业提供电芯循环寿命与安全性能的第三方检测服务。",
    ),
    VentureSpec(
        "碳语新材料科技有限公司",
        Industry.BATTERY_MATERIALS,
        VentureStage.INCUBATING,
        "以竹屑等生物质制备硬碳负极材料，目前处于中试阶段。",
    ),
    VentureSpec(
        "芯途视觉检测工作室",
        Industry.EQUIPMENT,
        VentureStage.INCUBATING,
        "开发锂电产线的视觉检测模组，识别极片涂布的划痕、漏箔与气泡。",
    ),
    VentureSpec(
        "归元电池循环科技有限公司",
        Industry.BATTERY_MATERIALS,
        VentureStage.GROWING,
        "退役动力电池的梯次利用评估与自动化拆解工艺研究。",
    ),
    VentureSpec(
        "驿动新能源汽车服务有限公司",
        Industry.NEW_ENERGY_VEHICLES,
        VentureStage.STARTED,
        "新能源汽车电池包上门检测与保养的预约服务平台。",
    ),
    VentureSpec(
        "云帆能源管理科技有限公司",
        Industry.ENERGY_STORAGE,
        VentureStage.GRADUATED,
        "园区企业用能数据采集与峰谷电价优化调度系统，已迁入储能科技园独立运营。",
    ),
    VentureSpec(
        "知微电子设计工作室",
        Industry.ELECTRONICS,
        VentureStage.INCUBATING,
        "电池管理系统采样电路的外围设计与测试夹具开发。",
    ),
    VentureSpec(
        "青橙技能培训工作室",
        Industry.OTHER,
        VentureStage.STARTED,
        "面向一线操作工的锂电工艺短视频课程与线下实训。",
    ),
    VentureSpec(
        "链岛供应链科技有限公司",
        Industry.LOGISTICS,
        VentureStage.CLOSED,
        "锂电原材料危险品运输的路线规划与合规管理软件，因市场变化已停止运营。",
    ),
    VentureSpec(
        "星火极片科技工作室",
        Industry.LITHIUM_BATTERY,
        VentureStage.INCUBATING,
        "干法电极工艺的实验室验证与涂布设备改造方案。",
    ),
    VentureSpec(
        "启铜精密材料工作室",
        Industry.STAINLESS_STEEL,
        VentureStage.INCUBATING,
        "超薄锂电铜箔表面处理工艺的小试研究。",
    ),
)
