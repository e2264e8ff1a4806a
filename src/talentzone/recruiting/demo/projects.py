"""The zone's talent projects and university–enterprise cooperation projects, as the talent
office would have entered them. Fictional: the universities and institutes are invented (none is
a real institution's name), the enterprises are the demo zone's.

Terms are relative to the day of seeding (`started` months ago, running `years`), so the demo
stays current: most projects run, a few have ended. The high-level positions posted under
projects are in demands.py (`HIGH_LEVEL`), by the project's code.
"""

from dataclasses import dataclass

from talentzone.directory.choices import Industry
from talentzone.recruiting.choices import ProjectKind

TALENT = ProjectKind.TALENT_PROJECT
COOPERATION = ProjectKind.COOPERATION
ANCHOR = "anchor"  # the enterprise the demo HR account works for

# Fictional universities and institutes (some with the school that runs the project).
MINDONG_TECH = "闽东理工大学"
HAIXI_INSTITUTE = "海西新能源研究院"
DONGYU_TECH = "东屿工程技术大学"
FUNING_COLLEGE = "福宁职业技术学院"
MINHAI_CHEMISTRY = "闽海化学材料研究所"
STRAIT_STORAGE = "海峡储能技术研究院"
QINGLAN = "清澜大学"
LUJIANG_TECH = "鹭江工业大学"
NANYU_NORMAL = "南屿师范学院"
MINBEI_TECH = "闽北科技学院"
BAILULING = "白鹭岭技师学院"
HUAYUE_BATTERY = "华岳先进电池研究院"
XINGHAI = "星海大学"


@dataclass(frozen=True)
class ProjectSpec:
    code: str
    kind: str
    title: str
    partner: str
    enterprise: str  # ANCHOR or an industry: the project's enterprise is drawn among its own
    funding_wan: int  # 万元 (10,000 yuan)
    started: int  # months before the day of seeding
    years: int
    people: int  # talents of the enterprise involved (fewer if it has fewer)
    description: str


PROJECTS = (
    # Talent projects: a team or a leading person brought in with funding.
    ProjectSpec(
        "high-energy-team", TALENT, "高比能动力电池创新团队引进计划", HAIXI_INSTITUTE, ANCHOR,
        3000, 20, 5, 5,
        "引进高比能动力电池创新团队，围绕高镍正极、硅碳负极和高电压电解液开展电芯设计与工艺"
        "攻关，目标单体能量密度达到350Wh/kg以上，并在开发区实现量产导入。",
    ),
    ProjectSpec(
        "solid-state", TALENT, "固态电池关键材料攻关团队", QINGLAN, ANCHOR, 2500, 9, 4, 4,
        "面向下一代固态电池，开展硫化物固态电解质、界面改性和干法电极工艺研究，"
        "建设中试线一条，培养博士后及工程师团队。",
    ),
    ProjectSpec(
        "sodium-ion", TALENT, "钠离子电池产业化创新团队", HAIXI_INSTITUTE,
        Industry.LITHIUM_BATTERY, 1800, 14, 4, 3,
        "开展层状氧化物正极、硬碳负极及钠离子电芯工艺开发，推动钠离子电池在储能和两轮车领域"
        "的示范应用。",
    ),
    ProjectSpec(
        "storage-safety", TALENT, "储能系统安全技术领军人才项目", STRAIT_STORAGE,
        Industry.ENERGY_STORAGE, 1200, 16, 3, 3,
        "引进储能系统安全领域领军人才，建立电池热失控预警、消防联动和BMS安全策略的技术体系。",
    ),
    ProjectSpec(
        "high-nickel", TALENT, "高镍正极材料青年拔尖人才项目", MINHAI_CHEMISTRY,
        Industry.BATTERY_MATERIALS, 600, 11, 3, 2,
        "支持青年拔尖人才开展高镍三元前驱体共沉淀工艺与正极材料掺杂包覆研究。",
    ),
    ProjectSpec(
        "postdoc-2", TALENT, "博士后科研工作站引才计划", MINDONG_TECH, ANCHOR, 800, 6, 2, 4,
        "依托企业国家级博士后科研工作站，面向电化学、材料、机械和软件方向招收博士后研究人员，"
        "开展电芯设计、工艺仿真和制造数字化课题研究。",
    ),
    ProjectSpec(
        "equipment-chief", TALENT, "智能装备首席工程师引进项目", DONGYU_TECH,
        Industry.EQUIPMENT, 900, 18, 3, 2,
        "引进锂电智能装备首席工程师，主持高速叠片机、卷绕机及化成分容设备的国产化研发。",
    ),
    ProjectSpec(
        "recycling", TALENT, "动力电池回收与梯次利用创新团队", HUAYUE_BATTERY,
        Industry.BATTERY_MATERIALS, 1500, 26, 4, 3,
        "建立退役动力电池拆解、湿法冶金回收及梯次利用评估的技术路线，提升有价金属回收率。",
    ),
    ProjectSpec(
        "nev-thermal", TALENT, "新能源汽车热管理领军人才项目", LUJIANG_TECH,
        Industry.NEW_ENERGY_VEHICLES, 1000, 13, 3, 2,
        "围绕电池包液冷、热泵空调和整车热管理控制策略开展研发，建设热管理测试实验室。",
    ),
    ProjectSpec(
        "excellent-engineers", TALENT, "卓越工程师培养计划", MINDONG_TECH, ANCHOR, 500, 30, 3, 6,
        "联合培养工艺、设备、质量方向的卓越工程师，实行企业导师与高校导师双导师制。",
    ),
    ProjectSpec(
        "silicon-anode", TALENT, "硅碳负极材料产业化团队", QINGLAN,
        Industry.BATTERY_MATERIALS, 1300, 8, 4, 3,
        "开展硅碳负极材料的气相沉积工艺与膨胀抑制研究，建设千吨级产业化示范线。",
    ),
    ProjectSpec(
        "electrolyte-additives", TALENT, "新型电解液添加剂研发团队", MINHAI_CHEMISTRY,
        Industry.BATTERY_MATERIALS, 700, 20, 3, 2,
        "研发高电压、长循环电解液添加剂，完成添加剂合成工艺放大与电池验证。",
    ),
    ProjectSpec(
        "copper-foil", TALENT, "极薄锂电铜箔高端人才引进项目", NANYU_NORMAL,
        Industry.STAINLESS_STEEL, 650, 15, 3, 2,
        "引进铜箔电解与表面处理高端人才，突破4.5μm极薄铜箔的量产工艺。",
    ),
    ProjectSpec(
        "overseas-station", TALENT, "海外高层次人才工作站", HAIXI_INSTITUTE, ANCHOR,
        1000, 40, 5, 3,
        "面向海外引进电化学、储能和智能制造领域的高层次人才，提供项目、资金和安居配套。",
    ),
    ProjectSpec(
        "digital-factory", TALENT, "数字化工厂首席架构师项目", XINGHAI, ANCHOR, 600, 5, 3, 2,
        "引进工业互联网与智能制造首席架构师，推进MES、设备物联和质量大数据平台建设。",
    ),
    ProjectSpec(
        "pcs-team", TALENT, "储能变流器研发团队", STRAIT_STORAGE, Industry.ENERGY_STORAGE,
        800, 10, 3, 2,
        "开展大功率储能变流器（PCS）和能量管理系统（EMS）研发，提升系统效率和电网适应性。",
    ),
    ProjectSpec(
        "vision-leader", TALENT, "机器视觉检测领军人才项目", XINGHAI, Industry.EQUIPMENT,
        400, 44, 3, 1,
        "面向电芯外观和极片缺陷检测，开发基于深度学习的机器视觉检测系统。",
    ),
    # University–enterprise cooperation: colleges, joint labs, order classes, training bases.
    ProjectSpec(
        "battery-college", COOPERATION, "动力电池现代产业学院", MINDONG_TECH, ANCHOR,
        800, 24, 5, 4,
        "校企共建现代产业学院，共同制定电池制造工艺、设备与质量方向的培养方案，"
        "每年接收学生到企业开展为期半年的工程实践。",
    ),
    ProjectSpec(
        "order-class", COOPERATION, "锂电储能订单班", FUNING_COLLEGE, ANCHOR, 120, 10, 3, 2,
        "面向电芯制造与储能装配岗位开设订单班，企业参与课程设置和实训，毕业生择优录用。",
    ),
    ProjectSpec(
        "storage-lab", COOPERATION, "电化学储能联合实验室", STRAIT_STORAGE,
        Industry.ENERGY_STORAGE, 450, 19, 4, 2,
        "共建电化学储能联合实验室，开展储能电池寿命评估、系统集成和电站运维数据分析研究。",
    ),
    ProjectSpec(
        "cathode-centre", COOPERATION, "正极材料联合研发中心", MINHAI_CHEMISTRY,
        Industry.BATTERY_MATERIALS, 380, 28, 3, 2,
        "联合开展磷酸铁锂和三元正极材料的工艺优化与表征测试，共享分析测试平台。",
    ),
    ProjectSpec(
        "equipment-base", COOPERATION, "智能装备产教融合实训基地", DONGYU_TECH,
        Industry.EQUIPMENT, 260, 33, 3, 1,
        "建设PLC、工业机器人和机器视觉实训基地，承担学生实训和企业员工技能提升培训。",
    ),
    ProjectSpec(
        "safety-lab", COOPERATION, "电池安全检测技术联合实验室", HUAYUE_BATTERY,
        Industry.LITHIUM_BATTERY, 300, 12, 3, 2,
        "共建电池安全检测联合实验室，开展针刺、过充、热滥用等安全测试方法研究。",
    ),
    ProjectSpec(
        "e-drive-centre", COOPERATION, "新能源汽车电驱联合研究中心", LUJIANG_TECH,
        Industry.NEW_ENERGY_VEHICLES, 350, 21, 3, 2,
        "围绕电驱系统效率与整车高压电气安全开展联合研究，联合培养研究生。",
    ),
    ProjectSpec(
        "vision-project", COOPERATION, "锂电设备机器视觉联合攻关", XINGHAI,
        Industry.EQUIPMENT, 150, 7, 2, 1,
        "联合攻关涂布、卷绕工序的在线视觉检测算法，降低漏检率和误判率。",
    ),
    ProjectSpec(
        "graduate-base", COOPERATION, "研究生联合培养基地", MINDONG_TECH, ANCHOR, 200, 36, 5, 3,
        "每年联合培养材料、化学、机械和计算机方向研究生，企业提供课题、导师和实践岗位。",
    ),
    ProjectSpec(
        "skills-order", COOPERATION, "电池制造技能人才订单培养", BAILULING,
        Industry.LITHIUM_BATTERY, 90, 4, 2, 0,
        "面向电芯车间操作、设备点检和质量检验岗位订单培养技能人才，学员取得职业技能等级证书。",
    ),
    ProjectSpec(
        "storage-om", COOPERATION, "储能电站运维人才定向培养", FUNING_COLLEGE,
        Industry.ENERGY_STORAGE, 80, 15, 2, 1,
        "定向培养储能电站运维人才，课程涵盖电站运行、BMS监控、消防安全与应急处置。",
    ),
    ProjectSpec(
        "foil-surface", COOPERATION, "铜箔表面处理工艺合作项目", NANYU_NORMAL,
        Industry.STAINLESS_STEEL, 60, 30, 2, 1,
        "合作研究铜箔表面防氧化与粗化处理工艺，提升铜箔与负极活性物质的结合力。",
    ),
    ProjectSpec(
        "separator-coating", COOPERATION, "隔膜涂覆材料联合开发", QINGLAN,
        Industry.BATTERY_MATERIALS, 220, 17, 3, 1,
        "联合开发陶瓷及芳纶涂覆隔膜，提高隔膜耐热性和电解液浸润性。",
    ),
    ProjectSpec(
        "supply-chain-talent", COOPERATION, "供应链数字化人才培养合作", MINBEI_TECH,
        Industry.LOGISTICS, 50, 9, 2, 0,
        "面向锂电产业链的仓储物流和采购岗位，联合开设供应链数字化课程并组织顶岗实习。",
    ),
    ProjectSpec(
        "reliability-lab", COOPERATION, "电子元器件可靠性联合实验室", LUJIANG_TECH,
        Industry.ELECTRONICS, 180, 25, 3, 1,
        "共建可靠性实验室，开展BMS采样板和传感器的环境可靠性测试与失效分析。",
    ),
    ProjectSpec(
        "hazmat-training", COOPERATION, "危化品物流安全培训合作", BAILULING,
        Industry.LOGISTICS, 40, 38, 2, 0,
        "合作开展危险品运输与仓储安全培训，培训合格人员取得相应从业资格。",
    ),
    ProjectSpec(
        "testing-platform", COOPERATION, "锂电材料分析测试公共服务平台", HAIXI_INSTITUTE,
        Industry.BATTERY_MATERIALS, 500, 22, 4, 2,
        "建设面向开发区企业开放的材料分析测试平台，提供XRD、扫描电镜、ICP等测试服务。",
    ),
    ProjectSpec(
        "workers-upskilling", COOPERATION, "产业工人技能提升计划", FUNING_COLLEGE, ANCHOR,
        150, 50, 3, 0,
        "面向一线员工开展设备维护、质量管理和精益生产培训，推行新型学徒制。",
    ),
)  # fmt: skip
