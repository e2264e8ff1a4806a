"""What the people in the demo's applications write: statements, reasons, objections. Fictional."""

from talentzone.policies.choices import ApplicantKind, StageRole

STATEMENTS = {
    ApplicantKind.TALENT: (
        "本人全职在开发区工作，符合政策申报条件，所附材料真实有效。",
        "本人已与在区企业签订三年以上劳动合同并在区缴纳社保，现按政策申请。",
        "本人承诺所填信息及所附材料真实、准确、完整，如有不实愿承担相应责任。",
        "申请人现任企业研发部门负责人，牵头锂电池关键材料研发项目，特此申报。",
    ),
    ApplicantKind.ENTERPRISE: (
        "我单位平台运行良好，本年度研发投入持续增加，现按办法申请奖励。",
        "我单位承诺平台认定材料真实有效，奖励资金将全部用于平台建设和人才引进。",
        "平台已组建专职研发团队并与高校开展联合攻关，特此申报。",
    ),
    ApplicantKind.AGENCY: (
        "我机构入驻人力资源服务产业园以来，持续为区内企业提供招聘及劳务派遣服务，现申请扶持。",
        "本年度我机构重点服务锂电和新材料企业的用工需求，所附名单及凭证真实有效。",
        "我机构承诺申报数据真实，愿意接受主管部门的核查。",
    ),
    ApplicantKind.VENTURE: ("项目团队均为近五年毕业的高校毕业生，项目已实现营业收入。",),
}
RESUBMITTED = "\n已按退回意见补充材料。"
SUPPLEMENT = "补充材料"

APPROVALS = {
    StageRole.ENTERPRISE_HR: ("经核实，申请人全职在我单位工作，情况属实。", "情况属实，同意申报。"),
    StageRole.REVIEWER: ("材料齐全，符合政策条件，同意。", "经审核，符合申报条件。", ""),
    StageRole.OFFICE_ADMIN: ("同意，按程序进行公示。", "同意。", ""),
}
RETURNS = (
    "请补充上传近六个月的社保缴纳证明，现上传的证明只有三个月。",
    "所附扫描件不清晰，请重新上传清晰完整的材料。",
    "申报数额与所附凭证不一致，请核对后重新提交。",
    "请补充用人单位盖章的情况说明。",
)
REJECTIONS = (
    "经核查，申请人社保缴纳单位与申报单位不一致，不符合申报条件。",
    "同一事项已在上一年度享受同类扶持，不得重复申报。",
    "相关成果不是以在区单位为第一完成单位取得的，不予支持。",
    "经核实，申请人已于本年度离职，不再符合全职在区工作的条件。",
)
OBJECTIONS = {
    ApplicantKind.TALENT: (
        "据反映，该申请人已于近期办理离职手续，请核实其是否仍全职在区工作。",
        "有群众反映申请人及其配偶在区内已有其他自有住房，请核实。",
    ),
    ApplicantKind.ENTERPRISE: ("据反映，该平台近一年未实际开展研发活动，请核实运行情况。",),
    ApplicantKind.AGENCY: ("据反映，该机构申报的引进人员中有部分人员未实际到岗，请核实。",),
    ApplicantKind.VENTURE: ("据反映，该项目已停止运营，请核实。",),
}
DISMISSALS = (
    "经核查，申请人劳动关系及社保缴纳正常，反映情况不属实，公示继续。",
    "经实地走访核实，反映情况与事实不符，不影响申报资格。",
)
UPHELD = "经核实，反映情况属实，取消本次申报资格，预留资金予以释放。"
PAYMENTS = ("已通过国库集中支付拨付。", "已拨付至申请人银行账户。", "")

# The demo accounts' own stories, told with reasons that fit them.
FEATURED_REASONS = {
    ("talent", "housing-purchase", "rejected"): (
        "购房合同尚未完成网签备案，暂不符合申领条件；请在完成备案后重新申报。"
    ),
    ("talent", "housing-purchase", "returned"): "请补充上传不动产权证书或购房发票的清晰扫描件。",
    ("agency", "agency-tax", "returned"): "请补充税务部门出具的本年度完税证明（需加盖公章）。",
}
