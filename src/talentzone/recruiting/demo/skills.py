"""The demo's skills list: the battery and new-energy industry's skills, each with the other
words people write for it (synonyms), as the talent office would have typed them in.

Every skill the registry's talents list (`directory.demo.names.SKILLS`) is here, by its name or
as a synonym, so a demand asking for a skill finds the people who have it. Synonyms are whole
words a person writes for the same skill; compounds of two skills (化成分容, 卷绕叠片) are not
synonyms of either: the segmenter splits them into the two skills.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SkillSpec:
    name: str
    name_en: str
    synonyms: str = ""  # separated by 、


SKILLS = (
    # Cell manufacturing: the process steps of a cell line.
    SkillSpec("匀浆", "Slurry mixing", "制浆、搅拌工艺"),
    SkillSpec("涂布", "Electrode coating", "极片涂布、涂布工艺"),
    SkillSpec("辊压", "Calendering", "冷压、辊压工艺"),
    SkillSpec("分切", "Slitting", "分切工艺"),
    SkillSpec("模切", "Die cutting", "激光模切"),
    SkillSpec("卷绕", "Winding", "卷绕工艺"),
    SkillSpec("叠片", "Stacking", "叠片工艺、Z字叠片"),
    SkillSpec("注液", "Electrolyte filling", "注液工艺"),
    SkillSpec("化成", "Formation", "化成工艺"),
    SkillSpec("分容", "Capacity grading", "分容工艺、容量分选"),
    SkillSpec("电芯设计", "Cell design", "电芯开发、电池设计"),
    SkillSpec("电池测试", "Battery testing", "电性能测试、电池检测"),
    SkillSpec("工艺工程", "Process engineering", "工艺开发、工艺改善"),
    SkillSpec("激光焊接", "Laser welding", "极耳焊接、超声波焊接"),
    # Materials and chemistry.
    SkillSpec("电化学", "Electrochemistry", "电化学分析、电化学测试"),
    SkillSpec("正极材料", "Cathode materials", "三元材料、磷酸铁锂、正极"),
    SkillSpec("负极材料", "Anode materials", "石墨负极、硅碳负极、负极"),
    SkillSpec("电解液", "Electrolyte", "电解液配方"),
    SkillSpec("隔膜", "Separator", "隔膜涂覆"),
    SkillSpec("铜箔", "Copper foil", "电解铜箔、锂电铜箔"),
    SkillSpec("前驱体合成", "Precursor synthesis", "前驱体、共沉淀"),
    SkillSpec("材料表征", "Materials characterisation", "XRD、扫描电镜"),
    SkillSpec("化学分析", "Chemical analysis", "理化分析、ICP"),
    SkillSpec("钠离子电池", "Sodium-ion batteries", "钠电"),
    SkillSpec("固态电池", "Solid-state batteries", "固态电解质"),
    SkillSpec("电池回收", "Battery recycling", "湿法冶金、梯次利用"),
    SkillSpec("冶金工艺", "Metallurgy", "冶金"),
    SkillSpec("表面处理", "Surface treatment", "电镀"),
    SkillSpec("精密冲压", "Precision stamping", "冲压工艺"),
    # Packs, systems and vehicles.
    SkillSpec("BMS", "Battery management systems", "电池管理系统、BMS电池管理、BMS开发"),
    SkillSpec("PACK", "Battery packs", "电池包、电池包设计、PACK设计"),
    SkillSpec("模组", "Battery modules", "电池模组、模组设计"),
    SkillSpec("热管理", "Thermal management", "液冷、热仿真"),
    SkillSpec("储能系统集成", "Energy storage integration", "储能系统、储能集成"),
    SkillSpec("PCS", "Power conversion systems", "PCS变流器、储能变流器"),
    SkillSpec("EMS", "Energy management systems", "能量管理系统"),
    SkillSpec("电站运维", "Power station operation", "储能电站运维"),
    SkillSpec("电驱系统", "Electric drives", "电驱、电机控制"),
    SkillSpec("整车电气", "Vehicle electrics", "整车电气架构、高压电气"),
    SkillSpec("结构件", "Structural parts", "结构件设计、电池壳体"),
    SkillSpec("结构设计", "Structural design", "机械结构设计"),
    SkillSpec("功能安全", "Functional safety", "ISO26262"),
    # Electronics and software.
    SkillSpec("嵌入式开发", "Embedded development", "嵌入式、单片机"),
    SkillSpec("电子线路设计", "Circuit design", "硬件设计、PCB设计、电路设计"),
    SkillSpec("SMT工艺", "SMT", "SMT、表面贴装"),
    SkillSpec("传感器", "Sensors", "传感技术"),
    SkillSpec("MES", "Manufacturing execution systems", "MES系统、制造执行系统"),
    SkillSpec("Python", "Python", "Python编程"),
    SkillSpec("C++", "C++", "C/C++"),
    SkillSpec("数据分析", "Data analysis", "数据统计、大数据分析"),
    SkillSpec("SQL", "SQL", "数据库"),
    SkillSpec("SAP", "SAP / ERP", "ERP"),
    # Equipment and automation.
    SkillSpec("锂电设备", "Lithium battery equipment", "锂电装备"),
    SkillSpec("自动化", "Automation", "自动化产线、工业自动化"),
    SkillSpec("PLC", "Programmable logic controllers", "PLC编程、西门子PLC、三菱PLC"),
    SkillSpec("机器视觉", "Machine vision", "视觉检测、CCD视觉"),
    SkillSpec("工业机器人", "Industrial robots", "机械手、机器人调试"),
    SkillSpec("机械设计", "Mechanical design", "非标设计、非标机械设计"),
    SkillSpec("电气设计", "Electrical design", "EPLAN、电气图纸"),
    SkillSpec("设备维护", "Equipment maintenance", "设备维修、设备保养、TPM"),
    SkillSpec("CAD", "CAD", "AutoCAD、CAD制图"),
    SkillSpec("SolidWorks", "SolidWorks", "三维建模"),
    SkillSpec("CAE", "CAE simulation", "有限元分析、仿真分析、ANSYS"),
    # Quality.
    SkillSpec("质量管理", "Quality management", "品质管理、质量体系"),
    SkillSpec("IATF16949", "IATF 16949", "IATF 16949、TS16949"),
    SkillSpec("SPC", "Statistical process control", "统计过程控制"),
    SkillSpec("FMEA", "Failure mode and effects analysis", "失效模式分析、PFMEA、DFMEA"),
    SkillSpec("8D", "8D problem solving", "8D报告"),
    SkillSpec("六西格玛", "Six Sigma", "6σ、六西格玛绿带、六西格玛黑带"),
    SkillSpec("精益生产", "Lean manufacturing", "精益管理、精益"),
    SkillSpec("检验检测", "Inspection and testing", "来料检验、IQC、OQC"),
    SkillSpec("环境检测", "Environmental monitoring", "环境监测"),
    # Supply chain, safety, management, languages, trades.
    SkillSpec("供应链", "Supply chain", "供应链管理"),
    SkillSpec("采购", "Purchasing", "采购管理、供应商开发"),
    SkillSpec("仓储物流", "Warehousing and logistics", "仓储管理、仓库管理"),
    SkillSpec("危险品运输", "Dangerous goods transport", "危化品运输"),
    SkillSpec("进出口报关", "Customs clearance", "报关、进出口"),
    SkillSpec("包装设计", "Packaging design", "包装方案"),
    SkillSpec("安全管理", "Safety management", "安全生产、EHS"),
    SkillSpec("项目管理", "Project management", "PMP"),
    SkillSpec("班组管理", "Team leading", "现场管理"),
    SkillSpec("叉车操作", "Forklift operation", "叉车证、叉车"),
    SkillSpec("电工", "Electrician", "电工证、低压电工"),
    SkillSpec("英语", "English", "英语六级、CET-6、英文"),
    SkillSpec("日语", "Japanese", "日语N2、日语N1"),
    SkillSpec("韩语", "Korean", "TOPIK"),
)
NAMES = frozenset(spec.name for spec in SKILLS)
