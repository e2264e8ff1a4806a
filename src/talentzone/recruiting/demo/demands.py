"""The demo's hiring demands: job families of the battery industry, each with its positions,
skills, majors, pay and duties, from which the demands are drawn and written up; and the
high-level positions the talent office posts under projects.

A demand's requirements mix required ones (a hard filter) and preferred ones (they only move the
score). Skills are the list's (skills.py) except a few tools written as free text, as an HR
clerk would type them. The salaries are monthly, in yuan, as the zone's employers pay in 2026.
"""

from dataclasses import dataclass
from random import Random

from talentzone.directory.choices import Education, Industry, ProfessionalTitle

LB = Industry.LITHIUM_BATTERY
BM = Industry.BATTERY_MATERIALS
NEV = Industry.NEW_ENERGY_VEHICLES
ES = Industry.ENERGY_STORAGE
EQ = Industry.EQUIPMENT
EL = Industry.ELECTRONICS
SS = Industry.STAINLESS_STEEL
LO = Industry.LOGISTICS
OT = Industry.OTHER
MAKERS = (LB, BM, NEV, ES, EQ, EL, SS)  # industries with production lines

# 300 demands at scale 1 and above: the registry grows with the scale, the demo's demands do
# not. A small zone (tests, a quick look) gets fewer, never under 120.
DEMANDS = 300
FEWEST_DEMANDS = 120


def demand_count(scale: float) -> int:
    return max(FEWEST_DEMANDS, min(DEMANDS, round(DEMANDS * scale)))


LOCATION = "宁德"
# Where some commercial positions work: the regional office or a customer's city.
OTHER_LOCATIONS = ("福州", "厦门", "上海")

# How a demand writes each minimum education.
EDUCATION_WORDS = {
    Education.DOCTORATE: "博士研究生",
    Education.MASTER: "硕士研究生",
    Education.BACHELOR: "全日制本科",
    Education.COLLEGE: "大专",
    Education.VOCATIONAL: "中专、技校",
}
TITLE_WORDS = {
    ProfessionalTitle.SENIOR_FULL: "正高级职称",
    ProfessionalTitle.SENIOR_ASSOCIATE: "副高级及以上职称",
    ProfessionalTitle.INTERMEDIATE: "中级及以上职称",
}

# Tools an HR clerk types as free text: the skills list does not hold them.
FREE_TEXT_SKILLS = {
    "quality": ("Minitab", "JMP"),
    "rd_cell": ("COMSOL", "Origin"),
    "system": ("CANoe", "Matlab/Simulink", "AUTOSAR", "STAR-CCM+"),
    "automation": ("Halcon", "OpenCV", "EPLAN P8"),
    "digital": ("Power BI", "Java"),
}


@dataclass(frozen=True)
class Variant:
    title: str
    core: tuple[str, ...]  # the position's skills: the first may be required, the others preferred

    @property
    def subject(self) -> str:
        """What the duties are about: the process in the title's brackets when it names one of
        the position's skills (设备工程师（涂布） works on coating), else its first skill."""
        bracket = self.title.partition("（")[2].rstrip("）")
        if bracket and any(bracket in skill or skill in bracket for skill in self.core):
            return bracket
        return self.core[0] if self.core else ""


@dataclass(frozen=True)
class Family:
    code: str
    industries: tuple[str, ...]  # enterprises of these industries post it
    weight: float
    variants: tuple[Variant, ...]
    extras: tuple[str, ...]  # preferred skills a demand may add
    majors: tuple[str, ...]
    education: str  # minimum education, "" for none
    education_required: float  # share of its demands where the minimum is required
    skill_required: float  # share of its demands where the first core skill is required
    years: int | None  # years of experience wanted (a senior position asks three more)
    salary: tuple[int, int]  # the monthly range a junior position starts at, a senior ends at
    headcount: tuple[int, int]
    duties: tuple[str, ...]  # {skill}: one of the position's skills
    asks: tuple[str, ...] = ()
    seniority: bool = True  # has 高级 (senior) positions
    title: str = ""  # minimum professional title some of its demands prefer


def v(title: str, *core: str) -> Variant:
    return Variant(title, core)


CELL_MAJORS = ("电化学工程", "新能源材料与器件", "材料科学与工程", "应用化学", "化学工程与工艺")
MATERIAL_MAJORS = ("材料化学", "化学工程与工艺", "材料科学与工程", "应用化学", "冶金工程")
MECHANICAL_MAJORS = (
    "机械设计制造及其自动化", "自动化", "机械电子工程", "电气工程及其自动化", "机电一体化技术",
    "电气自动化技术", "工业机器人技术",
)  # fmt: skip
SYSTEM_MAJORS = (
    "电气工程及其自动化", "车辆工程", "储能科学与工程", "新能源科学与工程", "电子信息工程",
    "机械电子工程",
)  # fmt: skip
SOFTWARE_MAJORS = ("计算机科学与技术", "软件工程", "电子信息工程", "通信工程")

FAMILIES = (
    Family(
        "process", (LB,), 9,
        (
            v("工艺工程师（化成分容）", "化成", "分容", "电池测试"),
            v("工艺工程师（涂布）", "涂布", "辊压", "匀浆"),
            v("工艺工程师（卷绕）", "卷绕", "模切", "分切"),
            v("工艺工程师（叠片）", "叠片", "模切", "激光焊接"),
            v("工艺工程师（注液）", "工艺工程", "注液", "化成"),
            v("工艺工程师（辊压分切）", "工艺工程", "辊压", "分切"),
        ),
        ("SPC", "FMEA", "六西格玛", "精益生产", "MES", "数据分析"),
        CELL_MAJORS, Education.BACHELOR, 0.7, 0.75, 2, (9000, 20000), (2, 6),
        (
            "负责{skill}工序的工艺参数制定与优化，编写工艺文件和作业指导书",
            "跟进产线良率、直通率和单耗指标，分析异常并推动改善",
            "参与新产品导入和试产，完成{skill}工序的工艺验证",
            "配合质量部门处理客诉，开展PFMEA和控制计划的更新",
        ),
        ("能适应倒班及现场工作", "具备较强的数据分析能力"),
        title=ProfessionalTitle.INTERMEDIATE,
    ),
    Family(
        "equipment", (LB, EQ, BM, ES), 8,
        (
            v("设备工程师（涂布）", "设备维护", "涂布", "PLC"),
            v("设备工程师（化成分容）", "设备维护", "化成", "PLC"),
            v("设备工程师（卷绕）", "设备维护", "卷绕", "锂电设备"),
            v("设备工程师（激光焊接）", "激光焊接", "设备维护", "机器视觉"),
            v("设备工程师（自动化产线）", "设备维护", "PLC", "自动化"),
            v("设备调试工程师（叠片）", "锂电设备", "叠片", "PLC"),
        ),
        ("PLC", "锂电设备", "自动化", "CAD", "电工", "精益生产"),
        MECHANICAL_MAJORS, Education.COLLEGE, 0.6, 0.7, 2, (8000, 17000), (2, 8),
        (
            "负责{skill}设备的日常点检、保养与故障维修，保障设备稼动率",
            "制定设备预防性维护计划并组织实施，降低设备故障停机时间",
            "参与新设备的安装、调试与验收，完成设备导入",
            "推动设备改善项目，提升设备效率和产能",
        ),
        ("能适应倒班", "动手能力强，能独立处理设备故障"),
    ),
    Family(
        "rd_cell", (LB,), 5,
        (
            v("电芯设计工程师", "电芯设计", "电化学", "CAE"),
            v("电芯研发工程师（钠离子）", "电芯设计", "钠离子电池", "电化学"),
            v("电池测试工程师", "电池测试", "电化学", "数据分析"),
            v("固态电池研发工程师", "电芯设计", "固态电池", "电化学"),
            v("电化学分析工程师", "电化学", "电池测试", "材料表征"),
        ),
        ("正极材料", "负极材料", "电解液", "数据分析", "Python", "英语"),
        CELL_MAJORS, Education.MASTER, 0.6, 0.7, 3, (15000, 32000), (1, 4),
        (
            "负责{skill}相关的方案设计与开发验证，输出设计文件和测试报告",
            "分析电芯的容量、内阻、循环和安全性能数据，提出改进方案",
            "跟踪行业技术动态，参与新体系、新材料的评估与导入",
            "配合工艺、质量部门解决量产中的技术问题",
        ),
        ("具备良好的英文文献阅读能力", "有专利或论文成果者优先"),
        title=ProfessionalTitle.INTERMEDIATE,
    ),
    Family(
        "rd_material", (BM,), 7,
        (
            v("正极材料研发工程师", "正极材料", "前驱体合成", "材料表征"),
            v("负极材料研发工程师", "负极材料", "材料表征", "电化学"),
            v("电解液研发工程师", "电解液", "化学分析", "电化学"),
            v("隔膜研发工程师", "隔膜", "材料表征", "涂布"),
            v("前驱体工艺工程师", "前驱体合成", "正极材料", "SPC"),
            v("材料分析工程师", "材料表征", "化学分析", "电化学"),
        ),
        ("电化学", "材料表征", "SPC", "六西格玛", "英语", "电池回收"),
        MATERIAL_MAJORS, Education.BACHELOR, 0.65, 0.7, 2, (11000, 26000), (1, 4),
        (
            "负责{skill}相关的配方与工艺开发，完成小试、中试到量产的转化",
            "开展材料的理化性能与电化学性能测试，分析数据并优化方案",
            "编写研发报告和工艺文件，参与专利申请",
            "对接客户技术需求，配合解决客户端的材料应用问题",
        ),
        ("硕士及以上学历者优先", "具备良好的团队合作精神"),
        title=ProfessionalTitle.INTERMEDIATE,
    ),
    Family(
        "system", (NEV, ES, LB), 6,
        (
            v("BMS软件工程师", "BMS", "嵌入式开发", "C++"),
            v("BMS硬件工程师", "BMS", "电子线路设计", "功能安全"),
            v("储能系统工程师", "储能系统集成", "PCS", "EMS"),
            v("PACK结构工程师", "PACK", "结构设计", "SolidWorks"),
            v("热管理工程师", "热管理", "CAE", "PACK"),
            v("电驱系统工程师", "电驱系统", "整车电气", "功能安全"),
            v("储能电站运维工程师", "电站运维", "安全管理", "BMS"),
            v("EMS软件工程师", "EMS", "Python", "储能系统集成"),
        ),
        ("CAD", "FMEA", "英语", "项目管理", "模组"),
        SYSTEM_MAJORS, Education.BACHELOR, 0.7, 0.7, 3, (13000, 30000), (1, 4),
        (
            "负责{skill}的方案设计、开发与测试验证",
            "编写技术规格书、测试用例与设计文档",
            "参与系统联调和现场问题分析，支持项目交付",
            "配合客户开展技术交流，跟进产品认证",
        ),
        ("具备良好的沟通协调能力", "能适应短期出差"),
        title=ProfessionalTitle.INTERMEDIATE,
    ),
    Family(
        "automation", (EQ, LB), 5,
        (
            v("电气工程师（PLC）", "PLC", "电气设计", "自动化"),
            v("机器视觉工程师", "机器视觉", "C++", "Python"),
            v("非标机械设计工程师", "机械设计", "SolidWorks", "CAD"),
            v("自动化工程师", "自动化", "PLC", "工业机器人"),
            v("激光焊接工艺工程师", "激光焊接", "锂电设备", "机器视觉"),
        ),
        ("CAD", "SolidWorks", "工业机器人", "锂电设备", "项目管理"),
        MECHANICAL_MAJORS, Education.BACHELOR, 0.5, 0.75, 2, (10000, 24000), (1, 5),
        (
            "负责锂电设备{skill}部分的方案设计与开发",
            "完成设备调试、试运行和客户现场验收",
            "编写技术文件，对售后和客户人员进行培训",
            "持续改进设备方案，降低成本、提升稳定性",
        ),
        ("能适应出差", "有锂电设备项目经验者优先"),
    ),
    Family(
        "quality", MAKERS, 6,
        (
            v("质量工程师", "质量管理", "SPC", "FMEA"),
            v("供应商质量工程师（SQE）", "质量管理", "8D", "采购"),
            v("体系工程师（IATF16949）", "质量管理", "IATF16949", "FMEA"),
            v("来料检验工程师", "检验检测", "质量管理", "SPC"),
            v("客户质量工程师", "质量管理", "8D", "英语"),
        ),
        ("SPC", "FMEA", "六西格玛", "IATF16949", "数据分析", "英语"),
        (), Education.BACHELOR, 0.55, 0.45, 2, (9000, 19000), (1, 4),
        (
            "负责产品质量策划，建立和维护{skill}相关的质量控制方法",
            "主导质量异常的分析与处理，推动8D闭环",
            "开展过程审核和产品审核，跟进纠正预防措施",
            "统计分析质量数据，输出质量周报、月报",
        ),
        ("熟悉质量工具", "具备内审员资格者优先"),
    ),
    Family(
        "production", MAKERS, 5,
        (
            v("生产主管", "精益生产", "班组管理", "安全管理"),
            v("班组长（电芯车间）", "班组管理", "精益生产", "安全管理"),
            v("生产计划专员", "MES", "数据分析", "SAP"),
            v("精益工程师", "精益生产", "六西格玛", "数据分析"),
            v("MES工程师", "MES", "SQL", "数据分析"),
        ),
        ("精益生产", "六西格玛", "数据分析", "安全管理"),
        (), Education.COLLEGE, 0.5, 0.4, 3, (7000, 16000), (1, 6),
        (
            "负责车间生产计划的执行与人员排班，确保产量和交期",
            "推动{skill}相关改善，提升效率、降低成本",
            "组织班组开展安全生产和5S管理",
            "统计生产数据，分析异常并组织改善",
        ),
        ("能适应倒班", "有一线管理经验"),
        seniority=False,
    ),
    Family(
        "operator", MAKERS, 7,
        (
            v("操作工（化成车间）", "化成"),
            v("操作工（涂布）", "涂布"),
            v("普工（电芯装配）", "叠片"),
            v("设备操作员", "设备维护"),
            v("质检员", "检验检测"),
            v("储能产线装配工", "模组"),
        ),
        ("设备维护", "检验检测", "叉车操作"),
        (), "", 0.0, 0.0, None, (5500, 9000), (10, 60),
        (
            "按作业指导书完成本岗位的生产操作",
            "做好设备的日常点检和现场5S",
            "按要求填写生产记录，发现异常及时上报",
        ),
        ("年龄18-45周岁，身体健康", "能适应两班倒", "包食宿，购买五险一金"),
        seniority=False,
    ),
    Family(
        "warehouse", (LO, LB, BM, ES), 4,
        (
            v("仓管员", "仓储物流", "SAP"),
            v("物流专员", "仓储物流", "SAP", "数据分析"),
            v("危险品运输调度", "危险品运输", "安全管理"),
            v("关务专员", "进出口报关", "英语"),
            v("叉车司机", "叉车操作", "仓储物流"),
        ),
        ("SAP", "安全管理", "数据分析"),
        ("物流管理", "供应链管理", "交通运输"), Education.COLLEGE, 0.4, 0.5, 1,
        (5500, 12000), (1, 6),
        (
            "负责物料的收发存管理，保证账实相符",
            "负责{skill}相关工作，按时完成物流计划",
            "配合盘点，整理报表与单据",
        ),
        ("责任心强，做事细致",),
        seniority=False,
    ),
    Family(
        "purchasing", (*MAKERS, LO), 4,
        (
            v("采购专员", "采购", "SAP"),
            v("采购工程师（原材料）", "采购", "供应链", "正极材料"),
            v("供应链计划专员", "供应链", "数据分析", "SAP"),
            v("供应商开发工程师", "采购", "质量管理", "英语"),
        ),
        ("SAP", "数据分析", "英语", "供应链"),
        ("物流管理", "供应链管理", "国际经济与贸易", "工商管理"), Education.BACHELOR, 0.5, 0.5, 2,
        (8000, 16000), (1, 3),
        (
            "负责原材料和零部件的询价、比价、议价及合同签订",
            "开展{skill}相关工作，保障物料按时到货",
            "开发和评估供应商，维护供应商关系",
            "分析采购成本，推动降本",
        ),
        ("谈判能力强",),
    ),
    Family(
        "safety", (*MAKERS, OT), 3,
        (
            v("安全工程师（EHS）", "安全管理", "环境检测"),
            v("环保工程师", "环境检测", "安全管理"),
            v("安全员", "安全管理", "电工"),
        ),
        ("安全管理", "数据分析"),
        ("安全工程", "环境工程", "化学工程与工艺"), Education.BACHELOR, 0.5, 0.6, 2,
        (8000, 15000), (1, 3),
        (
            "负责公司{skill}相关制度的建立和执行",
            "组织安全检查和隐患排查，跟进整改",
            "开展员工安全培训和应急演练",
        ),
        ("持注册安全工程师证书者优先",),
    ),
    Family(
        "digital", (LB, EL, ES), 3,
        (
            v("数据分析工程师", "数据分析", "Python", "SQL"),
            v("工业互联网开发工程师", "Python", "MES", "SQL"),
            v("嵌入式软件工程师", "嵌入式开发", "C++", "BMS"),
        ),
        ("Python", "SQL", "MES", "数据分析"),
        SOFTWARE_MAJORS, Education.BACHELOR, 0.75, 0.7, 2, (12000, 28000), (1, 4),
        (
            "负责{skill}相关的系统开发与维护",
            "对接生产、质量等业务部门，梳理数据需求",
            "搭建数据看板，支撑管理决策",
        ),
        ("有制造业项目经验者优先",),
    ),
    Family(
        "lab", (BM, SS, OT), 3,
        (
            v("化验员", "化学分析", "检验检测"),
            v("理化检测员", "检验检测", "化学分析"),
        ),
        ("化学分析", "材料表征"),
        ("工业分析技术", "应用化工技术", "应用化学"), Education.COLLEGE, 0.5, 0.5, None,
        (6000, 9500), (1, 5),
        (
            "按标准完成原材料和成品的{skill}工作",
            "维护实验仪器，做好校准记录",
            "出具检测报告，异常及时反馈",
        ),
        ("能适应倒班",),
        seniority=False,
    ),
    Family(
        "metal", (SS,), 4,
        (
            v("铜箔工艺工程师", "铜箔", "表面处理"),
            v("冶金工艺工程师", "冶金工艺", "化学分析"),
            v("冲压工艺工程师", "精密冲压", "结构件", "CAD"),
        ),
        ("SPC", "精益生产", "CAD"),
        ("冶金工程", "金属材料工程", "材料成型及控制工程"), Education.BACHELOR, 0.5, 0.7, 2,
        (9000, 18000), (1, 4),
        (
            "负责{skill}工艺的制定、优化与标准化",
            "分析产品缺陷原因，提升良率",
            "参与新产品开发与工艺验证",
        ),
        (),
    ),
    Family(
        "electronics", (EL,), 4,
        (
            v("硬件工程师", "电子线路设计", "传感器"),
            v("SMT工艺工程师", "SMT工艺", "质量管理"),
            v("传感器应用工程师", "传感器", "嵌入式开发"),
        ),
        ("嵌入式开发", "CAD", "英语"),
        ("电子信息工程", "微电子科学与工程", "通信工程"), Education.BACHELOR, 0.6, 0.7, 2,
        (11000, 23000), (1, 3),
        (
            "负责{skill}相关的设计、调试与验证",
            "编写设计文档，配合生产导入",
            "分析产品失效，提出改进措施",
        ),
        (),
    ),
    Family(
        "overseas", (LB, ES, BM), 2,
        (
            v("海外销售工程师（储能）", "英语", "储能系统集成"),
            v("日语翻译", "日语"),
            v("海外项目经理", "项目管理", "英语"),
            v("技术支持工程师（海外）", "英语", "PACK"),
        ),
        ("英语", "项目管理"),
        ("国际经济与贸易", "英语", "电气工程及其自动化"), Education.BACHELOR, 0.7, 0.6, 3,
        (12000, 26000), (1, 3),
        (
            "负责海外客户的开发与维护，推动项目落地",
            "参与技术交流与商务谈判，完成{skill}相关工作",
            "跟进合同执行与回款",
        ),
        ("能适应长期出差",),
    ),
    Family(
        "testing", (OT,), 2,
        (
            v("检测工程师", "检验检测", "环境检测"),
            v("包装工程师", "包装设计", "CAD"),
        ),
        ("质量管理", "CAD"),
        ("环境工程", "工业设计", "安全工程"), Education.COLLEGE, 0.5, 0.6, 1,
        (7000, 13000), (1, 3),
        (
            "负责{skill}相关的方案制定与实施",
            "出具报告，维护客户",
        ),
        (),
        seniority=False,
    ),
)  # fmt: skip
FAMILY_BY_CODE = {family.code: family for family in FAMILIES}


@dataclass(frozen=True)
class HighLevelSpec:
    """A high-level position the office posts under a project: talent + project + funding."""

    project: str  # ProjectSpec.code
    title: str
    skills: tuple[tuple[str, bool], ...]  # (skill, required)
    majors: tuple[str, ...]
    tier: str  # minimum talent tier (code); required when `tier_required`
    tier_required: bool
    years: int
    salary: tuple[int, int]
    description: str


HIGH_LEVEL = (
    HighLevelSpec(
        "solid-state", "首席科学家（固态电池）",
        (("固态电池", False), ("电化学", True), ("电芯设计", False)),
        ("电化学工程", "材料科学与工程", "应用化学"), "provincial_high", True, 10, (60000, 90000),
        "主持固态电池关键材料攻关团队的技术方向，带领团队完成中试线建设和量产工艺开发。",
    ),
    HighLevelSpec(
        "high-energy-team", "电芯研发总监（高比能）",
        (("电芯设计", True), ("正极材料", False), ("负极材料", False)),
        ("电化学工程", "新能源材料与器件"), "provincial_leading", True, 8, (50000, 80000),
        "负责高比能电芯平台的技术路线和产品开发，管理电芯设计与测试团队。",
    ),
    HighLevelSpec(
        "postdoc-2", "博士后研究员（电化学）",
        (("电化学", False), ("电池测试", False), ("Python", False)),
        ("电化学工程", "应用化学", "材料化学"), "municipal", False, 0, (25000, 35000),
        "进站开展电芯老化机理与寿命预测课题研究，工作站提供科研经费和人才公寓。",
    ),
    HighLevelSpec(
        "postdoc-2", "博士后研究员（智能制造）",
        (("数据分析", False), ("MES", False), ("机器视觉", False)),
        ("机械设计制造及其自动化", "计算机科学与技术", "自动化"), "municipal", False, 0,
        (25000, 35000),
        "进站开展电芯制造过程数字孪生与质量预测课题研究。",
    ),
    HighLevelSpec(
        "storage-safety", "储能安全技术负责人",
        (("储能系统集成", True), ("BMS", False), ("热管理", False)),
        ("储能科学与工程", "电气工程及其自动化"), "provincial_leading", False, 8, (40000, 65000),
        "建立储能系统热失控预警与消防联动技术体系，主导储能产品安全认证。",
    ),
    HighLevelSpec(
        "sodium-ion", "钠离子电池项目负责人",
        (("钠离子电池", False), ("电芯设计", True), ("正极材料", False)),
        ("电化学工程", "材料科学与工程"), "provincial_leading", True, 8, (45000, 70000),
        "负责钠离子电池从材料选型到电芯量产的全流程技术工作。",
    ),
    HighLevelSpec(
        "high-nickel", "青年拔尖人才（高镍正极）",
        (("正极材料", True), ("前驱体合成", False), ("材料表征", False)),
        ("材料化学", "材料科学与工程", "化学工程与工艺"), "municipal", False, 3, (30000, 45000),
        "开展高镍正极材料掺杂包覆研究，项目提供科研启动经费。",
    ),
    HighLevelSpec(
        "equipment-chief", "首席工程师（锂电智能装备）",
        (("锂电设备", True), ("机械设计", False), ("自动化", False)),
        ("机械设计制造及其自动化", "机械电子工程"), "provincial_leading", False, 10,
        (40000, 60000),
        "主持高速叠片机和化成分容设备的研发，带领装备研发团队。",
    ),
    HighLevelSpec(
        "silicon-anode", "硅碳负极技术带头人",
        (("负极材料", True), ("材料表征", False)),
        ("材料科学与工程", "材料化学"), "provincial_leading", True, 6, (40000, 60000),
        "负责硅碳负极气相沉积工艺开发和产业化示范线建设。",
    ),
    HighLevelSpec(
        "digital-factory", "首席架构师（数字化工厂）",
        (("MES", True), ("数据分析", False), ("Python", False)),
        ("计算机科学与技术", "软件工程"), "municipal", False, 10, (45000, 70000),
        "规划工厂数字化架构，主导MES、设备物联和质量大数据平台建设。",
    ),
    HighLevelSpec(
        "nev-thermal", "热管理技术专家",
        (("热管理", True), ("CAE", False), ("PACK", False)),
        ("车辆工程", "机械电子工程"), "provincial_leading", False, 8, (40000, 60000),
        "负责电池包液冷和整车热管理方案，建设热管理测试实验室。",
    ),
    HighLevelSpec(
        "pcs-team", "储能变流器研发总工",
        (("PCS", True), ("EMS", False), ("电子线路设计", False)),
        ("电气工程及其自动化", "储能科学与工程"), "provincial_leading", False, 10, (45000, 70000),
        "负责大功率储能变流器产品线的技术开发和团队建设。",
    ),
)  # fmt: skip


@dataclass
class DemandPlan:
    """One demand as drawn: what the service is given."""

    family: str
    title: str
    subject: str
    description: str
    skills: list[dict]  # {"text", "required"}
    majors: list[str]
    majors_required: bool
    education: str
    education_required: bool
    years: int | None
    years_required: bool
    title_level: str
    title_required: bool
    location: str
    salary: tuple[int, int]
    headcount: int


def draw(rng: Random, family: Family, variant: Variant | None = None) -> DemandPlan:
    """A demand of `family`: a position, its requirements (some required, the rest preferred),
    its pay and headcount, and a description that says all of it."""
    variant = variant or rng.choice(family.variants)
    senior = family.seniority and rng.random() < 0.25
    junior = not senior and family.seniority and rng.random() < 0.15
    title = ("高级" if senior else "助理" if junior else "") + variant.title
    skills = _skills(rng, family, variant)
    majors = rng.sample(family.majors, min(len(family.majors), rng.randint(2, 3)))
    years = family.years
    if years is not None:
        years = years + 3 if senior else 0 if junior else years
    title_level = family.title if senior and family.title else ""
    low, high = family.salary
    step = (high - low) / 4
    floor = low + step * (2 if senior else 0 if junior else 1) + rng.randint(-2, 2) * 250
    salary = (_round(floor), _round(floor + step * rng.uniform(1.2, 2)))
    plan = DemandPlan(
        family=family.code,
        title=title,
        subject=variant.subject,
        description="",
        skills=skills,
        majors=majors,
        majors_required=bool(majors) and rng.random() < 0.15,
        education=family.education,
        education_required=bool(family.education) and rng.random() < family.education_required,
        years=years or None,
        years_required=bool(years) and rng.random() < (0.5 if senior else 0.3),
        title_level=title_level,
        title_required=bool(title_level) and rng.random() < 0.2,
        location=rng.choice(OTHER_LOCATIONS) if family.code == "overseas" else LOCATION,
        salary=salary,
        headcount=_headcount(rng, family, senior),
    )
    plan.description = describe(rng, family, plan)
    return plan


def _skills(rng: Random, family: Family, variant: Variant) -> list[dict]:
    rows: list[dict] = []
    core = list(variant.core)
    if core:
        rows.append({"text": core[0], "required": rng.random() < family.skill_required})
        for skill in core[1:]:
            rows.append({"text": skill, "required": False})
    extras = [skill for skill in family.extras if skill not in core]
    for skill in rng.sample(extras, min(len(extras), rng.randint(0, 2))):
        rows.append({"text": skill, "required": False})
    tools = FREE_TEXT_SKILLS.get(family.code)
    if tools and rng.random() < 0.3:
        rows.append({"text": rng.choice(tools), "required": False})
    return rows


def _headcount(rng: Random, family: Family, senior: bool) -> int:
    low, high = family.headcount
    if senior:
        return 1
    return rng.randint(low, high)


def _round(yuan: float) -> int:
    return int(round(yuan / 500) * 500)


def describe(rng: Random, family: Family, plan: DemandPlan) -> str:
    """岗位职责 and 任职要求, in the order a Chinese job posting has them."""
    duties = rng.sample(family.duties, min(len(family.duties), 3))
    lines = ["岗位职责："]
    lines += [f"{n}. {duty.format(skill=plan.subject)}；" for n, duty in enumerate(duties, start=1)]
    asks = []
    if plan.education:
        majors = f"，{'、'.join(plan.majors)}等相关专业" if plan.majors else ""
        asks.append(f"{EDUCATION_WORDS[plan.education]}及以上学历{majors}")
    elif plan.majors:
        asks.append(f"{'、'.join(plan.majors)}等相关专业优先")
    if plan.years:
        asks.append(f"{plan.years}年以上相关工作经验")
    required = [row["text"] for row in plan.skills if row["required"]]
    preferred = [row["text"] for row in plan.skills if not row["required"]]
    if required:
        asks.append(f"熟悉{'、'.join(required)}")
    if preferred:
        asks.append(f"有{'、'.join(preferred)}经验者优先")
    if plan.title_level:
        asks.append(f"具有{TITLE_WORDS[plan.title_level]}")
    asks += rng.sample(family.asks, min(len(family.asks), rng.randint(0, 2)))
    lines.append("任职要求：")
    lines += [f"{n}. {ask}；" for n, ask in enumerate(asks, start=1)]
    if not asks:
        lines.pop()
    lines[-1] = lines[-1].rstrip("；") + "。"
    return "\n".join(lines)
