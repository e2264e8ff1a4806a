"""The demo zone's policies and budget as data: what an administrator would have typed in.

Everything is fictional: the documents (开管〔…〕号) and their articles are invented, the amounts
are plausible for a development zone of this size. A policy's rule and legal basis name years
relative to the year the demo is seeded in, so the demo stays current: the policies were issued
last year and run for three years; the budget is this year's.
"""

from dataclasses import dataclass, field

from talentzone.directory.choices import CredentialKind, Level, PlatformKind
from talentzone.directory.demo import structure
from talentzone.policies.choices import ApplicantKind, FormulaKind, StageRole

YUAN = 100  # fen

TALENT_MEASURES = "《开发区关于加快集聚高层次人才的若干措施》（开管〔{issued}〕18号）"
HR_PARK_MEASURES = "《开发区人力资源服务产业园扶持办法（试行）》（开管〔{issued}〕7号）"
PLATFORM_MEASURES = "《开发区创新平台建设奖励办法》（开管〔{issued}〕21号）"
VENTURE_MEASURES = "《开发区大学生创业扶持实施细则》（开管〔{issued}〕9号）"
HOUSING_MEASURES = "《开发区人才安居保障办法》（开管〔{issued}〕15号）"


@dataclass(frozen=True)
class LineSpec:
    code: str
    name: str
    owner: str  # department code
    yuan: int


# This year's budget for talent: 14.5 million yuan on six lines.
BUDGET_LINES = (
    LineSpec("rc-01", "人才计划配套奖励", structure.TALENT_OFFICE, 5_000_000),
    LineSpec("rc-02", "科技奖励团队配套", "science", 1_500_000),
    LineSpec("rc-03", "人力资源服务业发展专项资金", structure.REVIEWING_DEPARTMENT, 2_000_000),
    LineSpec("rc-04", "科研平台建设奖励", "science", 2_500_000),
    LineSpec("rc-05", "大学生创业扶持资金", structure.REVIEWING_DEPARTMENT, 1_000_000),
    LineSpec("rc-06", "人才安居补贴", "housing", 2_500_000),
)


@dataclass(frozen=True)
class StageSpec:
    name: str
    role: str
    department: str | None = None  # department code, for reviewers' stages
    deadline_days: int = 10
    proved_by_registry: bool = False


def confirmation() -> StageSpec:
    """The employer confirms the talent works there: the registry shows it already."""
    return StageSpec(
        "用人单位确认", StageRole.ENTERPRISE_HR, deadline_days=5, proved_by_registry=True
    )


def review(department: str, name: str) -> StageSpec:
    return StageSpec(name, StageRole.REVIEWER, department, deadline_days=10)


def approval() -> StageSpec:
    return StageSpec("人才办审批", StageRole.OFFICE_ADMIN, deadline_days=7)


HRSS_REVIEW = review(structure.REVIEWING_DEPARTMENT, "人社局审核")
SCIENCE_REVIEW = review("science", "科信局审核")
HOUSING_REVIEW = review("housing", "住建局审核")


@dataclass(frozen=True)
class PolicySpec:
    code: str
    title: str
    title_en: str
    legal_basis: str  # {issued}: the year the measures were issued
    summary: str
    applicant_kind: str
    rule: str  # {year}: this year; {year_2}, {year_3}, {year_5}: that many years before
    line: str
    stages: tuple[StageSpec, ...]
    documents: tuple[tuple[str, str], ...]  # (name, description)
    formula: str
    amount_yuan: int | None = None
    unit_label: str = ""
    tier_yuan: dict[str, int] = field(default_factory=dict)
    rate_basis_points: int | None = None
    declared_label: str = ""
    cap_yuan: int | None = None
    notice_days: int = 5
    # Offered without application (免申即享) when the demo is seeded: the registry proves it.
    offered: bool = False


def credential_count(kind: str, level: str, since: str = "") -> str:
    extra = f", since={since}" if since else ""
    return f'count(credentials, kind="{kind}", level="{level}"{extra}) >= 1'


def platform_count(kind: str, level: str = "", since: str = "") -> str:
    extra = (f', level="{level}"' if level else "") + (f", since={since}" if since else "")
    return f'count(platforms, kind="{kind}"{extra}) >= 1'


IN_ZONE = 'status = "in_zone"'
PROGRAMME_DOCUMENTS = (
    ("人才计划入选文件或证书", "入选通知、公布文件或证书的扫描件"),
    ("劳动合同及社保缴纳证明", "与在区用人单位签订的劳动合同，近六个月在区缴纳社保的证明"),
)
AWARD_DOCUMENTS = (
    ("获奖证书", "获奖证书及奖励文件的扫描件"),
    ("项目团队成员名单及分工说明", "由用人单位盖章确认"),
)
PLATFORM_DOCUMENTS = (
    ("平台认定或批复文件", "主管部门的认定文件、批复或授牌证明"),
    ("平台年度运行情况报告", "研发投入、人员、成果等情况"),
)
VENTURE_DOCUMENTS = (
    ("创业项目计划书", ""),
    ("营业执照", ""),
    ("创始人毕业证书", "毕业五年以内的高校毕业证书"),
)

POLICIES = (
    PolicySpec(
        code="national-programme-match",
        title="国家级人才计划入选者配套奖励",
        title_en="Matching reward for national talent programme selections",
        legal_basis=TALENT_MEASURES + "第五条第一款",
        summary="对入选国家级人才计划、全职在区工作的人才，按人才层次给予一次性配套奖励。",
        applicant_kind=ApplicantKind.TALENT,
        rule=f"{credential_count(CredentialKind.PROGRAMME, Level.NATIONAL)} and {IN_ZONE}",
        line="rc-01",
        stages=(confirmation(), HRSS_REVIEW, approval()),
        documents=PROGRAMME_DOCUMENTS,
        formula=FormulaKind.TIERED,
        tier_yuan={"national_top": 1_000_000, "national_leading": 500_000},
        notice_days=7,
        offered=True,
    ),
    PolicySpec(
        code="provincial-programme-match",
        title="省级人才计划入选者配套奖励",
        title_en="Matching reward for provincial talent programme selections",
        legal_basis=TALENT_MEASURES + "第五条第二款",
        summary="对入选省级人才计划、全职在区工作的人才，按人才层次给予一次性配套奖励。",
        applicant_kind=ApplicantKind.TALENT,
        rule=f"{credential_count(CredentialKind.PROGRAMME, Level.PROVINCIAL)} and {IN_ZONE}",
        line="rc-01",
        stages=(confirmation(), HRSS_REVIEW, approval()),
        documents=PROGRAMME_DOCUMENTS,
        formula=FormulaKind.TIERED,
        tier_yuan={"provincial_high": 200_000, "provincial_leading": 100_000},
        notice_days=5,
        offered=True,
    ),
    PolicySpec(
        code="national-science-award",
        title="国家级科技奖项团队奖励",
        title_en="Team reward for national science prizes and the China Patent Award",
        legal_basis=TALENT_MEASURES + "第七条第一款",
        summary="近两年以来，在区团队以第一完成单位获得国家科学技术奖或中国专利金奖、优秀奖的，"
        "奖励团队负责人。",
        applicant_kind=ApplicantKind.TALENT,
        rule=f"{credential_count(CredentialKind.AWARD, Level.NATIONAL, '{year_2}-01-01')} "
        f"and {IN_ZONE}",
        line="rc-02",
        stages=(confirmation(), SCIENCE_REVIEW, approval()),
        documents=AWARD_DOCUMENTS,
        formula=FormulaKind.FIXED,
        amount_yuan=300_000,
        notice_days=7,
    ),
    PolicySpec(
        code="provincial-science-award",
        title="省级科学技术奖团队奖励",
        title_en="Team reward for provincial science and technology prizes",
        legal_basis=TALENT_MEASURES + "第七条第二款",
        summary="近两年以来，高新技术企业或研发机构的团队获得省级科学技术奖的，奖励团队负责人。",
        applicant_kind=ApplicantKind.TALENT,
        rule=f"{credential_count(CredentialKind.AWARD, Level.PROVINCIAL, '{year_2}-01-01')} "
        f"and {IN_ZONE} and (employer.high_tech = true or employer.rd_institution = true)",
        line="rc-02",
        stages=(confirmation(), SCIENCE_REVIEW, approval()),
        documents=AWARD_DOCUMENTS,
        formula=FormulaKind.FIXED,
        amount_yuan=100_000,
    ),
    PolicySpec(
        code="agency-recruitment",
        title="人力资源服务机构引才补贴",
        title_en="HR agency subsidy per worker recruited for the zone",
        legal_basis=HR_PARK_MEASURES + "第八条",
        summary="入驻满一年的人力资源服务机构为区内企业引进员工并稳定就业满三个月的，按人数给予补贴。",
        applicant_kind=ApplicantKind.AGENCY,
        rule="years_in_park >= 1",
        line="rc-03",
        stages=(HRSS_REVIEW, approval()),
        documents=(
            ("引进员工花名册及劳动合同", "列明姓名、用工企业、入职日期"),
            ("用工企业确认函", "由用工企业盖章确认"),
        ),
        formula=FormulaKind.PER_UNIT,
        amount_yuan=1_500,
        unit_label="为区内企业引进并稳定就业满三个月的员工（人）",
        cap_yuan=600_000,
    ),
    PolicySpec(
        code="agency-rent",
        title="人力资源服务产业园租金补贴",
        title_en="HR service park rent subsidy",
        legal_basis=HR_PARK_MEASURES + "第九条",
        summary="入驻产业园三年以内的人力资源服务机构，按本年度实缴房租的50%给予补贴。",
        applicant_kind=ApplicantKind.AGENCY,
        rule="years_in_park <= 3",
        line="rc-03",
        stages=(HRSS_REVIEW, approval()),
        documents=(("房屋租赁合同", ""), ("租金缴纳凭证", "本年度的租金发票或转账凭证")),
        formula=FormulaKind.PERCENTAGE,
        rate_basis_points=5_000,
        declared_label="本年度实缴房租",
        cap_yuan=200_000,
    ),
    PolicySpec(
        code="agency-growth",
        title="人力资源服务机构规模增长奖励",
        title_en="HR agency reward for growth in scale",
        legal_basis=HR_PARK_MEASURES + "第十条",
        summary="入驻满两年的人力资源服务机构营业收入同比增长的，按增长额的3%给予奖励。",
        applicant_kind=ApplicantKind.AGENCY,
        rule="years_in_park >= 2",
        line="rc-03",
        stages=(HRSS_REVIEW, approval()),
        documents=(("上年度及本年度财务报表", "经会计师事务所审计"),),
        formula=FormulaKind.PERCENTAGE,
        rate_basis_points=300,
        declared_label="营业收入同比增长额",
        cap_yuan=500_000,
    ),
    PolicySpec(
        code="agency-tax",
        title="人力资源服务机构纳税贡献奖励",
        title_en="HR agency reward for tax contribution",
        legal_basis=HR_PARK_MEASURES + "第十一条",
        summary="入驻满一年的人力资源服务机构，按其本年度区级财政贡献的30%给予奖励。",
        applicant_kind=ApplicantKind.AGENCY,
        rule="years_in_park >= 1",
        line="rc-03",
        stages=(HRSS_REVIEW, approval()),
        documents=(("本年度完税证明", "税务部门出具"),),
        formula=FormulaKind.PERCENTAGE,
        rate_basis_points=3_000,
        declared_label="本年度区级财政贡献（税收区级留成部分）",
        cap_yuan=800_000,
    ),
    PolicySpec(
        code="postdoctoral-workstation",
        title="博士后科研工作站建站奖励",
        title_en="Reward for setting up a postdoctoral workstation",
        legal_basis=PLATFORM_MEASURES + "第四条",
        summary="规模以上企业设立博士后科研工作站（含创新实践基地）的，给予一次性建站奖励。",
        applicant_kind=ApplicantKind.ENTERPRISE,
        rule=f"{platform_count(PlatformKind.POSTDOCTORAL)} and above_scale = true",
        line="rc-04",
        stages=(SCIENCE_REVIEW, approval()),
        documents=PLATFORM_DOCUMENTS,
        formula=FormulaKind.FIXED,
        amount_yuan=300_000,
        notice_days=7,
    ),
    PolicySpec(
        code="academician-workstation",
        title="院士专家工作站建站奖励",
        title_en="Reward for setting up an academician workstation",
        legal_basis=PLATFORM_MEASURES + "第五条",
        summary="企业建立院士专家工作站并有院士团队进站开展合作的，给予一次性建站奖励。",
        applicant_kind=ApplicantKind.ENTERPRISE,
        rule=platform_count(PlatformKind.ACADEMICIAN),
        line="rc-04",
        stages=(SCIENCE_REVIEW, approval()),
        documents=(("平台认定文件及院士团队合作协议", ""), PLATFORM_DOCUMENTS[1]),
        formula=FormulaKind.FIXED,
        amount_yuan=300_000,
        notice_days=7,
    ),
    PolicySpec(
        code="rd-centre",
        title="工程技术研究中心奖励",
        title_en="Reward for an engineering research centre",
        legal_basis=PLATFORM_MEASURES + "第六条",
        summary="企业获批省级以上工程技术研究中心的，给予一次性奖励。",
        applicant_kind=ApplicantKind.ENTERPRISE,
        rule=f"{platform_count(PlatformKind.RD_CENTRE, Level.PROVINCIAL)} or "
        f"{platform_count(PlatformKind.RD_CENTRE, Level.NATIONAL)}",
        line="rc-04",
        stages=(SCIENCE_REVIEW, approval()),
        documents=PLATFORM_DOCUMENTS,
        formula=FormulaKind.FIXED,
        amount_yuan=200_000,
    ),
    PolicySpec(
        code="technology-centre",
        title="企业技术中心奖励",
        title_en="Reward for an enterprise technology centre",
        legal_basis=PLATFORM_MEASURES + "第七条",
        summary="企业获批国家级企业技术中心，或近三年获批省级企业技术中心的，给予一次性奖励。",
        applicant_kind=ApplicantKind.ENTERPRISE,
        rule=f"{platform_count(PlatformKind.TECHNOLOGY_CENTRE, Level.NATIONAL)} or "
        f"{platform_count(PlatformKind.TECHNOLOGY_CENTRE, Level.PROVINCIAL, '{year_3}-01-01')}",
        line="rc-04",
        stages=(SCIENCE_REVIEW, approval()),
        documents=PLATFORM_DOCUMENTS,
        formula=FormulaKind.FIXED,
        amount_yuan=200_000,
    ),
    PolicySpec(
        code="venture-provincial",
        title="省级大学生创业项目资助",
        title_en="Funding for provincial-grade university student start-ups",
        legal_basis=VENTURE_MEASURES + "第六条",
        summary="入园满一年、已创办或处于成长期、入选省级优秀大学生创业项目的，给予一次性资助。",
        applicant_kind=ApplicantKind.VENTURE,
        rule='stage in ["started", "growing"] and years_in_park >= 1',
        line="rc-05",
        stages=(HRSS_REVIEW, approval()),
        documents=(*VENTURE_DOCUMENTS, ("省级优秀大学生创业项目入选文件", "")),
        formula=FormulaKind.FIXED,
        amount_yuan=100_000,
        offered=True,
    ),
    PolicySpec(
        code="venture-municipal",
        title="市级大学生创业项目资助",
        title_en="Funding for municipal-grade university student start-ups",
        legal_basis=VENTURE_MEASURES + "第七条",
        summary="入园三年以内、仍在运营的大学生创业项目，经评审入选市级资助的，给予一次性资助。",
        applicant_kind=ApplicantKind.VENTURE,
        rule='stage in ["incubating", "started", "growing"] and years_in_park <= 3',
        line="rc-05",
        stages=(HRSS_REVIEW, approval()),
        documents=VENTURE_DOCUMENTS,
        formula=FormulaKind.FIXED,
        amount_yuan=50_000,
        offered=True,
    ),
    PolicySpec(
        code="housing-purchase",
        title="人才购房补贴",
        title_en="Housing purchase subsidy for talents",
        legal_basis=HOUSING_MEASURES + "第五条",
        summary="入区五年以内、在区首次购买自住商品住房的在区人才，按人才层次给予一次性购房补贴。",
        applicant_kind=ApplicantKind.TALENT,
        rule=f"tier_rank <= 6 and years_in_zone <= 5 and {IN_ZONE}",
        line="rc-06",
        stages=(confirmation(), HOUSING_REVIEW, approval()),
        documents=(
            ("购房合同、网签备案证明及购房发票", ""),
            ("家庭住房情况承诺书", "承诺本人及配偶在开发区内无其他自有住房"),
        ),
        formula=FormulaKind.TIERED,
        tier_yuan={
            "national_top": 500_000,
            "national_leading": 300_000,
            "provincial_high": 200_000,
            "provincial_leading": 150_000,
            "municipal": 50_000,
            "district": 20_000,
        },
        notice_days=7,
    ),
    PolicySpec(
        code="housing-rent",
        title="人才租房补贴",
        title_en="Rent subsidy for talents",
        legal_basis=HOUSING_MEASURES + "第六条",
        summary="近五年入区、在区租房居住的在区人才，按实际租房月数每月补贴1500元，每年最多12个月。",
        applicant_kind=ApplicantKind.TALENT,
        rule=f"tier_rank <= 6 and arrival_date >= {{year_5}}-01-01 and {IN_ZONE}",
        line="rc-06",
        stages=(confirmation(), HOUSING_REVIEW, approval()),
        documents=(("房屋租赁合同及备案证明", ""), ("租金支付凭证", "")),
        formula=FormulaKind.PER_UNIT,
        amount_yuan=1_500,
        unit_label="本年度在区租房月数",
        cap_yuan=18_000,
    ),
)


def rule_text(spec: PolicySpec, year: int) -> str:
    return spec.rule.format(year=year, year_2=year - 2, year_3=year - 3, year_5=year - 5)
