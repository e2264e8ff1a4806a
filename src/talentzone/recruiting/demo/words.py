"""What the people of the demo's recruiting write: candidates' summaries, agencies' notes, the
employers' reasons, interview places. Fictional."""

# A talent's summary: what they did with each skill they list ({skill} is the skill).
SKILL_PHRASES = (
    "负责{skill}相关工作，参与产线爬坡和良率提升",
    "熟悉{skill}，独立完成过工艺验证和问题分析",
    "从事{skill}方向工作，主导过降本增效改善项目",
    "在{skill}岗位积累了较多现场经验，能独立处理异常",
)
# Skills that go with a listed one: a summary names some, so the matching finds them.
RELATED_SKILLS = {
    "化成分容": ("电池测试", "MES", "SPC"),
    "极片涂布": ("匀浆", "辊压", "分切"),
    "卷绕叠片": ("模切", "注液", "激光焊接"),
    "电芯设计": ("电化学", "CAE", "正极材料", "负极材料"),
    "电池测试": ("电化学", "数据分析"),
    "工艺工程": ("FMEA", "SPC", "六西格玛", "涂布", "化成"),
    "BMS电池管理": ("嵌入式开发", "C++", "功能安全"),
    "正极材料": ("前驱体合成", "材料表征", "电化学"),
    "负极材料": ("材料表征", "电化学"),
    "电解液": ("化学分析", "电化学"),
    "隔膜": ("涂布", "材料表征"),
    "铜箔": ("表面处理", "SPC"),
    "前驱体合成": ("正极材料", "化学分析"),
    "材料表征": ("化学分析", "电化学"),
    "化学分析": ("检验检测",),
    "电池包设计": ("模组", "结构设计", "SolidWorks"),
    "热管理": ("CAE", "PACK"),
    "电驱系统": ("整车电气", "功能安全"),
    "整车电气": ("电驱系统", "CAD"),
    "结构件": ("结构设计", "CAD", "SolidWorks"),
    "储能系统集成": ("PCS", "EMS", "BMS"),
    "PCS变流器": ("电子线路设计", "储能系统集成"),
    "电站运维": ("安全管理", "BMS"),
    "能量管理系统": ("Python", "储能系统集成"),
    "锂电设备": ("设备维护", "PLC", "卷绕"),
    "自动化产线": ("PLC", "工业机器人", "电气设计"),
    "PLC编程": ("电气设计", "自动化"),
    "机器视觉": ("C++", "Python"),
    "机械设计": ("SolidWorks", "CAD"),
    "激光焊接": ("锂电设备", "设备维护"),
    "设备维护": ("电工", "PLC"),
    "电子线路设计": ("传感器", "嵌入式开发"),
    "嵌入式开发": ("C++",),
    "SMT工艺": ("质量管理",),
    "冶金工艺": ("化学分析",),
    "精密冲压": ("结构件", "CAD"),
    "表面处理": ("铜箔",),
    "供应链管理": ("采购", "SAP"),
    "仓储管理": ("叉车操作", "SAP"),
    "危险品运输": ("安全管理",),
    "进出口报关": ("英语",),
    "采购管理": ("供应链", "SAP"),
    "环境检测": ("安全管理",),
    "检验检测": ("质量管理",),
    "安全生产": ("环境检测",),
    "质量管理": ("SPC", "FMEA", "8D", "IATF16949"),
    "精益生产": ("六西格玛", "班组管理"),
    "六西格玛": ("SPC", "数据分析"),
    "数据分析": ("Python", "SQL"),
    "项目管理": ("英语",),
    "MES系统": ("SQL", "数据分析"),
}
# Skills anyone might add, whatever their field.
GENERAL_PHRASES = (
    "熟练使用{skill}",
    "具备{skill}能力",
    "有{skill}项目经历",
)
GENERAL_SKILLS = ("数据分析", "英语", "CAD", "质量管理", "精益生产", "项目管理", "Python")
OPENINGS = {
    "doctorate": "{major}博士，",
    "master": "{major}硕士，",
    "bachelor": "{major}专业本科毕业，",
    "college": "{major}专业大专毕业，",
    "vocational": "{major}专业毕业，",
    "other": "",
}
EXPERIENCE = ("{years}年{field}行业工作经验。", "从事{field}相关工作{years}年。")
NEW_GRADUATE = "应届毕业生，在校期间参加过{field}企业实习。"
FIELDS = {
    "lithium_battery": "锂电池制造",
    "battery_materials": "电池材料",
    "new_energy_vehicles": "新能源汽车",
    "energy_storage": "储能",
    "equipment": "锂电装备",
    "electronics": "电子",
    "stainless_steel": "铜箔与金属材料",
    "logistics": "物流",
    "other": "制造业",
}
CLOSINGS = (
    "希望在开发区长期发展。",
    "期望岗位与专业对口，可接受倒班。",
    "看重平台和成长空间。",
    "",
)

# Where people will work (empty: anywhere).
LOCATIONS = (("宁德", 60), ("宁德、福州", 14), ("", 14), ("福州、厦门", 6), ("宁德、厦门", 6))

# An agency's or the office's note on why this candidate.
REFERRAL_NOTES = (
    "候选人专业对口，{skill}经验扎实，已电话沟通，本人对岗位有意向。",
    "候选人稳定性较好，期望在宁德长期发展，可一周内到岗。",
    "综合匹配度高，{skill}相关经历与岗位要求一致，推荐面试。",
    "候选人目前在职，看机会中，薪资期望在岗位范围内。",
    "已完成初步面谈，沟通表达清晰，推荐进入筛选。",
    "",
)
OFFICE_NOTES = (
    "人才办推荐：候选人为开发区认定人才，符合项目引才方向。",
    "经人才办初步沟通，候选人有意参与项目，请企业安排面谈。",
)
SHORTLIST_REASONS = ("简历符合要求，安排面试。", "经历匹配，进入面试环节。", "")
SCREEN_REJECTIONS = (
    "工作经验与岗位方向不符。",
    "简历中缺少相关项目经历，暂不考虑。",
    "本岗位已有更合适的候选人进入面试。",
    "薪资期望超出岗位预算。",
)
INTERVIEW_REJECTIONS = (
    "面试表现一般，专业深度不足。",
    "综合评估后，与团队需求不完全匹配。",
    "技术面试未通过。",
)
INTERVIEW_PASSED = ("专业基础扎实，沟通良好，建议录用。", "现场问答表现好，通过。", "")
INTERVIEW_FAILED = ("专业知识掌握不够扎实。", "岗位理解不足，未通过。")
INTERVIEWERS = (
    "人力资源部 {hr}；技术部经理",
    "{hr}（HR）、车间主任",
    "研发中心负责人、{hr}",
    "{hr}",
)
PLACES = (
    "公司行政楼三楼第一会议室",
    "公司研发中心二楼面试室",
    "人力资源服务产业园A栋3层洽谈室",
    "线上视频面试",
)
OFFER_NOTES = ("试用期三个月，转正后薪资按岗位标准执行。", "提供人才公寓一套，入职即可入住。", "")
DECLINES = (
    "候选人已接受其他单位的录用。",
    "候选人考虑家庭原因，暂不考虑异地工作。",
    "薪资与候选人期望差距较大。",
    "候选人决定继续在现单位发展。",
)
CANDIDATE_DECLINES = ("已找到更合适的工作，谢谢。", "个人原因，暂不考虑换工作。")
WITHDRAWALS = (
    "候选人暂时联系不上，先撤回推荐。",
    "候选人身体原因需要休养，撤回推荐。",
    "推荐信息有误，撤回后重新核实。",
)
CLOSE_REASONS = (
    "岗位需求调整，暂停招聘。",
    "已通过内部调岗解决。",
    "项目延期，需求取消。",
)
