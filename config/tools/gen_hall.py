"""Generate the sample hall file `config/hall.toml` from the Python data below.

The hall is modelled on the 2017 work report of 长治市郊区政务大厅管理服务中心: 23 stationed
departments, 53 windows, 81 matters (7 service, 74 approval) in the report's function zones.
Names of staff are invented; PINs and device keys are demo values.

Usage (from the repository root):

    .venv/bin/python config/tools/gen_hall.py           # rewrite config/hall.toml
    .venv/bin/python config/tools/gen_hall.py --check   # exit 1 if config/hall.toml is stale

`config/hall.toml` is the artefact people read and deploy; this script is only how it is
kept consistent (counts, window profiles, staff ids, time-limit wording). Edit the data
here and re-run, rather than editing the TOML by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from math import gcd
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "config" / "hall.toml"

# ---------------------------------------------------------------------------------------
# Hall
# ---------------------------------------------------------------------------------------


def _days(first: str, last: str) -> list[date]:
    d, end = date.fromisoformat(first), date.fromisoformat(last)
    out = []
    while d <= end:
        out.append(d)
        d += timedelta(days=1)
    return out


# 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04); 2027 arrangements are published
# in November 2026, so only New Year's Day 2027 is listed.
HOLIDAYS: list[tuple[str, list[date]]] = [
    ("2026 元旦", _days("2026-01-01", "2026-01-03")),
    ("2026 春节", _days("2026-02-15", "2026-02-23")),
    ("2026 清明节", _days("2026-04-04", "2026-04-06")),
    ("2026 劳动节", _days("2026-05-01", "2026-05-05")),
    ("2026 端午节", _days("2026-06-19", "2026-06-21")),
    ("2026 中秋节", _days("2026-09-25", "2026-09-27")),
    ("2026 国庆节", _days("2026-10-01", "2026-10-07")),
    ("2027 元旦", [date(2027, 1, 1)]),
]
EXTRA_WORKDAYS = [
    date(2026, 1, 4),
    date(2026, 2, 14),
    date(2026, 2, 28),
    date(2026, 5, 9),
    date(2026, 9, 20),
    date(2026, 10, 10),
]
WORK_HOURS = ["08:30-12:00", "13:30-17:30"]

HALL: dict[str, Any] = {
    "name": "长治市郊区政务服务中心",
    "name_en": "Changzhi Jiaoqu District Government Service Centre",
    "timezone": "Asia/Shanghai",
    "issue_cutoff_min": 30,
    "target_wait_min": 30,
    "max_wait_min": 60,
    "priority_streak_cap": 3,
    "max_recalls": 2,
    "requeue_gap": 3,
    "appointment_early_min": 30,
    "appointment_late_min": 15,
    "id_daily_limit": 5,
    "id_matter_daily_limit": 2,
    "public_url": "",
    "notice": (
        "欢迎来到长治市郊区政务服务中心！请凭号等候，留意语音叫号和屏幕提示；过号后可凭号票在取号机扫码重新排队一次。"
        "办事前可在自助取号机查阅《办事指南》，一次备齐申请材料。"
        "本中心推行“一窗受理、限时办结”，对服务有意见建议请使用窗口评价器或拨打12345政务服务便民热线。"
    ),
    "notice_en": (
        "Welcome to the Changzhi Jiaoqu District Government Service Centre. Please wait for your "
        "number to be called; if you miss your call, scan your slip at the kiosk to re-queue once. "
        "Check the service guide at the self-service kiosk and bring all required materials. "
        "Rate our service on the counter evaluator or call the 12345 government hotline."
    ),
}

# ---------------------------------------------------------------------------------------
# Zones and departments
# ---------------------------------------------------------------------------------------

# (code, prefix, name, name_en, comment)
ZONES = [
    (
        "egov",
        "A",
        "电子政务区",
        "E-Government Zone",
        "网上审批辅导、中小微企业帮办代办、物价、文物旅游",
    ),
    (
        "welfare",
        "B",
        "民生服务区",
        "Public Welfare Services Zone",
        "民政、卫计、教育、畜牧、农委、农机",
    ),
    (
        "invest",
        "C",
        "固定资产投资并联审批区",
        "Fixed-Asset Investment Joint Approval Zone",
        "联审联批（发改、环保、国土含不动产登记、住建、水利、林业、经信）",
    ),
    ("licence", "D", "证照类审批区", "Licences and Permits Zone", "工商、食药监、交通、文化、安监"),
    (
        "trading",
        "E",
        "公共资源交易平台服务区",
        "Public Resource Trading Platform Zone",
        "公共资源交易中心（工程建设项目进场交易）",
    ),
    (
        "social",
        "F",
        "社保就业服务区",
        "Social Insurance and Employment Zone",
        "企业养老保险、机关事业养老保险、失业保险、再就业中心（人社局）",
    ),
]
ZONE_CODES = [z[0] for z in ZONES]

# (code, full name, name_en, short name used on window signs, home zone)
DEPARTMENTS = [
    (
        "rsj",
        "人力资源和社会保障局",
        "Human Resources and Social Security Bureau",
        "人社局",
        "social",
    ),
    ("gsj", "工商行政管理局", "Administration for Industry and Commerce", "工商局", "licence"),
    ("jyj", "教育局", "Education Bureau", "教育局", "welfare"),
    ("whj", "文化局", "Culture Bureau", "文化局", "licence"),
    ("jtj", "交通运输局", "Transport Bureau", "交通局", "licence"),
    ("syj", "食品药品监督管理局", "Food and Drug Administration", "食药监局", "licence"),
    ("lyj", "林业局", "Forestry Bureau", "林业局", "invest"),
    ("fgj", "发展和改革局", "Development and Reform Bureau", "发改局", "invest"),
    ("mzj", "民政局", "Civil Affairs Bureau", "民政局", "welfare"),
    (
        "njzx",
        "农业机械化服务中心",
        "Agricultural Mechanisation Service Centre",
        "农机中心",
        "welfare",
    ),
    ("wjj", "卫生和计划生育局", "Health and Family Planning Bureau", "卫计局", "welfare"),
    (
        "zxwq",
        "中小微企业服务中心",
        "Small and Micro Enterprise Service Centre",
        "中小微企业服务中心",
        "egov",
    ),
    ("hbj", "环境保护局", "Environmental Protection Bureau", "环保局", "invest"),
    ("gtj", "国土资源局", "Land and Resources Bureau", "国土局", "invest"),
    ("slj", "水利局", "Water Resources Bureau", "水利局", "invest"),
    ("xmj", "畜牧兽医局", "Animal Husbandry and Veterinary Bureau", "畜牧局", "welfare"),
    ("nw", "农业委员会", "Agriculture Commission", "农委", "welfare"),
    ("wujia", "物价局", "Price Bureau", "物价局", "egov"),
    ("zjj", "住房和城乡建设局", "Housing and Urban-Rural Development Bureau", "住建局", "invest"),
    ("wwly", "文物旅游局", "Cultural Heritage and Tourism Bureau", "文物旅游局", "egov"),
    ("jxj", "经济和信息化局", "Economy and Information Technology Bureau", "经信局", "invest"),
    ("ajj", "安全生产监督管理局", "Work Safety Administration", "安监局", "licence"),
    ("ggzy", "公共资源交易中心", "Public Resource Trading Centre", "公共资源交易中心", "trading"),
]
DEPT_ZONE = {d[0]: d[4] for d in DEPARTMENTS}

# 报告“各窗口单位审批事项进驻情况”：2017年1-7月办结件数
REPORT_2017 = {
    "rsj": "服务类3900件",
    "gsj": "行政审批类358件",
    "jyj": "行政审批类123件",
    "whj": "行政审批类111件、服务类28件",
    "jtj": "行政审批类458件、服务类198件",
    "syj": "行政审批类548件",
    "lyj": "行政审批类15件、服务类4件",
    "fgj": "行政审批类89件、服务类28件",
    "mzj": "服务类2282件",
    "njzx": "行政审批类12件、服务类5件",
    "wjj": "行政审批类108件",
    "zxwq": "服务类56件",
    "hbj": "行政审批类42件",
    "gtj": "服务类50件",
    "slj": "服务类20件",
    "xmj": "行政审批类4件、服务类25件",
    "nw": "服务类6件",
    "wujia": "服务类10件",
    "zjj": "行政审批类9件",
    "wwly": "服务类3件",
    "jxj": "暂无业务",
    "ajj": "暂无业务",
    "ggzy": "报告未列件数（承办联审联批项目招标会议6次）",
}
DEPT_SHORT = {d[0]: d[3] for d in DEPARTMENTS}
DEPT_EN = {d[0]: d[2] for d in DEPARTMENTS}

# ---------------------------------------------------------------------------------------
# Materials
# ---------------------------------------------------------------------------------------


def mat(name: str, name_en: str, form: str = "original", copies: int = 1, note: str = "") -> dict:
    return {"name": name, "name_en": name_en, "form": form, "copies": copies, "note": note}


def id_card(who: str = "申请人", who_en: str = "Applicant's", note: str = "") -> dict:
    return mat(f"{who}居民身份证", f"{who_en} resident ID card", "original_and_copy", note=note)


def hukou() -> dict:
    return mat("户口簿", "Household register (hukou booklet)", "original_and_copy")


def licence(note: str = "加盖单位公章") -> dict:
    return mat("营业执照", "Business licence", "copy", note=note)


def legal_rep_id() -> dict:
    return mat(
        "法定代表人（负责人）身份证明",
        "ID of the legal representative (person in charge)",
        "original_and_copy",
    )


def proxy() -> dict:
    return mat(
        "授权委托书及受托人身份证",
        "Power of attorney and the agent's ID card",
        "original_and_copy",
        note="委托他人代办时提供",
    )


def photo(copies: int = 2, size: str = "一寸", size_en: str = "1-inch") -> dict:
    return mat(
        f"近期{size}免冠彩色照片",
        f"Recent {size_en} colour photo, bareheaded",
        copies=copies,
        note="白底、正面",
    )


def form(title: str, title_en: str, copies: int = 1, note: str = "") -> dict:
    return mat(
        f"《{title}》",
        title_en,
        copies=copies,
        note=note or "窗口免费领取，也可在自助机或网上办事大厅下载",
    )


def premises() -> dict:
    return mat(
        "经营场所使用证明",
        "Proof of right to use the business premises",
        "copy",
        note="房屋产权证明或租赁合同",
    )


# ---------------------------------------------------------------------------------------
# Matters
# ---------------------------------------------------------------------------------------

MATTERS: list[dict] = []

STEPS_IMMEDIATE = ["取号后到窗口提交材料", "窗口当场审核", "当场办结并出具结果"]
STEPS_LICENCE = ["窗口受理", "材料审查", "现场核查", "作出许可决定", "制证发证"]
STEPS_APPROVAL = ["窗口受理", "审查", "作出决定", "送达批复文件"]
STEPS_FILING = ["窗口受理", "核对备案信息", "出具备案证明"]


def _working_days(n: int) -> str:
    return f"{n} working day" + ("" if n == 1 else "s")


def matter(
    code: str,
    name: str,
    name_en: str,
    dept: str,
    category: str,
    kind: str,
    days: int,
    minutes: float,
    legal: list[str],
    materials: list[dict],
    conditions: list[str],
    steps: list[str],
    *,
    zone: str = "",
    legal_days: int = 0,
    quota: int = 0,
    real_name: bool = False,
    keywords: tuple[str, ...] = (),
    fees: str = "不收费",
    fees_en: str = "Free of charge",
) -> None:
    assert category in ("approval", "service") and kind in ("immediate", "promised")
    assert (kind == "promised") == (days > 0), code
    if kind == "immediate":
        limit = "即办（材料齐全、符合法定形式的，当场办结）"
        limit_en = "Immediate: completed on the spot when the materials are complete"
    elif legal_days:
        limit = f"法定{legal_days}个工作日，承诺{days}个工作日"
        limit_en = (
            f"Statutory limit {legal_days} working days; promised within {_working_days(days)}"
        )
    else:
        limit = f"承诺{days}个工作日"
        limit_en = f"Promised within {_working_days(days)}"
    MATTERS.append(
        {
            "code": code,
            "name": name,
            "name_en": name_en,
            "department": dept,
            "zone": zone or DEPT_ZONE[dept],
            "category": category,
            "kind": kind,
            "promise_days": days,
            "service_minutes": minutes,
            "daily_quota": quota,
            "real_name": real_name,
            "keywords": list(keywords),
            "guide": {
                "legal_basis": legal,
                "conditions": conditions,
                "steps": steps,
                "fees": fees,
                "fees_en": fees_en,
                "time_limit": limit,
                "time_limit_en": limit_en,
                "materials": materials,
            },
        }
    )


BDC_FEE = "住宅类不动产登记费每件80元，非住宅类每件550元（按国家规定标准收取，小微企业免收）"
BDC_FEE_EN = (
    "Residential: CNY 80 per case; non-residential: CNY 550 per case "
    "(waived for small and micro firms)"
)

# ---- 人社局 (F 社保就业服务区) ----------------------------------------------------------

matter(
    "rsj-jmyl-cb",
    "城乡居民基本养老保险参保登记",
    "Enrolment in the urban and rural residents' basic pension insurance",
    "rsj",
    "service",
    "immediate",
    0,
    10,
    [
        "《中华人民共和国社会保险法》第二十条、第二十二条",
        "《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）",
    ],
    [
        id_card(),
        hukou(),
        form("城乡居民基本养老保险参保登记表", "Residents' pension enrolment form"),
        mat(
            "社会保障卡或本人银行卡",
            "Social security card or own bank card",
            "copy",
            note="用于代扣保费和发放养老金",
        ),
    ],
    [
        "年满16周岁（不含在校学生）",
        "非国家机关和事业单位工作人员，且不属于职工基本养老保险覆盖范围",
        "具有本区户籍",
    ],
    ["窗口受理", "核验身份与户籍信息", "录入参保信息", "当场办结并告知缴费方式"],
    real_name=True,
    keywords=("居民养老", "新农保", "养老保险参保", "城乡居民养老"),
)
matter(
    "rsj-jycyz",
    "就业创业证申领（就业失业登记）",
    "Employment and Entrepreneurship Certificate (employment and unemployment registration)",
    "rsj",
    "service",
    "immediate",
    0,
    10,
    ["《中华人民共和国就业促进法》第三十五条", "《就业服务与就业管理规定》第六十一条"],
    [
        id_card(),
        hukou(),
        photo(2),
        mat(
            "解除或终止劳动合同证明",
            "Certificate of termination of the labour contract",
            "copy",
            note="办理失业登记时提供",
        ),
    ],
    ["处于法定劳动年龄内", "有劳动能力和就业要求"],
    ["窗口受理", "核验身份信息", "录入就业失业登记系统", "当场发放《就业创业证》"],
    real_name=True,
    keywords=("就业登记", "失业登记", "就业失业证", "就业创业证"),
)
matter(
    "rsj-gxzy",
    "社会保险关系转移接续",
    "Transfer and continuation of social insurance relationships",
    "rsj",
    "service",
    "promised",
    15,
    15,
    [
        "《中华人民共和国社会保险法》第十九条",
        "《城镇企业职工基本养老保险关系转移接续暂行办法》（国办发〔2009〕66号）第八条",
    ],
    [
        id_card(),
        mat(
            "《基本养老保险参保缴费凭证》",
            "Pension contribution certificate",
            note="由转出地社会保险经办机构开具",
        ),
        form("基本养老保险关系转移接续申请表", "Pension transfer application form", copies=2),
        mat("社会保障卡", "Social security card", "copy"),
    ],
    ["跨统筹地区流动就业，已在新就业地参保", "转出地已出具参保缴费凭证"],
    ["窗口受理转移申请", "向转出地发出联系函", "接收转移信息和基金", "办结并告知申请人"],
    real_name=True,
    keywords=("社保转移", "养老保险转移", "社保转入"),
)
matter(
    "rsj-tx",
    "企业职工正常退休审批",
    "Approval of normal retirement for enterprise employees",
    "rsj",
    "approval",
    "promised",
    10,
    20,
    [
        "《国务院关于工人退休、退职的暂行办法》（国发〔1978〕104号）第一条",
        "《国务院关于渐进式延迟法定退休年龄的办法》第二条",
        "《中华人民共和国社会保险法》第十六条",
    ],
    [
        id_card("本人", "The employee's"),
        mat("职工人事档案", "Personnel file", note="由存档单位密封报送"),
        form("企业职工退休审批表", "Retirement approval form", copies=3),
        photo(2, "二寸", "2-inch"),
        mat("社会保障卡", "Social security card", "copy"),
    ],
    ["达到法定退休年龄", "基本养老保险累计缴费满15年"],
    ["单位或个人提交申请", "审核档案和缴费记录", "审批并公示", "核定基本养老金", "发放退休证"],
    quota=40,
    real_name=True,
    keywords=("退休", "办退休", "养老金"),
)
matter(
    "rsj-jgyl-dy",
    "机关事业单位工作人员基本养老金待遇核定",
    "Pension assessment for staff of government agencies and public institutions",
    "rsj",
    "approval",
    "promised",
    15,
    20,
    [
        "《国务院关于机关事业单位工作人员养老保险制度改革的决定》（国发〔2015〕2号）第五条",
        "《中华人民共和国社会保险法》第十条",
    ],
    [
        form(
            "机关事业单位工作人员基本养老金计发审核表",
            "Pension calculation review form",
            copies=2,
            note="加盖单位公章",
        ),
        mat("退休（职）审批文件", "Retirement approval document", "copy"),
        id_card("本人", "The retiree's"),
        mat("社会保障卡", "Social security card", "copy"),
    ],
    ["已办理退休（职）手续", "已参加机关事业单位基本养老保险"],
    ["单位申报", "窗口受理", "核定待遇", "复核", "通知单位并按月发放"],
    real_name=True,
    keywords=("机关养老", "事业单位养老金"),
)
matter(
    "rsj-syj",
    "失业保险金申领",
    "Claim for unemployment insurance benefits",
    "rsj",
    "approval",
    "promised",
    5,
    15,
    ["《中华人民共和国社会保险法》第四十五条", "《失业保险条例》第十四条"],
    [
        id_card(),
        mat("解除或终止劳动关系证明", "Certificate of termination of employment"),
        mat("《就业创业证》", "Employment and Entrepreneurship Certificate"),
        mat("社会保障卡或本人银行卡", "Social security card or own bank card", "copy"),
    ],
    [
        "失业前用人单位和本人已缴纳失业保险费满一年",
        "非因本人意愿中断就业",
        "已办理失业登记并有求职要求",
    ],
    ["窗口受理", "审核参保缴费和失业登记信息", "核定领取期限和标准", "按月发放失业保险金"],
    real_name=True,
    keywords=("失业金", "失业保险"),
)
matter(
    "rsj-lwpq",
    "劳务派遣经营许可",
    "Labour dispatch business licence",
    "rsj",
    "approval",
    "promised",
    15,
    30,
    ["《中华人民共和国劳动合同法》第五十七条", "《劳务派遣行政许可实施办法》第六条、第八条"],
    [
        form("劳务派遣经营许可申请书", "Application for a labour dispatch licence"),
        licence(),
        mat("公司章程", "Articles of association", "copy"),
        mat(
            "注册资本实缴证明",
            "Proof of paid-in registered capital",
            "copy",
            note="不少于人民币二百万元",
        ),
        premises(),
        legal_rep_id(),
        mat(
            "劳务派遣管理制度",
            "Labour dispatch management rules",
            note="含劳动合同、劳动报酬、社会保险、工作时间、休息休假、劳动纪律等内容",
        ),
    ],
    [
        "注册资本不少于人民币二百万元",
        "有与开展业务相适应的固定经营场所和设施",
        "有符合法律、行政法规规定的劳务派遣管理制度",
    ],
    STEPS_LICENCE,
    legal_days=20,
    keywords=("劳务派遣",),
)
matter(
    "rsj-tsgs",
    "企业实行不定时工作制和综合计算工时工作制审批",
    "Approval of flexible and comprehensive working-hour systems",
    "rsj",
    "approval",
    "promised",
    10,
    20,
    [
        "《中华人民共和国劳动法》第三十九条",
        "《关于企业实行不定时工作制和综合计算工时工作制的审批办法》（劳部发〔1994〕503号）第七条",
    ],
    [
        form("特殊工时制度申请表", "Special working-hour application form", copies=2),
        licence(),
        mat("实行特殊工时制度的岗位及人员名单", "List of posts and employees concerned"),
        mat("职工代表大会或工会意见", "Opinion of the workers' congress or trade union"),
    ],
    ["因生产特点不能实行标准工时制度", "已听取工会和职工意见，保障职工休息休假权利"],
    STEPS_APPROVAL,
    keywords=("特殊工时", "综合工时", "不定时工作制"),
)

# ---- 民政局 (B 民生服务区) --------------------------------------------------------------

matter(
    "mzj-db",
    "最低生活保障申请",
    "Application for the minimum living allowance (dibao)",
    "mzj",
    "service",
    "promised",
    20,
    20,
    ["《社会救助暂行办法》第九条、第十一条", "《最低生活保障审核确认办法》第七条"],
    [
        form("最低生活保障申请书", "Dibao application"),
        id_card("家庭成员", "Household members'", "共同生活的家庭成员每人1份"),
        hukou(),
        mat("家庭收入及财产状况申报表", "Declaration of household income and assets"),
        mat(
            "家庭经济状况核对授权书",
            "Authorisation to verify household finances",
            note="共同生活的家庭成员均须签字",
        ),
        mat(
            "残疾证、病历等证明",
            "Disability certificate or medical records",
            "copy",
            note="家庭成员有残疾或患重病的提供",
        ),
    ],
    ["持有本区户籍", "共同生活的家庭成员人均收入低于本区最低生活保障标准", "家庭财产状况符合规定"],
    [
        "窗口受理",
        "入户调查和家庭经济状况核对",
        "民主评议并公示",
        "民政局审核确认",
        "按月发放低保金",
    ],
    legal_days=30,
    real_name=True,
    keywords=("低保", "困难补助", "最低生活保障"),
)
matter(
    "mzj-lsjz",
    "临时救助申请",
    "Application for temporary assistance",
    "mzj",
    "service",
    "promised",
    10,
    15,
    ["《社会救助暂行办法》第四十七条、第四十八条"],
    [
        form("临时救助申请书", "Temporary assistance application"),
        id_card(),
        hukou(),
        mat(
            "遭遇困难的相关证明",
            "Evidence of the hardship",
            "copy",
            note="医疗费用票据、事故证明等",
        ),
    ],
    ["因火灾、交通事故等意外事件或家庭成员突发重大疾病，基本生活暂时出现严重困难"],
    ["窗口受理", "审核（情况紧急的先行救助）", "公示", "审批", "发放救助金"],
    real_name=True,
    keywords=("临时救助", "救急难"),
)
matter(
    "mzj-sttd",
    "社会团体成立登记",
    "Registration of a social organisation",
    "mzj",
    "approval",
    "promised",
    20,
    30,
    ["《社会团体登记管理条例》第十条、第十一条"],
    [
        form("社会团体成立登记申请书", "Registration application"),
        mat("业务主管单位批准文件", "Approval of the supervising authority"),
        mat(
            "验资报告和住所使用权证明", "Capital verification report and proof of premises", "copy"
        ),
        mat(
            "发起人和拟任负责人基本情况及身份证明",
            "Profiles and IDs of founders and officers",
            "copy",
        ),
        mat("章程草案", "Draft articles of association"),
    ],
    [
        "有50个以上的个人会员或者30个以上的单位会员",
        "有规范的名称和相应的组织机构",
        "有固定的住所",
        "有合法的资产和经费来源，活动资金不少于3万元",
    ],
    ["窗口受理", "材料审查", "作出准予登记决定", "颁发登记证书"],
    legal_days=60,
    keywords=("协会", "社团登记", "商会"),
)
matter(
    "mzj-mfdj",
    "民办非企业单位成立登记",
    "Registration of a private non-enterprise unit",
    "mzj",
    "approval",
    "promised",
    20,
    30,
    ["《民办非企业单位登记管理暂行条例》第八条、第九条"],
    [
        form("民办非企业单位成立登记申请书", "Registration application"),
        mat("业务主管单位批准文件", "Approval of the supervising authority"),
        mat("场所使用权证明", "Proof of right to use the premises", "copy"),
        mat("验资报告", "Capital verification report"),
        mat(
            "拟任负责人基本情况及身份证明",
            "Profile and ID of the proposed person in charge",
            "copy",
        ),
        mat("章程草案", "Draft articles of association"),
    ],
    [
        "经业务主管单位审查同意",
        "有规范的名称和必要的组织机构",
        "有与其业务活动相适应的从业人员、合法财产和必要的场所",
    ],
    ["窗口受理", "材料审查", "作出准予登记决定", "颁发登记证书"],
    legal_days=60,
    keywords=("民非", "社会服务机构", "民办非企业"),
)

# ---- 卫计局 (B) ------------------------------------------------------------------------

matter(
    "wjj-ggcs",
    "公共场所卫生许可证核发",
    "Hygiene licence for public places",
    "wjj",
    "approval",
    "promised",
    10,
    20,
    ["《公共场所卫生管理条例》第八条", "《公共场所卫生管理条例实施细则》第二十二条"],
    [
        form("公共场所卫生许可申请表", "Hygiene licence application"),
        licence(),
        legal_rep_id(),
        mat(
            "场所地址方位示意图、平面图和卫生设施平面布局图",
            "Location map, floor plan and layout of hygiene facilities",
        ),
        mat("公共场所卫生检测或者评价报告", "Hygiene test or assessment report"),
        mat("卫生管理制度", "Hygiene management rules"),
        mat("从业人员健康合格证明", "Health certificates of staff", "copy"),
    ],
    ["场所设施设备和卫生条件符合卫生标准和规范", "从业人员取得有效健康合格证明"],
    STEPS_LICENCE,
    legal_days=20,
    keywords=("卫生许可证", "美容美发", "宾馆", "浴室"),
)
matter(
    "wjj-yljg-sz",
    "医疗机构设置审批",
    "Approval for setting up a medical institution",
    "wjj",
    "approval",
    "promised",
    20,
    25,
    ["《医疗机构管理条例》第九条", "《医疗机构管理条例实施细则》第十三条"],
    [
        form("设置医疗机构申请书", "Application to set up a medical institution"),
        mat("设置可行性研究报告", "Feasibility study report"),
        mat("选址报告和建筑设计平面图", "Site report and architectural floor plans"),
        id_card("设置人", "The founder's"),
    ],
    ["符合本区医疗机构设置规划", "设置人具备相应资格条件"],
    ["窗口受理", "材料审查", "现场踏勘", "作出审批决定", "发放设置医疗机构批准书"],
    legal_days=30,
    keywords=("诊所设置", "医疗机构", "门诊部"),
)
matter(
    "wjj-yljg-zy",
    "医疗机构执业登记",
    "Practice registration of a medical institution",
    "wjj",
    "approval",
    "promised",
    20,
    25,
    ["《医疗机构管理条例》第十五条", "《医疗机构管理条例实施细则》第二十五条"],
    [
        form("医疗机构申请执业登记注册书", "Practice registration application"),
        mat("设置医疗机构批准书", "Approval to set up the institution", "copy"),
        mat(
            "医疗机构用房产权证明或者使用证明", "Proof of ownership or use of the premises", "copy"
        ),
        mat("医疗机构建筑设计平面图", "Architectural floor plan"),
        mat("医疗机构规章制度", "Rules of the institution"),
        mat(
            "主要负责人及各科室负责人名录和资格证书、执业证书",
            "List of the head and department heads with qualification and practice certificates",
            "copy",
        ),
    ],
    ["已取得设置医疗机构批准书", "房屋、设备、人员和规章制度符合医疗机构基本标准"],
    STEPS_LICENCE,
    legal_days=45,
    keywords=("诊所", "医疗机构执业许可证", "门诊部"),
)
matter(
    "wjj-yszc",
    "医师执业注册",
    "Registration of a physician's practice",
    "wjj",
    "approval",
    "promised",
    10,
    15,
    ["《中华人民共和国医师法》第十三条、第十四条", "《医师执业注册管理办法》第九条"],
    [
        form("医师执业注册申请审核表", "Physician registration form"),
        photo(1, "二寸", "2-inch"),
        mat("医师资格证书", "Physician qualification certificate", "original_and_copy"),
        id_card(),
        mat("拟执业医疗机构聘用证明", "Letter of employment from the medical institution"),
        mat("六个月内的健康体检证明", "Health check report issued within six months"),
    ],
    ["已取得医师资格证书", "无不予注册的情形"],
    ["窗口受理", "资格审查", "作出注册决定", "颁发医师执业证书"],
    legal_days=20,
    real_name=True,
    keywords=("医师执业证", "医生注册"),
)

# ---- 教育局 (B) ------------------------------------------------------------------------

matter(
    "jyj-mbxx-sl",
    "民办学校设立审批",
    "Approval for establishing a private school",
    "jyj",
    "approval",
    "promised",
    20,
    30,
    [
        "《中华人民共和国民办教育促进法》第十二条、第十五条",
        "《中华人民共和国民办教育促进法实施条例》第十六条",
    ],
    [
        mat("申办报告", "Application report"),
        mat("举办者资格证明文件", "Qualification documents of the sponsor", "copy"),
        mat(
            "拟聘校长、教师和财会人员资格证明",
            "Qualifications of the proposed principal, teachers and accountants",
            "copy",
        ),
        mat("学校章程和首届决策机构组成人员名单", "School charter and first board members"),
        mat("学校资产的有效证明文件", "Proof of school assets"),
        mat("校舍和场地使用证明", "Proof of right to use school buildings and grounds", "copy"),
    ],
    [
        "举办者为具有法人资格的社会组织或具有政治权利和完全民事行为能力的个人",
        "校舍、场地、师资和办学经费符合国家规定的设置标准",
    ],
    ["窗口受理", "材料审查", "实地考察和专家评议", "作出审批决定", "颁发办学许可证"],
    keywords=("民办幼儿园", "培训学校", "办学许可证", "民办学校"),
)
matter(
    "jyj-mbxx-bg",
    "民办学校分立、合并及变更审批",
    "Approval for division, merger or alteration of a private school",
    "jyj",
    "approval",
    "promised",
    20,
    20,
    ["《中华人民共和国民办教育促进法》第五十三条、第五十四条、第五十五条"],
    [
        form("民办学校变更申请表", "Alteration application"),
        mat("学校决策机构决议", "Resolution of the school board"),
        mat("财务清算报告", "Financial settlement report", note="分立、合并或变更举办者时提供"),
        mat("办学许可证正副本", "School licence, original and duplicate"),
    ],
    ["变更事项经学校决策机构同意", "已进行财务清算（分立、合并时）"],
    STEPS_APPROVAL,
    keywords=("办学许可证变更", "民办学校"),
)
matter(
    "jyj-jszg",
    "教师资格认定",
    "Teacher qualification certification",
    "jyj",
    "approval",
    "promised",
    20,
    15,
    ["《中华人民共和国教师法》第十三条", "《教师资格条例》第十三条"],
    [
        id_card(),
        mat("学历证书", "Diploma", "original_and_copy"),
        mat("中小学教师资格考试合格证明", "Teacher qualification exam certificate", "copy"),
        mat("体检合格证明", "Medical examination certificate", note="由指定医院出具"),
        photo(2),
    ],
    [
        "遵守宪法和法律，热爱教育事业，具有良好的思想品德",
        "具备规定学历或经国家教师资格考试合格",
        "有教育教学能力",
    ],
    ["网上申报", "窗口现场确认", "资格审查", "作出认定决定", "颁发教师资格证书"],
    legal_days=30,
    quota=80,
    real_name=True,
    keywords=("教师资格证", "教资认定"),
)
matter(
    "jyj-xc",
    "校车使用许可",
    "School bus use permit",
    "jyj",
    "approval",
    "promised",
    20,
    20,
    ["《校车安全管理条例》第十四条、第十五条"],
    [
        form("校车使用许可申请表", "School bus permit application"),
        mat("机动车行驶证", "Vehicle registration certificate", "copy"),
        mat("校车驾驶人驾驶资格证明", "School bus driver qualification", "copy"),
        mat("校车运行方案", "Operating plan", note="包括行驶线路、开行时间和停靠站点"),
        mat("校车安全管理制度", "Safety management rules"),
        mat(
            "机动车交通事故责任强制保险和承运人责任保险保单",
            "Compulsory motor insurance and carrier liability policies",
            "copy",
        ),
    ],
    [
        "车辆为符合国家标准的校车",
        "有取得校车驾驶资格的驾驶人",
        "有包括行驶线路、开行时间和停靠站点的运行方案",
    ],
    ["教育局受理", "会同公安、交通部门审查", "报区人民政府批准", "发放校车标牌"],
    keywords=("校车",),
)

# ---- 畜牧局、农委、农机中心 (B) ----------------------------------------------------------

matter(
    "xmj-dwfy",
    "动物防疫条件合格证核发",
    "Animal epidemic prevention conditions certificate",
    "xmj",
    "approval",
    "promised",
    15,
    20,
    ["《中华人民共和国动物防疫法》第二十四条、第二十五条", "《动物防疫条件审查办法》第二十八条"],
    [
        form("动物防疫条件审查申请表", "Application for review of prevention conditions"),
        mat(
            "场所地理位置图和各功能区布局平面图", "Location map and floor plan of functional areas"
        ),
        mat("设施设备清单", "List of facilities and equipment"),
        mat("动物防疫管理制度", "Epidemic prevention rules"),
        mat("兽医人员情况说明", "Information on veterinary staff"),
    ],
    [
        "场所与居民生活区、生活饮用水水源地、学校、医院等的距离符合规定",
        "有相应的污水、污物、病死动物无害化处理设施设备",
    ],
    STEPS_LICENCE,
    legal_days=20,
    keywords=("养殖场", "防疫合格证", "屠宰场"),
)
matter(
    "xmj-syjy",
    "兽药经营许可证核发",
    "Veterinary drug trading licence",
    "xmj",
    "approval",
    "promised",
    20,
    20,
    ["《兽药管理条例》第二十二条、第二十三条", "《兽药经营质量管理规范》第三条"],
    [
        form("兽药经营许可证申请表", "Application form"),
        licence(),
        mat("兽药专业技术人员资格证明", "Qualifications of veterinary drug staff", "copy"),
        mat("经营场所和仓库使用证明", "Proof of use of the shop and warehouse", "copy"),
        mat("兽药经营质量管理制度", "Quality management rules"),
    ],
    [
        "有与经营兽药相适应的兽药技术人员",
        "有与经营兽药相适应的营业场所、设备和仓库设施",
        "有兽药质量管理机构或人员",
    ],
    STEPS_LICENCE,
    legal_days=30,
    keywords=("兽药店", "兽药"),
)
matter(
    "xmj-zxq",
    "种畜禽生产经营许可证核发",
    "Breeding livestock and poultry licence",
    "xmj",
    "approval",
    "promised",
    20,
    20,
    ["《中华人民共和国畜牧法》第二十四条", "《种畜禽生产经营许可证管理办法》第五条"],
    [
        form("种畜禽生产经营许可证申请表", "Application form"),
        mat("种畜禽来源证明", "Proof of origin of breeding stock", "copy"),
        mat("畜牧兽医技术人员资格证明", "Qualifications of technical staff", "copy"),
        mat("动物防疫条件合格证", "Animal epidemic prevention certificate", "copy"),
        mat("种畜禽质量管理和育种记录制度", "Quality management and breeding records rules"),
    ],
    [
        "生产经营的种畜禽是通过审定或者鉴定的品种、配套系",
        "有与生产经营规模相适应的技术人员和设施设备",
        "具备法律、行政法规规定的防疫条件",
    ],
    STEPS_LICENCE,
    keywords=("种畜禽", "种猪", "种鸡"),
)
matter(
    "nw-nyjy",
    "农药经营许可证核发",
    "Pesticide trading licence",
    "nw",
    "approval",
    "promised",
    20,
    20,
    ["《农药管理条例》第二十四条、第二十五条", "《农药经营许可管理办法》第五条"],
    [
        form("农药经营许可证申请表", "Application form"),
        legal_rep_id(),
        mat("经营人员学历或培训证明", "Education or training certificates of sales staff", "copy"),
        mat("营业场所和仓储场所说明及照片", "Description and photos of shop and storage"),
        mat("农药经营质量管理制度", "Quality management rules"),
    ],
    [
        "有具备农学、植保、农药等相关专业中专以上学历或者56学时以上专业培训经历的经营人员",
        "有与其他商品以及饮用水水源、生活区域等有效隔离的营业场所和仓储场所",
    ],
    STEPS_LICENCE,
    keywords=("农药店", "农资"),
)
matter(
    "nw-zz",
    "农作物种子生产经营许可证核发",
    "Crop seed production and trading licence",
    "nw",
    "approval",
    "promised",
    20,
    20,
    [
        "《中华人民共和国种子法》第三十一条、第三十二条",
        "《农作物种子生产经营许可管理办法》第十三条",
    ],
    [
        form("农作物种子生产经营许可证申请表", "Application form"),
        licence(),
        mat(
            "种子检验人员、贮藏保管人员资格证明",
            "Qualifications of seed inspectors and storekeepers",
            "copy",
        ),
        mat("检验室、仓库产权或租赁证明", "Proof of laboratory and warehouse", "copy"),
        mat("种子质量管理制度", "Seed quality management rules"),
    ],
    ["有与种子生产经营相适应的生产经营设施、设备及专业技术人员", "具有检验种子质量的条件"],
    STEPS_LICENCE,
    keywords=("种子经营", "种子"),
)
matter(
    "njzx-zcdj",
    "拖拉机和联合收割机注册登记",
    "Registration of tractors and combine harvesters",
    "njzx",
    "approval",
    "promised",
    2,
    20,
    [
        "《中华人民共和国道路交通安全法》第一百二十一条",
        "《农业机械安全监督管理条例》第二十一条",
        "《拖拉机和联合收割机登记规定》第五条",
    ],
    [
        form("拖拉机和联合收割机登记业务申请表", "Registration application"),
        id_card("机主", "The owner's"),
        mat("购机发票等来历证明", "Purchase invoice or other proof of origin"),
        mat("整机出厂合格证明", "Factory certificate of conformity"),
        mat("安全技术检验合格证明", "Safety inspection certificate"),
    ],
    ["机具已经安全技术检验合格", "来历证明和出厂合格证明齐全"],
    ["窗口受理", "查验机具", "审核登记", "核发号牌和行驶证"],
    real_name=True,
    keywords=("农机上牌", "拖拉机", "收割机"),
    fees="号牌、行驶证工本费按省级价格主管部门核定的标准收取",
    fees_en="Plate and registration certificate fees at the rates approved by the provincial "
    "price authority",
)
matter(
    "njzx-jsz",
    "拖拉机和联合收割机驾驶证核发",
    "Tractor and combine harvester driving licence",
    "njzx",
    "approval",
    "promised",
    3,
    15,
    ["《农业机械安全监督管理条例》第二十二条", "《拖拉机和联合收割机驾驶证管理规定》第八条"],
    [
        form("拖拉机和联合收割机驾驶证申请表", "Driving licence application"),
        id_card(),
        mat("身体条件证明", "Medical fitness certificate", note="由县级或部队团级以上医疗机构出具"),
        photo(3),
    ],
    ["年满18周岁，不超过70周岁", "身体条件符合规定", "考试合格"],
    ["报名受理", "科目考试", "考试合格后审核", "核发驾驶证"],
    real_name=True,
    keywords=("农机驾驶证", "拖拉机驾驶证"),
)

# ---- 发改局 (C 固定资产投资并联审批区) --------------------------------------------------

matter(
    "fgj-hz",
    "企业投资项目核准",
    "Approval (hezhun) of enterprise investment projects",
    "fgj",
    "approval",
    "promised",
    15,
    30,
    ["《企业投资项目核准和备案管理条例》第三条、第六条、第九条"],
    [
        mat("项目申请报告", "Project application report"),
        mat("城乡规划选址意见书", "Site selection opinion", "copy"),
        mat("用地预审意见", "Land use pre-examination opinion", "copy"),
        licence(),
    ],
    ["属于《政府核准的投资项目目录》范围的企业投资项目", "不属于政府投资项目"],
    ["窗口受理", "委托评估（需要时）", "征求相关部门意见", "作出核准决定", "出具核准文件"],
    legal_days=20,
    keywords=("项目核准", "投资项目"),
)
matter(
    "fgj-ba",
    "企业投资项目备案",
    "Filing of enterprise investment projects",
    "fgj",
    "approval",
    "immediate",
    0,
    15,
    ["《企业投资项目核准和备案管理条例》第十三条、第十四条"],
    [
        mat(
            "企业投资项目备案信息表",
            "Project filing information form",
            note="项目名称、建设地点、建设规模和内容、总投资额等，可在线填报",
        ),
        licence(),
        proxy(),
    ],
    ["属于备案管理范围的企业投资项目"],
    ["在线平台填报", "窗口核对备案信息", "当场出具备案证明"],
    keywords=("项目备案", "投资备案"),
)
matter(
    "fgj-kybg",
    "政府投资项目可行性研究报告审批",
    "Approval of feasibility study reports for government-funded projects",
    "fgj",
    "approval",
    "promised",
    20,
    30,
    ["《政府投资条例》第九条、第十一条"],
    [
        mat("项目单位请示文件", "Request from the project entity"),
        mat("可行性研究报告", "Feasibility study report", copies=2),
        mat("项目建议书批复文件", "Approval of the project proposal", "copy"),
        mat(
            "规划选址和用地预审意见", "Site selection and land use pre-examination opinions", "copy"
        ),
        mat("节能审查意见", "Energy-saving review opinion", "copy"),
        mat("社会稳定风险评估报告", "Social stability risk assessment"),
    ],
    ["项目建议书已批复", "可行性研究报告由具备能力的工程咨询单位编制"],
    ["窗口受理", "委托工程咨询评估", "征求相关部门意见", "作出审批决定", "出具批复文件"],
    keywords=("可研批复", "政府投资"),
)
matter(
    "fgj-zbfa",
    "依法必须招标项目招标方案核准",
    "Approval of tendering scope, method and organisation for projects that must be tendered",
    "fgj",
    "approval",
    "promised",
    5,
    20,
    [
        "《中华人民共和国招标投标法实施条例》第七条",
        "《工程建设项目申报材料增加招标内容和核准招标事项暂行规定》第三条",
    ],
    [
        mat("招标事项核准申请", "Application for approval of tendering matters"),
        mat("项目审批、核准或备案文件", "Project approval or filing document", "copy"),
        mat("招标基本情况表", "Basic tendering information form"),
    ],
    ["属于依法必须进行招标的工程建设项目"],
    STEPS_APPROVAL,
    keywords=("招标方案", "招标核准"),
)

# ---- 环保局 (C) ------------------------------------------------------------------------

matter(
    "hbj-hpb",
    "建设项目环境影响报告表审批",
    "Approval of environmental impact report forms for construction projects",
    "hbj",
    "approval",
    "promised",
    15,
    25,
    ["《中华人民共和国环境影响评价法》第二十二条", "《建设项目环境保护管理条例》第九条"],
    [
        mat("建设项目环境影响报告表审批申请", "Application for approval"),
        mat("环境影响报告表", "Environmental impact report form", copies=2),
        mat(
            "删除涉密内容的公开版本说明",
            "Statement on the public version with confidential content removed",
        ),
        licence(),
        mat("项目立项（核准、备案）文件", "Project approval or filing document", "copy"),
    ],
    ["项目类型和选址符合国家产业政策和相关规划", "环境影响报告表由具备能力的单位编制"],
    ["窗口受理", "技术评估", "公示", "作出审批决定", "送达批复文件"],
    legal_days=30,
    keywords=("环评", "环评审批"),
)
matter(
    "hbj-djb",
    "建设项目环境影响登记表备案",
    "Filing of environmental impact registration forms",
    "hbj",
    "approval",
    "immediate",
    0,
    10,
    ["《中华人民共和国环境影响评价法》第二十二条", "《建设项目环境影响登记表备案管理办法》第三条"],
    [
        mat(
            "建设项目环境影响登记表",
            "Environmental impact registration form",
            note="网上填报后打印",
        ),
        licence(),
    ],
    ["项目属于《建设项目环境影响评价分类管理名录》中应填报登记表的类别"],
    STEPS_FILING,
    keywords=("环评登记", "环评备案"),
)
matter(
    "hbj-yjsg",
    "建筑施工夜间作业审批",
    "Approval for night-time construction work",
    "hbj",
    "approval",
    "promised",
    3,
    15,
    ["《中华人民共和国噪声污染防治法》第四十三条"],
    [
        form("夜间施工申请表", "Night-time work application"),
        mat("建筑工程施工许可证", "Construction permit", "copy"),
        mat("必须连续施工作业的说明", "Statement why continuous work is necessary"),
        mat("噪声防治措施及周边居民公告材料", "Noise control measures and notice to residents"),
    ],
    ["因抢修、抢险或者生产工艺要求等特殊需要必须连续施工作业", "已采取有效的噪声防治措施"],
    STEPS_APPROVAL,
    keywords=("夜间施工",),
)

# ---- 国土局 (C，含不动产登记) ------------------------------------------------------------

matter(
    "gtj-ydys",
    "建设项目用地预审",
    "Pre-examination of land use for construction projects",
    "gtj",
    "approval",
    "promised",
    20,
    25,
    ["《中华人民共和国土地管理法》第五十二条", "《建设项目用地预审管理办法》第五条、第十条"],
    [
        form("建设项目用地预审申请表", "Pre-examination application"),
        mat("用地预审申请报告", "Pre-examination report"),
        mat(
            "项目建设依据文件",
            "Project basis document",
            "copy",
            note="项目建议书批复、核准或备案文件",
        ),
        mat(
            "标注项目用地范围的土地利用总体规划图和现状图",
            "Land use master plan and status map marking the project area",
        ),
        licence(),
    ],
    ["符合土地利用总体规划", "符合国家供地政策和土地使用标准"],
    STEPS_APPROVAL,
    keywords=("用地预审", "土地预审"),
)
matter(
    "gtj-lsyd",
    "临时用地审批",
    "Approval of temporary land use",
    "gtj",
    "approval",
    "promised",
    20,
    20,
    ["《中华人民共和国土地管理法》第五十七条", "《中华人民共和国土地管理法实施条例》第二十条"],
    [
        form("临时用地申请书", "Temporary land use application"),
        mat("临时使用土地合同", "Temporary land use contract"),
        mat("土地复垦方案报告表", "Land reclamation plan"),
        mat("勘测定界图", "Survey boundary map"),
        licence(),
    ],
    ["临时使用土地期限一般不超过二年", "不得在临时用地上修建永久性建筑物"],
    ["窗口受理", "现场踏勘", "审查", "作出审批决定", "送达批复文件"],
    keywords=("临时用地",),
)
matter(
    "gtj-bdc-zy",
    "不动产转移登记（二手房过户）",
    "Real estate transfer registration (resale housing)",
    "gtj",
    "approval",
    "promised",
    5,
    20,
    [
        "《中华人民共和国民法典》第二百零九条",
        "《不动产登记暂行条例》第十四条、第二十条",
        "《不动产登记暂行条例实施细则》第三十八条",
    ],
    [
        form("不动产登记申请书", "Real estate registration application"),
        id_card("买卖双方", "Buyer's and seller's", "买卖双方每人1份；单位提交营业执照"),
        mat("不动产权属证书", "Real estate title certificate"),
        mat("不动产买卖合同", "Sale contract"),
        mat("完税凭证", "Tax payment certificate", "copy"),
        mat(
            "婚姻状况证明", "Proof of marital status", "copy", note="出售方房屋为夫妻共有财产时提供"
        ),
    ],
    ["不动产权属清楚、无查封", "买卖双方共同申请", "已依法缴纳相关税费"],
    ["窗口受理", "审核", "登簿", "缴费", "颁发不动产权证书"],
    quota=60,
    real_name=True,
    keywords=("房产过户", "二手房", "房产证", "不动产权证"),
    fees=BDC_FEE,
    fees_en=BDC_FEE_EN,
)
matter(
    "gtj-bdc-dy",
    "不动产抵押登记",
    "Real estate mortgage registration",
    "gtj",
    "approval",
    "promised",
    3,
    20,
    ["《中华人民共和国民法典》第四百零二条", "《不动产登记暂行条例实施细则》第六十六条"],
    [
        form("不动产登记申请书", "Real estate registration application"),
        id_card(
            "抵押人和抵押权人",
            "Mortgagor's and mortgagee's",
            "每人1份；单位提交营业执照和法定代表人身份证明",
        ),
        mat("不动产权属证书", "Real estate title certificate"),
        mat("主债权合同和抵押合同", "Loan contract and mortgage contract"),
    ],
    ["抵押人对不动产享有合法权利", "抵押双方共同申请"],
    ["窗口受理", "审核", "登簿", "缴费", "颁发不动产登记证明"],
    quota=40,
    real_name=True,
    keywords=("房产抵押", "抵押贷款"),
    fees=BDC_FEE,
    fees_en=BDC_FEE_EN,
)

# ---- 住建局 (C) ------------------------------------------------------------------------

matter(
    "zjj-sgxk",
    "建筑工程施工许可证核发",
    "Construction permit for building works",
    "zjj",
    "approval",
    "promised",
    5,
    25,
    ["《中华人民共和国建筑法》第七条、第八条", "《建筑工程施工许可管理办法》第四条、第五条"],
    [
        form("建筑工程施工许可证申请表", "Construction permit application"),
        mat("建设工程用地批准手续", "Land use approval", "copy"),
        mat("建设工程规划许可证", "Construction planning permit", "copy"),
        mat("中标通知书和施工合同", "Notice of award and construction contract", "copy"),
        mat("施工图设计文件审查合格书", "Certificate of construction drawing review"),
        mat("建设资金已经落实承诺书", "Undertaking that funding is in place"),
    ],
    [
        "已办理用地批准手续和建设工程规划许可证",
        "已确定施工企业",
        "有满足施工需要的施工图纸和技术资料",
    ],
    STEPS_LICENCE,
    legal_days=7,
    keywords=("施工许可证", "施工许可"),
)
matter(
    "zjj-ys",
    "商品房预售许可",
    "Pre-sale permit for commercial housing",
    "zjj",
    "approval",
    "promised",
    10,
    25,
    ["《中华人民共和国城市房地产管理法》第四十五条", "《城市商品房预售管理办法》第五条、第七条"],
    [
        form("商品房预售许可申请表", "Pre-sale permit application"),
        licence(),
        mat("房地产开发企业资质证书", "Developer qualification certificate", "copy"),
        mat(
            "土地使用权证、建设工程规划许可证和施工许可证",
            "Land use right, planning permit and construction permit",
            "copy",
        ),
        mat(
            "投入开发建设的资金达到工程建设总投资25%以上的证明",
            "Proof that at least 25% of total investment has been spent",
        ),
        mat("商品房预售方案", "Pre-sale plan"),
    ],
    [
        "已交付全部土地使用权出让金，取得土地使用权证书",
        "持有建设工程规划许可证和施工许可证",
        "投入开发建设的资金达到工程建设总投资的25%以上，并已确定施工进度和竣工交付日期",
    ],
    STEPS_LICENCE,
    legal_days=10,
    keywords=("预售证", "商品房预售"),
)
matter(
    "zjj-jgba",
    "房屋建筑和市政基础设施工程竣工验收备案",
    "Completion acceptance filing for buildings and municipal works",
    "zjj",
    "approval",
    "promised",
    5,
    20,
    [
        "《建设工程质量管理条例》第四十九条",
        "《房屋建筑和市政基础设施工程竣工验收备案管理办法》第四条、第五条",
    ],
    [
        form("工程竣工验收备案表", "Completion filing form", copies=2),
        mat("工程竣工验收报告", "Completion acceptance report"),
        mat(
            "规划、消防等部门出具的认可或准许使用文件",
            "Approvals for use from planning and fire authorities",
            "copy",
        ),
        mat("施工单位签署的工程质量保修书", "Quality warranty signed by the contractor"),
        mat(
            "住宅质量保证书和住宅使用说明书",
            "Housing quality guarantee and user manual",
            note="商品住宅工程提供",
        ),
    ],
    ["工程已竣工验收合格", "自竣工验收合格之日起15日内申请备案"],
    ["窗口受理", "核查备案材料", "备案", "出具竣工验收备案证明"],
    keywords=("竣工备案", "竣工验收"),
)

# ---- 水利局 (C) ------------------------------------------------------------------------

matter(
    "slj-qs",
    "取水许可",
    "Water abstraction permit",
    "slj",
    "approval",
    "promised",
    20,
    25,
    ["《中华人民共和国水法》第四十八条", "《取水许可和水资源费征收管理条例》第十一条"],
    [
        form("取水许可申请书", "Water abstraction application"),
        mat("建设项目水资源论证报告书（表）", "Water resources assessment report"),
        mat("与第三者利害关系的相关说明", "Statement on effects on third parties"),
        licence(),
    ],
    ["取水符合水资源规划和用水总量控制指标", "取水、退水方案合理"],
    ["窗口受理", "组织专家评审", "审查", "作出许可决定", "颁发取水许可证"],
    legal_days=45,
    keywords=("取水证", "打井"),
)
matter(
    "slj-stbc",
    "生产建设项目水土保持方案审批",
    "Approval of soil and water conservation plans for construction projects",
    "slj",
    "approval",
    "promised",
    15,
    20,
    [
        "《中华人民共和国水土保持法》第二十五条、第二十六条",
        "《开发建设项目水土保持方案编报审批管理规定》第八条",
    ],
    [
        form("水土保持方案审批申请", "Application for approval"),
        mat("水土保持方案报告书（表）", "Soil and water conservation plan", copies=2),
        mat("项目立项文件", "Project approval or filing document", "copy"),
    ],
    ["项目位于水土流失重点预防区、治理区或可能造成水土流失的区域"],
    ["窗口受理", "技术评审", "作出审批决定", "送达批复文件"],
    legal_days=20,
    keywords=("水保方案", "水土保持"),
)
matter(
    "slj-hd",
    "河道管理范围内建设项目工程建设方案审批",
    "Approval of construction plans for projects within river management areas",
    "slj",
    "approval",
    "promised",
    20,
    20,
    ["《中华人民共和国水法》第三十八条", "《中华人民共和国河道管理条例》第十一条"],
    [
        form("河道管理范围内建设项目申请书", "Application form"),
        mat("建设项目所依据的文件", "Project basis documents", "copy"),
        mat(
            "建设项目涉及河道与防洪部分的方案",
            "Plan for the parts affecting the river and flood control",
        ),
        mat("防洪评价报告", "Flood impact assessment"),
    ],
    ["符合防洪规划和河道整治规划", "不影响河势稳定和防洪安全"],
    STEPS_APPROVAL,
    keywords=("涉河项目", "河道"),
)

# ---- 林业局 (C) ------------------------------------------------------------------------

matter(
    "lyj-ld",
    "建设项目使用林地审核",
    "Review of forest land use for construction projects",
    "lyj",
    "approval",
    "promised",
    20,
    25,
    [
        "《中华人民共和国森林法》第三十七条",
        "《中华人民共和国森林法实施条例》第十六条",
        "《建设项目使用林地审核审批管理办法》第八条",
    ],
    [
        form("使用林地申请表", "Forest land use application"),
        mat("用地单位资质证明或个人身份证明", "Applicant's entity or personal ID", "copy"),
        mat("建设项目有关批准文件", "Project approval documents", "copy"),
        mat("被占用林地权属证明", "Title documents for the forest land", "copy"),
        mat("使用林地可行性报告或林地现状调查表", "Feasibility report or forest land survey"),
    ],
    ["符合林地保护利用规划", "确需占用林地且不占或少占林地"],
    ["窗口受理", "现场查验", "审核", "作出审核决定", "送达审核同意书"],
    keywords=("占用林地", "林地审批"),
)
matter(
    "lyj-cf",
    "林木采伐许可证核发",
    "Timber felling permit",
    "lyj",
    "approval",
    "promised",
    5,
    15,
    ["《中华人民共和国森林法》第五十六条、第五十七条", "《中华人民共和国森林法实施条例》第三十条"],
    [
        form("林木采伐申请书", "Felling application"),
        mat("林木权属证明", "Proof of ownership of the trees", "copy"),
        mat("伐区调查设计", "Felling site survey and design"),
        id_card(),
    ],
    ["采伐林木符合采伐限额", "权属清楚、无争议"],
    ["窗口受理", "现场核查", "审核", "核发采伐许可证"],
    keywords=("采伐证", "砍树"),
)
matter(
    "lyj-zz",
    "林草种子生产经营许可证核发",
    "Forest and grass seed production and trading licence",
    "lyj",
    "approval",
    "promised",
    20,
    20,
    ["《中华人民共和国种子法》第三十一条、第三十二条", "《林草种子生产经营许可证管理办法》第七条"],
    [
        form("林草种子生产经营许可证申请表", "Application form"),
        licence(),
        mat("种子检验和贮藏技术人员资格证明", "Qualifications of technical staff", "copy"),
        mat(
            "种子生产、检验、贮藏设施证明",
            "Proof of production, testing and storage facilities",
            "copy",
        ),
    ],
    ["有与种子生产经营相适应的设施、设备和技术人员"],
    STEPS_LICENCE,
    keywords=("苗木", "林木种子"),
)

# ---- 经信局 (C；报告期内暂无业务) --------------------------------------------------------

matter(
    "jxj-jgba",
    "企业技术改造投资项目备案",
    "Filing of enterprise technical upgrade projects",
    "jxj",
    "approval",
    "promised",
    3,
    15,
    [
        "《企业投资项目核准和备案管理条例》第十三条",
        "《国务院关于促进企业技术改造的指导意见》（国发〔2012〕44号）",
    ],
    [
        mat("技术改造项目备案申请表", "Filing application"),
        mat("项目情况说明", "Project description", note="建设内容、规模、总投资和资金来源"),
        licence(),
    ],
    ["属于工业企业技术改造投资项目", "不属于核准目录范围"],
    STEPS_FILING,
    keywords=("技改备案", "技术改造"),
)
matter(
    "jxj-dlss",
    "电力设施保护区内施工作业审批",
    "Approval of work within power facility protection zones",
    "jxj",
    "approval",
    "promised",
    10,
    20,
    ["《中华人民共和国电力法》第五十四条", "《电力设施保护条例》第十七条"],
    [
        form("施工作业申请书", "Application"),
        mat("施工作业方案和安全措施", "Work plan and safety measures"),
        mat("电力设施产权单位意见", "Opinion of the power facility owner"),
        mat("施工区域平面图", "Site plan"),
    ],
    ["已采取可靠的安全措施", "电力设施产权单位同意"],
    STEPS_APPROVAL,
    keywords=("电力保护区",),
)

# ---- 工商局 (D 证照类审批区) ------------------------------------------------------------

matter(
    "gsj-gt-sl",
    "个体工商户设立登记",
    "Registration of an individual business",
    "gsj",
    "approval",
    "immediate",
    0,
    20,
    ["《中华人民共和国市场主体登记管理条例》第三条、第十九条", "《促进个体工商户发展条例》第八条"],
    [
        form("个体工商户登记（备案）申请书", "Individual business registration application"),
        id_card("经营者", "The operator's"),
        premises(),
        proxy(),
    ],
    ["经营者为有经营能力的自然人", "经营场所合法、安全", "经营范围不属于法律、法规禁止的项目"],
    ["名称自主申报", "窗口受理", "形式审查", "当场登记", "颁发营业执照"],
    real_name=True,
    keywords=("营业执照", "个体执照", "个体户", "开店"),
)
matter(
    "gsj-gt-bg",
    "个体工商户变更登记",
    "Change registration of an individual business",
    "gsj",
    "approval",
    "immediate",
    0,
    15,
    ["《中华人民共和国市场主体登记管理条例》第二十四条"],
    [
        form("个体工商户变更登记申请书", "Change registration application"),
        id_card("经营者", "The operator's"),
        mat("营业执照正副本", "Business licence, original and duplicate"),
        mat(
            "变更事项相关证明",
            "Documents supporting the change",
            "copy",
            note="变更经营场所的，提交新场所使用证明",
        ),
    ],
    ["变更事项发生之日起30日内申请"],
    STEPS_IMMEDIATE,
    real_name=True,
    keywords=("营业执照变更", "个体户变更"),
)
matter(
    "gsj-gs-sl",
    "公司设立登记",
    "Company incorporation registration",
    "gsj",
    "approval",
    "promised",
    1,
    30,
    [
        "《中华人民共和国公司法》第二十九条",
        "《中华人民共和国市场主体登记管理条例》第十六条、第十九条",
    ],
    [
        form("公司登记（备案）申请书", "Company registration application"),
        mat("公司章程", "Articles of association"),
        mat("股东主体资格证明或自然人身份证件", "Shareholders' entity certificates or IDs", "copy"),
        mat(
            "法定代表人、董事、监事和高级管理人员任职文件",
            "Appointment documents of the legal "
            "representative, directors, supervisors and senior managers",
        ),
        mat("住所使用证明", "Proof of right to use the registered address", "copy"),
        mat(
            "指定代表或者共同委托代理人授权委托书", "Authorisation of the designated representative"
        ),
    ],
    ["公司名称经自主申报通过", "有符合公司章程规定的出资", "有公司住所"],
    [
        "名称自主申报",
        "网上或窗口提交材料",
        "审查",
        "核准登记",
        "颁发营业执照（可同步申领印章和发票）",
    ],
    keywords=("营业执照", "注册公司", "开公司", "公司注册"),
)
matter(
    "gsj-gs-bg",
    "公司变更登记",
    "Company change registration",
    "gsj",
    "approval",
    "promised",
    1,
    20,
    ["《中华人民共和国公司法》第三十四条", "《中华人民共和国市场主体登记管理条例》第二十四条"],
    [
        form("公司变更登记申请书", "Change registration application"),
        mat("股东会决议或股东决定", "Shareholders' resolution or decision"),
        mat("修改后的公司章程或章程修正案", "Amended articles of association"),
        mat("营业执照正副本", "Business licence, original and duplicate"),
    ],
    ["变更决议或决定作出之日起30日内申请"],
    ["窗口受理", "审查", "核准变更登记", "换发营业执照"],
    keywords=("营业执照变更", "公司变更", "法人变更", "增资"),
)
matter(
    "gsj-gs-zx",
    "公司注销登记",
    "Company deregistration",
    "gsj",
    "approval",
    "promised",
    3,
    20,
    ["《中华人民共和国公司法》第二百三十九条", "《中华人民共和国市场主体登记管理条例》第三十一条"],
    [
        form("公司注销登记申请书", "Deregistration application"),
        mat("清算报告", "Liquidation report", note="经股东会确认"),
        mat("股东会决议", "Shareholders' resolution"),
        mat("清税证明", "Tax clearance certificate", note="已通过部门信息共享的无需提交"),
        mat("营业执照正副本", "Business licence, original and duplicate"),
    ],
    ["已依法完成清算", "已结清应缴税款"],
    ["窗口受理", "审查", "核准注销登记", "收缴营业执照"],
    keywords=("注销公司", "公司注销", "简易注销"),
)
matter(
    "gsj-hzs",
    "农民专业合作社设立登记",
    "Registration of a farmers' specialised cooperative",
    "gsj",
    "approval",
    "promised",
    1,
    25,
    [
        "《中华人民共和国农民专业合作社法》第十六条",
        "《中华人民共和国市场主体登记管理条例》第十六条",
    ],
    [
        form("农民专业合作社设立登记申请书", "Registration application"),
        mat(
            "全体设立人签名、盖章的设立大会纪要",
            "Minutes of the founding meeting signed by all founders",
        ),
        mat("全体设立人签名、盖章的章程", "Charter signed by all founders"),
        mat(
            "法定代表人、理事任职文件及身份证明",
            "Appointments and IDs of the legal representative and directors",
            "copy",
        ),
        mat("出资成员签名、盖章的出资清单", "List of contributions signed by contributing members"),
        mat("成员名册及成员身份证明", "Membership roll and members' IDs", "copy"),
    ],
    ["有五名以上符合规定的成员", "有符合规定的章程和组织机构", "有符合规定的名称和住所"],
    ["窗口受理", "审查", "核准登记", "颁发营业执照"],
    keywords=("合作社", "营业执照"),
)
matter(
    "gsj-dz",
    "个人独资企业设立登记",
    "Registration of a sole proprietorship",
    "gsj",
    "approval",
    "promised",
    1,
    20,
    ["《中华人民共和国个人独资企业法》第八条、第九条"],
    [
        form("个人独资企业设立登记申请书", "Registration application"),
        id_card("投资人", "The investor's"),
        mat("企业住所证明", "Proof of the business address", "copy"),
    ],
    ["投资人为一个自然人", "有合法的企业名称", "有固定的生产经营场所和必要的生产经营条件"],
    ["窗口受理", "审查", "核准登记", "颁发营业执照"],
    keywords=("独资企业", "营业执照"),
)
matter(
    "gsj-zzbf",
    "营业执照补领、换发",
    "Replacement or renewal of a business licence",
    "gsj",
    "approval",
    "immediate",
    0,
    10,
    ["《中华人民共和国市场主体登记管理条例》第二十二条"],
    [
        form("营业执照补领（换发）申请书", "Replacement application"),
        mat("营业执照副本", "Duplicate business licence", note="换发时交回"),
        mat("遗失公示信息", "Loss notice", note="补领时提交，可在国家企业信用信息公示系统免费公示"),
    ],
    ["营业执照遗失、损毁或需要换发"],
    STEPS_IMMEDIATE,
    keywords=("营业执照遗失", "营业执照补办", "换照"),
)

# ---- 食药监局 (D) ----------------------------------------------------------------------

matter(
    "syj-spjy",
    "食品经营许可证核发",
    "Food business licence",
    "syj",
    "approval",
    "promised",
    10,
    20,
    ["《中华人民共和国食品安全法》第三十五条", "《食品经营许可管理办法》第十条、第十一条"],
    [
        form("食品经营许可申请书", "Food business licence application"),
        licence(),
        legal_rep_id(),
        mat("主要设备设施布局和操作流程文件", "Equipment layout and operating procedures"),
        mat(
            "保证食品安全的规章制度",
            "Food safety management rules",
            note="含从业人员健康管理、进货查验记录、食品安全自查等制度",
        ),
    ],
    [
        "具有与经营的食品品种、数量相适应的经营场所",
        "有专职或兼职的食品安全管理人员和规章制度",
        "具有合理的设备布局和工艺流程",
    ],
    STEPS_LICENCE,
    legal_days=20,
    keywords=("食品经营许可证", "餐饮许可", "饭店", "超市"),
)
matter(
    "syj-spjy-bg",
    "食品经营许可证变更",
    "Change of a food business licence",
    "syj",
    "approval",
    "promised",
    5,
    15,
    ["《食品经营许可管理办法》第二十七条", "《中华人民共和国行政许可法》第四十九条"],
    [
        form("食品经营许可变更申请书", "Change application"),
        mat("食品经营许可证正副本", "Food business licence, original and duplicate"),
        mat("与变更事项有关的材料", "Documents on the change"),
    ],
    ["许可事项发生变化"],
    ["窗口受理", "材料审查", "现场核查（需要时）", "作出变更决定", "换发许可证"],
    keywords=("食品经营许可证", "餐饮许可变更"),
)
matter(
    "syj-spjy-yx",
    "食品经营许可证延续",
    "Renewal of a food business licence",
    "syj",
    "approval",
    "promised",
    5,
    15,
    ["《中华人民共和国行政许可法》第五十条", "《食品经营许可管理办法》第三十一条"],
    [
        form("食品经营许可延续申请书", "Renewal application"),
        mat("食品经营许可证正副本", "Food business licence, original and duplicate"),
        mat("经营条件变化情况说明", "Statement on changes in business conditions"),
    ],
    ["在许可证有效期届满30个工作日前提出申请"],
    ["窗口受理", "材料审查", "作出延续决定", "换发许可证"],
    keywords=("食品经营许可证", "许可证到期"),
)
matter(
    "syj-xjyd",
    "食品小经营店登记证核发",
    "Registration certificate for small food shops",
    "syj",
    "approval",
    "promised",
    5,
    15,
    ["《中华人民共和国食品安全法》第三十六条", "《山西省食品小作坊小经营店小摊点管理条例》"],
    [
        form("食品小经营店登记申请表", "Registration application"),
        licence(),
        id_card("经营者", "The operator's"),
        mat("从业人员健康证明", "Health certificates of staff", "copy"),
        mat("经营场所平面布局图", "Floor plan of the premises"),
    ],
    ["经营场所面积和卫生条件符合规定", "从业人员持有效健康证明"],
    ["窗口受理", "现场核查", "登记", "发放登记证"],
    keywords=("小餐饮", "小吃店", "小经营店"),
)
matter(
    "syj-ypls",
    "药品经营许可证（零售）核发",
    "Drug retail licence",
    "syj",
    "approval",
    "promised",
    20,
    25,
    [
        "《中华人民共和国药品管理法》第五十一条、第五十二条",
        "《药品经营和使用质量监督管理办法》第十四条",
    ],
    [
        form("药品经营许可证申请表", "Drug retail licence application"),
        licence(),
        mat("执业药师注册证和身份证", "Licensed pharmacist registration and ID", "copy"),
        mat("营业场所和仓库使用证明", "Proof of use of the shop and warehouse", "copy"),
        mat("营业场所和仓库平面布置图", "Floor plans of the shop and warehouse"),
        mat("药品质量管理制度文件", "Drug quality management documents"),
    ],
    [
        "有依法经过资格认定的药师或者其他药学技术人员",
        "有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境",
        "有保证药品质量的规章制度",
    ],
    ["窗口受理", "材料审查", "现场检查", "作出许可决定", "颁发药品经营许可证"],
    legal_days=30,
    keywords=("药店", "药品零售"),
)
matter(
    "syj-ypls-bg",
    "药品零售企业许可事项变更",
    "Change of licensed items of a drug retailer",
    "syj",
    "approval",
    "promised",
    10,
    15,
    ["《中华人民共和国药品管理法》第五十一条", "《中华人民共和国行政许可法》第四十九条"],
    [
        form("药品经营许可证变更申请表", "Change application"),
        mat("药品经营许可证正副本", "Drug licence, original and duplicate"),
        mat(
            "变更事项相关证明",
            "Documents supporting the change",
            "copy",
            note="变更经营地址、经营范围或质量负责人时提供",
        ),
    ],
    ["变更后仍符合药品零售企业开办条件"],
    ["窗口受理", "材料审查", "现场检查（变更经营地址、范围时）", "作出变更决定", "换发许可证"],
    keywords=("药店变更", "药品经营许可证"),
)

# ---- 交通局 (D) ------------------------------------------------------------------------

matter(
    "jtj-kyxk",
    "道路旅客运输经营许可",
    "Road passenger transport operating licence",
    "jtj",
    "approval",
    "promised",
    15,
    25,
    ["《中华人民共和国道路运输条例》第八条、第十条", "《道路旅客运输及客运站管理规定》第十二条"],
    [
        form("道路旅客运输经营申请表", "Passenger transport application"),
        mat("企业章程", "Articles of association", "copy"),
        legal_rep_id(),
        mat("安全生产管理制度文本", "Work safety management rules"),
        mat("拟投入车辆承诺书", "Undertaking on vehicles to be used"),
        mat(
            "驾驶人员驾驶证和从业资格证", "Drivers' licences and qualification certificates", "copy"
        ),
    ],
    [
        "有与其经营业务相适应并经检测合格的车辆",
        "有符合规定条件的驾驶人员",
        "有健全的安全生产管理制度",
    ],
    STEPS_LICENCE,
    legal_days=20,
    keywords=("客运", "班车", "道路运输经营许可证"),
)
matter(
    "jtj-hyxk",
    "道路货物运输经营许可",
    "Road freight transport operating licence",
    "jtj",
    "approval",
    "promised",
    10,
    20,
    [
        "《中华人民共和国道路运输条例》第二十一条、第二十四条",
        "《道路货物运输及站场管理规定》第六条",
    ],
    [
        form("道路货物运输经营申请表", "Freight transport application"),
        id_card("负责人", "The manager's"),
        mat("机动车辆行驶证", "Vehicle registration certificates", "copy"),
        mat(
            "驾驶人员驾驶证和从业资格证", "Drivers' licences and qualification certificates", "copy"
        ),
        mat("安全生产管理制度文本", "Work safety management rules"),
    ],
    [
        "有与其经营业务相适应并经检测合格的车辆（总质量4.5吨及以下普通货运车辆无需办理）",
        "有符合规定条件的驾驶人员",
        "有健全的安全生产管理制度",
    ],
    STEPS_LICENCE,
    legal_days=20,
    keywords=("货运", "道路运输证"),
)
matter(
    "jtj-cyzg",
    "道路运输从业人员从业资格证核发",
    "Qualification certificate for road transport drivers",
    "jtj",
    "approval",
    "promised",
    5,
    15,
    ["《中华人民共和国道路运输条例》第九条、第二十二条", "《道路运输从业人员管理规定》第六条"],
    [
        form("道路运输从业资格申请表", "Application form"),
        id_card(),
        mat("机动车驾驶证", "Driving licence", "original_and_copy"),
        photo(2),
    ],
    ["取得相应的机动车驾驶证", "年龄不超过60周岁", "3年内无重大以上交通责任事故", "考试合格"],
    ["报名受理", "组织考试", "审核", "核发从业资格证"],
    quota=50,
    real_name=True,
    keywords=("从业资格证", "货运资格证", "客运资格证"),
)
matter(
    "jtj-wxba",
    "机动车维修经营备案",
    "Filing for motor vehicle repair businesses",
    "jtj",
    "approval",
    "immediate",
    0,
    15,
    ["《中华人民共和国道路运输条例》第三十七条", "《机动车维修管理规定》第九条"],
    [
        form("机动车维修经营备案表", "Repair business filing form"),
        licence(),
        mat("经营场地和停车场使用证明", "Proof of use of workshop and parking area", "copy"),
        mat("技术人员汇总表及职业资格证明", "Technical staff list and qualifications", "copy"),
        mat("维修检测设备清单", "List of repair and testing equipment"),
    ],
    ["有与维修业务相适应的场地、设备和技术人员"],
    STEPS_FILING,
    keywords=("汽修", "修车", "维修备案"),
)
matter(
    "jtj-slsg",
    "涉路施工许可",
    "Permit for construction works affecting highways",
    "jtj",
    "approval",
    "promised",
    10,
    20,
    ["《中华人民共和国公路法》第四十四条、第四十五条", "《公路安全保护条例》第二十七条"],
    [
        form("涉路施工申请书", "Application"),
        mat("设计和施工方案", "Design and construction plan"),
        mat(
            "保障公路和公路附属设施质量、安全的技术评价报告",
            "Technical assessment of highway safety",
        ),
        mat("处置施工险情和意外事故的应急方案", "Emergency plan"),
    ],
    ["施工方案符合公路技术标准", "已制定保障通行安全的措施"],
    ["窗口受理", "现场勘查", "审查", "作出许可决定", "送达许可文件"],
    legal_days=20,
    keywords=("占道施工", "挖掘公路", "路政许可"),
)

# ---- 文化局 (D) ------------------------------------------------------------------------

matter(
    "whj-yc",
    "营业性演出许可",
    "Permit for commercial performances",
    "whj",
    "approval",
    "promised",
    3,
    20,
    ["《营业性演出管理条例》第十三条", "《营业性演出管理条例实施细则》第十五条"],
    [
        form("营业性演出申请登记表", "Performance application"),
        mat("演出举办单位营业性演出许可证", "Organiser's performance licence", "copy"),
        mat("演出场所合格证明", "Venue compliance certificate", "copy"),
        mat("演出节目内容材料", "Programme content", note="节目单、视频或剧本"),
        mat("演出协议", "Performance contracts", "copy"),
    ],
    ["演出内容不含法律法规禁止的内容", "演出场所符合安全要求"],
    ["窗口受理", "内容审核", "作出许可决定", "发放批准文件"],
    keywords=("演出审批", "演唱会"),
)
matter(
    "whj-ylcs",
    "娱乐场所经营许可",
    "Entertainment venue business licence",
    "whj",
    "approval",
    "promised",
    20,
    25,
    ["《娱乐场所管理条例》第九条", "《娱乐场所管理办法》第七条"],
    [
        form("娱乐场所经营许可申请书", "Application"),
        licence(),
        legal_rep_id(),
        mat("场所平面图和设计方案", "Floor plan and design"),
        mat("场所产权证明或租赁合同", "Title or lease of the premises", "copy"),
    ],
    ["场所位置符合规定，与学校等保持规定距离", "营业面积和设施符合规定"],
    ["窗口受理", "现场踏勘", "听证（需要时）", "作出许可决定", "颁发娱乐经营许可证"],
    keywords=("KTV", "歌舞厅", "游艺厅"),
)
matter(
    "whj-wb",
    "互联网上网服务营业场所经营许可",
    "Internet café business licence",
    "whj",
    "approval",
    "promised",
    20,
    20,
    ["《互联网上网服务营业场所管理条例》第八条、第十条、第十一条"],
    [
        form("互联网上网服务营业场所经营申请书", "Application"),
        licence(),
        legal_rep_id(),
        mat("营业场所产权证明或租赁合同", "Title or lease of the premises", "copy"),
        mat("网络安全技术措施和管理制度", "Network security measures and rules"),
    ],
    ["营业场所距离中小学校200米以外", "有与营业规模相适应的专业技术人员和网络安全措施"],
    STEPS_LICENCE,
    keywords=("网吧", "网咖"),
)
matter(
    "whj-cbw",
    "出版物零售经营许可",
    "Publication retail licence",
    "whj",
    "approval",
    "promised",
    20,
    15,
    ["《出版管理条例》第三十七条", "《出版物市场管理规定》第八条"],
    [
        form("出版物零售经营许可申请表", "Application"),
        licence(),
        mat("经营场所使用证明", "Proof of use of premises", "copy"),
        id_card("负责人", "The manager's"),
    ],
    ["有确定的经营场所", "有与经营规模相适应的资金"],
    STEPS_LICENCE,
    keywords=("书店", "报刊亭", "出版物经营许可证"),
)

# ---- 安监局 (D；报告期内暂无业务) --------------------------------------------------------

matter(
    "ajj-yhbz",
    "烟花爆竹经营（零售）许可",
    "Fireworks retail licence",
    "ajj",
    "approval",
    "promised",
    20,
    20,
    ["《烟花爆竹安全管理条例》第十九条", "《烟花爆竹经营许可实施办法》第十六条、第十七条"],
    [
        form("烟花爆竹零售经营许可证申请书", "Application"),
        mat("零售点周边安全条件说明和平面图", "Safety conditions and plan of the retail point"),
        mat("零售场所产权或租赁证明", "Title or lease of the retail premises", "copy"),
        mat(
            "主要负责人安全培训合格证明",
            "Safety training certificate of the person in charge",
            "copy",
        ),
        licence(),
    ],
    ["零售场所与居民居住场所等保持安全距离", "主要负责人经过安全培训", "储存数量不超过规定限量"],
    ["窗口受理", "现场核查", "作出许可决定", "颁发零售许可证"],
    legal_days=20,
    keywords=("烟花", "鞭炮"),
)
matter(
    "ajj-whp",
    "危险化学品经营许可（不带储存设施）",
    "Hazardous chemicals trading licence (without storage)",
    "ajj",
    "approval",
    "promised",
    20,
    25,
    ["《危险化学品安全管理条例》第三十四条、第三十五条", "《危险化学品经营许可证管理办法》第八条"],
    [
        form("危险化学品经营许可证申请书", "Application"),
        licence(),
        mat("主要负责人和安全管理人员安全资格证书", "Safety qualifications of managers", "copy"),
        mat("经营场所产权或租赁证明", "Title or lease of premises", "copy"),
        mat("安全生产规章制度和岗位操作规程", "Safety rules and operating procedures"),
        mat("事故应急救援预案", "Accident emergency plan"),
    ],
    [
        "经营场所符合国家标准和行业标准",
        "从业人员经过专业技术培训并考核合格",
        "有健全的安全管理规章制度",
    ],
    STEPS_LICENCE,
    legal_days=30,
    keywords=("危化品", "危险化学品"),
)

# ---- 公共资源交易中心 (E) ----------------------------------------------------------------

matter(
    "ggzy-jcdj",
    "工程建设项目进场交易登记",
    "Registration of construction projects for platform trading",
    "ggzy",
    "service",
    "immediate",
    0,
    20,
    [
        "《公共资源交易平台管理暂行办法》（国家发展改革委等14部委令第39号）第十八条",
        "《中华人民共和国招标投标法》第三条",
    ],
    [
        form("进场交易登记表", "Trading registration form"),
        mat("项目审批、核准或备案文件", "Project approval or filing document", "copy"),
        mat("招标代理委托合同", "Tendering agency contract", "copy", note="委托代理机构时提供"),
        proxy(),
    ],
    ["属于依法必须进入公共资源交易平台交易的项目"],
    ["窗口受理", "核对项目信息", "安排开标、评标场地", "当场办结"],
    keywords=("招标进场", "招投标", "开标"),
)
matter(
    "ggzy-bgba",
    "招标投标情况书面报告备案",
    "Filing of written tendering reports",
    "ggzy",
    "approval",
    "promised",
    3,
    20,
    ["《中华人民共和国招标投标法》第四十七条"],
    [
        mat("招标投标情况书面报告", "Written tendering report"),
        mat("评标委员会评标报告", "Bid evaluation report", "copy"),
        mat("中标通知书", "Notice of award", "copy"),
        mat("招标文件", "Tender documents", "copy"),
    ],
    ["自确定中标人之日起15日内提交"],
    STEPS_FILING,
    keywords=("招标备案", "中标备案"),
)

# ---- 中小微企业服务中心、物价局、文物旅游局 (A 电子政务区) ---------------------------------

matter(
    "zxwq-bbdb",
    "企业开办帮办代办服务",
    "Assisted and agency services for starting a business",
    "zxwq",
    "service",
    "immediate",
    0,
    30,
    ["《优化营商环境条例》第十九条", "《中华人民共和国中小企业促进法》"],
    [
        form("帮办代办服务申请单", "Assistance request form"),
        id_card(),
        mat("代办授权委托书", "Authorisation for the agency service", note="委托中心代办时签署"),
        mat(
            "拟办事项所需材料",
            "Materials for the matters to be handled",
            note="由帮办人员一次性告知",
        ),
    ],
    ["在本区开办或经营的中小微企业、个体工商户"],
    ["咨询登记", "一次性告知所需材料", "网上申报辅导或代办", "跟踪办理进度并反馈结果"],
    keywords=("帮办代办", "代办", "企业开办", "营业执照"),
)
matter(
    "wujia-jgrd",
    "涉案财物价格认定",
    "Price determination of property involved in cases",
    "wujia",
    "approval",
    "promised",
    7,
    20,
    ["《价格认定规定》第七条、第十一条", "《价格认定行为规范》第十条"],
    [
        mat("价格认定协助书", "Letter requesting price determination", note="由提出机关出具"),
        mat("价格认定标的明细及相关说明", "Details of the items to be priced"),
        mat("发票、购买合同等证明材料", "Invoices, purchase contracts and other evidence", "copy"),
    ],
    ["由纪检监察、司法或行政机关提出", "价格认定标的明确"],
    ["窗口受理", "实物查验", "市场调查和测算", "审核", "出具价格认定结论书"],
    keywords=("价格认定", "价格鉴证"),
)
matter(
    "wujia-tcsf",
    "机动车停放服务收费标准核定",
    "Setting parking service charges",
    "wujia",
    "approval",
    "promised",
    20,
    20,
    ["《中华人民共和国价格法》第二十条", "《政府制定价格行为规则》第十一条"],
    [
        form("收费标准核定申请书", "Application for charge approval"),
        licence(),
        mat("停车场产权或租赁证明", "Title or lease of the car park", "copy"),
        mat("停车泊位数量和设施情况说明", "Number of spaces and facilities"),
        mat("成本测算资料", "Cost calculation"),
    ],
    ["停车场已依法取得经营资格", "属于实行政府指导价管理的停车设施"],
    ["窗口受理", "成本调查", "审核", "作出核定决定", "送达核定文件"],
    keywords=("停车收费", "收费标准"),
)
matter(
    "wwly-lxsfs",
    "旅行社分社（服务网点）设立备案",
    "Filing of a travel agency branch or outlet",
    "wwly",
    "approval",
    "immediate",
    0,
    15,
    ["《旅行社条例》第十条", "《旅行社条例实施细则》第十九条"],
    [
        form("旅行社分社（服务网点）备案登记表", "Filing form"),
        mat("设立社的旅行社业务经营许可证副本", "Duplicate licence of the parent agency", "copy"),
        mat("分社（服务网点）营业执照", "Business licence of the branch or outlet", "copy"),
        mat("分社经理（网点负责人）履历表和身份证明", "CV and ID of the branch manager", "copy"),
        mat(
            "增存质量保证金证明",
            "Proof of additional quality deposit",
            "copy",
            note="设立分社时提供",
        ),
    ],
    ["已办理分社（服务网点）营业执照", "设立社已按规定增存质量保证金"],
    STEPS_FILING,
    keywords=("旅行社", "旅游"),
)
matter(
    "wwly-wwbh",
    "文物保护单位保护范围内建设工程及作业审批",
    "Approval of construction or excavation within the protection area of a heritage site",
    "wwly",
    "approval",
    "promised",
    20,
    25,
    ["《中华人民共和国文物保护法》第十七条", "《中华人民共和国文物保护法实施条例》第十三条"],
    [
        form("文物保护单位保护范围内建设工程申请书", "Application"),
        mat("建设工程设计方案或作业方案", "Design or works plan"),
        mat("文物影响评估报告", "Heritage impact assessment"),
        mat("项目立项文件", "Project approval document", "copy"),
    ],
    ["因特殊需要确需在保护范围内进行建设或作业", "保证文物保护单位的安全"],
    ["窗口受理", "现场勘查", "专家论证", "作出审批决定（按权限报批）", "送达批复文件"],
    keywords=("文物保护", "文保单位"),
)

# ---------------------------------------------------------------------------------------
# Windows
# ---------------------------------------------------------------------------------------

M = {m["code"]: m for m in MATTERS}


def dept_codes(dept: str) -> list[str]:
    return [m["code"] for m in MATTERS if m["department"] == dept]


# (name, name_en, zone, department or "" for 综合受理, profile, order_rule)
WINDOWS: list[tuple[str, str, str, str, list[str], str]] = []


def window(
    name: str, name_en: str, dept: str, profile: list[str], rule: str = "fifo", zone: str = ""
) -> None:
    WINDOWS.append((name, name_en, zone or DEPT_ZONE[dept], dept, profile, rule))


CN_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"]


def dept_windows(
    dept: str,
    count: int,
    profile: list[str] | None = None,
    *,
    name: str = "",
    name_en: str = "",
    first: int = 1,
) -> None:
    """`count` identical windows of one department, numbered （一）（二）… when more than one."""
    base = name or f"{DEPT_SHORT[dept]}窗口"
    base_en = name_en or f"{DEPT_EN[dept]} window"
    numbered = count > 1 or first > 1
    for i in range(first - 1, first - 1 + count):
        suffix = f"（{CN_NUMERALS[i]}）" if numbered else ""
        suffix_en = f" {i + 1}" if numbered else ""
        window(base + suffix, base_en + suffix_en, dept, profile or dept_codes(dept))


def zone_codes(zone: str) -> list[str]:
    return [m["code"] for m in MATTERS if m["zone"] == zone]


# Windows follow the demand of the centre's 2017 report (see SEED_000 in
# queue_server/simulation/params.py): 人社局 and 民政局 carry ~70 % of the offered work, so they
# get most windows and their windows pool their matters; every other department keeps one
# window of its own, and the 一窗受理 windows of a zone serve every matter of that zone.

# A 电子政务区: 1-3
dept_windows("zxwq", 1)
dept_windows("wujia", 1)
dept_windows("wwly", 1)

# B 民生服务区: 4-19 (民政局 9, the other five departments 1 each, 2 一窗受理)
MZJ_CASH = ["mzj-db", "mzj-lsjz"]  # 低保 and 临时救助: nearly all of 民政局's cases
dept_windows("mzj", 4, MZJ_CASH)
dept_windows("mzj", 4, MZJ_CASH[::-1], first=5)
window(
    "民政局窗口（九）",
    "Civil Affairs Bureau window 9",
    "mzj",
    ["mzj-sttd", "mzj-mfdj", *MZJ_CASH],
    "profile",
)
dept_windows("wjj", 1)
dept_windows("jyj", 1)
dept_windows("xmj", 1)
dept_windows("nw", 1)
dept_windows("njzx", 1)
for i in range(2):
    welfare = zone_codes("welfare")
    window(
        f"民生综合受理窗口（{CN_NUMERALS[i]}）",
        f"Public welfare one-stop window {i + 1}",
        "",
        welfare[i:] + welfare[:i],
        zone="welfare",
    )

# C 固定资产投资并联审批区: 20-27
dept_windows("fgj", 1)
dept_windows("hbj", 1)
window(
    "国土局（不动产登记）窗口",
    "Land and Resources Bureau (real estate) window",
    "gtj",
    ["gtj-bdc-zy", "gtj-bdc-dy", "gtj-ydys", "gtj-lsyd"],
)
dept_windows("zjj", 1)
dept_windows("slj", 1)
dept_windows("lyj", 1)
dept_windows("jxj", 1)
window(
    "联审联批综合受理窗口",
    "Joint approval one-stop window",
    "",
    zone_codes("invest"),
    zone="invest",
)

# D 证照类审批区: 28-39
dept_windows("gsj", 2)
dept_windows("syj", 2, name="食药监窗口", name_en="Food and Drug Administration window")
window("交通局窗口（一）", "Transport Bureau window 1", "jtj", dept_codes("jtj"))
window(
    "交通局窗口（二）",
    "Transport Bureau window 2",
    "jtj",
    ["jtj-cyzg", "jtj-wxba", "jtj-hyxk"],
    "profile",
)
window("交通局窗口（三）", "Transport Bureau window 3", "jtj", dept_codes("jtj")[::-1])
dept_windows("whj", 1)
dept_windows("ajj", 1)
window(
    "证照综合受理窗口（一）",
    "Licences one-stop window 1",
    "",
    ["gsj-gt-sl", "gsj-gs-sl", "gsj-hzs", "gsj-dz", "syj-spjy", "syj-xjyd", "whj-cbw"],
    zone="licence",
)
window(
    "证照综合受理窗口（二）",
    "Licences one-stop window 2",
    "",
    [
        "gsj-gt-bg",
        "gsj-gs-bg",
        "gsj-gs-zx",
        "gsj-zzbf",
        "syj-spjy-bg",
        "syj-spjy-yx",
        "jtj-wxba",
        "ajj-yhbz",
    ],
    zone="licence",
)
window(
    "证照综合受理窗口（三）",
    "Licences one-stop window 3",
    "",
    [
        "whj-yc",
        "whj-ylcs",
        "whj-wb",
        "jtj-kyxk",
        "jtj-hyxk",
        "jtj-slsg",
        "ajj-whp",
        "syj-ypls",
        "syj-ypls-bg",
    ],
    zone="licence",
)

# E 公共资源交易平台服务区: 40
dept_windows("ggzy", 1)

# F 社保就业服务区: 41-53 (人社局, 13 windows; every window serves the three high-volume
# service matters, its own approvals first in its profile)
RSJ_SERVICE = ["rsj-jmyl-cb", "rsj-jycyz", "rsj-gxzy"]
for i, (own, rule) in enumerate(
    [
        ("rsj-tx", "fifo"),
        ("rsj-tx", "fifo"),
        ("rsj-tx", "profile"),
        ("rsj-jgyl-dy", "fifo"),
        ("rsj-jgyl-dy", "fifo"),
        ("rsj-syj", "fifo"),
        ("rsj-syj", "fifo"),
        ("rsj-syj", "fifo"),
        ("rsj-lwpq", "fifo"),
        ("rsj-tsgs", "fifo"),
        ("rsj-jgyl-dy", "fifo"),
        ("rsj-tx", "fifo"),
        ("rsj-syj", "profile"),
    ]
):
    window(
        f"社保就业综合窗口（{CN_NUMERALS[i]}）",
        f"Social insurance and employment window {i + 1}",
        "rsj",
        [own, *RSJ_SERVICE[i % 3 :], *RSJ_SERVICE[: i % 3]],
        rule,
    )

# ---------------------------------------------------------------------------------------
# Staff (AB角 per window; names invented), devices, printers, voice, keys
# ---------------------------------------------------------------------------------------

SURNAMES = list("王李张刘赵郭申牛秦连崔常宋杨韩冯陈程段范郝侯贾靳栗路马苗乔任史田武魏徐原岳")
GIVEN = [
    "建国",
    "晓燕",
    "丽娜",
    "志强",
    "海燕",
    "俊杰",
    "雅琴",
    "文斌",
    "慧敏",
    "鹏飞",
    "晓东",
    "艳红",
    "雪梅",
    "振华",
    "红霞",
    "佳怡",
    "浩然",
    "子涵",
    "婷婷",
    "晋生",
    "瑞芳",
    "国栋",
    "春燕",
    "永刚",
    "立新",
    "丽萍",
    "宏伟",
    "晓军",
    "金凤",
    "云霞",
    "建平",
    "素琴",
    "晓峰",
    "亚楠",
    "欣悦",
    "思源",
    "梦瑶",
    "嘉欣",
    "宇航",
    "晨曦",
    "一鸣",
    "丹丹",
    "晓丽",
    "利军",
    "彩霞",
    "爱萍",
    "卫东",
    "鑫",
]
STEP = 7
assert gcd(STEP, len(GIVEN)) == 1


def staff_name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i * STEP) % len(GIVEN)]


STAFF_PIN = "1234"
ADMIN = {"id": "admin", "name": "大厅管理员", "role": "admin", "pin": "9999"}
DESK = {"id": "desk1", "name": "导办台", "role": "desk", "pin": "5678"}
# A stationed department's 首席代表: handles that department's 差评回访 (page /followups).
LEAD = {"id": "lead-rsj", "name": "韩志刚", "role": "lead", "department": "rsj", "pin": "2468"}

DEVICES: list[tuple[str, dict[str, Any]]] = [
    (
        "入口取号机（一）",
        {"id": "kiosk1", "role": "kiosk", "key": "demo-kiosk-key-1", "printer": "kiosk1"},
    ),
    (
        "入口取号机（二），58毫米热敏纸",
        {"id": "kiosk2", "role": "kiosk", "key": "demo-kiosk-key-2", "printer": "kiosk2"},
    ),
    ("大厅综合叫号屏", {"id": "display-hall", "role": "display", "key": "demo-display-key"}),
    (
        "电子政务区（A区）叫号屏",
        {"id": "display-a", "role": "display", "key": "demo-display-key-a", "zone": "egov"},
    ),
    (
        "5号窗口评价器",
        {"id": "evaluator-5", "role": "evaluator", "key": "demo-evaluator-key-5", "window": 5},
    ),
    (
        "5号窗口柜台终端（打印受理回执）",
        {
            "id": "counter-5",
            "role": "counter",
            "key": "demo-counter-key-5",
            "window": 5,
            "printer": "counter",
        },
    ),
]
PRINTERS = [
    ("kiosk1", "file:///tmp/hallq-kiosk1.bin", 80),
    ("kiosk2", "file:///tmp/hallq-kiosk2.bin", 58),
    ("counter", "file:///tmp/hallq-counter.bin", 80),
]
VOICE: dict[str, Any] = {
    "enabled": True,
    "zh_template": "请{number}号到{window}号窗口办理",
    "en_template": "Number {number}, please go to window {window}",
    "english": True,
    "repeats": 2,
    "rate": 150,
    "volume": 1.0,
    "voice_zh": "cmn",
    "voice_en": "en",
    "chime": "assets/sounds/chime.wav",
}
KEYS = [
    ("F1", "call_next", "叫号"),
    ("F2", "recall", "重呼"),
    ("F3", "no_show", "过号"),
    ("F4", "suspend", "挂起（补材料）"),
    ("F5", "transfer", "转窗口"),
    ("F6", "complete", "办结"),
    ("F7", "pause", "暂停服务"),
    ("F8", "resume", "恢复服务"),
]

# ---------------------------------------------------------------------------------------
# TOML writer
# ---------------------------------------------------------------------------------------

WIDTH = 100


def lit(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    raise TypeError(type(v))


def _display_width(s: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in s)


def kv(key: str, value: object, wrap: str = "auto") -> list[str]:
    """`key = value`. A list stays on one line if it fits (wrap="auto"), else it gets one item
    per line (wrap="lines", always for more than one item) or as many items per line as fit
    (wrap="fill")."""
    if not isinstance(value, list):
        return [f"{key} = {lit(value)}"]
    items = [lit(v) for v in value]
    one = f"{key} = [{', '.join(items)}]"
    if _display_width(one) <= WIDTH and not (wrap == "lines" and len(items) > 1):
        return [one]
    if wrap != "fill":
        return [f"{key} = ["] + [f"  {item}," for item in items] + ["]"]
    lines, line = [f"{key} = ["], " "
    for item in items:
        if _display_width(f"{line} {item},") > WIDTH:
            lines.append(line)
            line = " "
        line += f" {item},"
    return lines + [line, "]"]


def long_string(key: str, text: str, breaks: str) -> list[str]:
    """A TOML multi-line basic string cut after any character in `breaks`; the line-ending
    backslash joins the pieces back without adding anything."""
    pieces, start = [], 0
    for i, ch in enumerate(text):
        if ch in breaks and i + 1 < len(text) and i + 1 >= start:
            end = i + 1
            while end < len(text) and text[end] == " ":
                end += 1  # keep the space before the backslash: leading ones are trimmed
            pieces.append(text[start:end])
            start = end
    pieces.append(text[start:])
    body = [lit(p)[1:-1] + "\\" for p in pieces[:-1]] + [lit(pieces[-1])[1:-1] + '"""']
    return [f'{key} = """\\'] + body


def banner(title: str, out: list[str], char: str = "=") -> None:
    out += ["", "# " + char * 88, f"# {title}", "# " + char * 88, ""]


def render() -> str:
    zone_order = {z: i for i, z in enumerate(ZONE_CODES)}
    dept_order = {d[0]: i for i, d in enumerate(DEPARTMENTS)}
    n_service = sum(m["category"] == "service" for m in MATTERS)
    out: list[str] = [
        "# HallQ sample hall: 长治市郊区政务服务中心 (Changzhi Jiaoqu District, Shanxi).",
        "#",
        "# Modelled on the centre's 2017 work report: 23 stationed departments, 53 windows and",
        f"# {len(MATTERS)} matters ({n_service} service, {len(MATTERS) - n_service} approval) "
        "in the report's function zones.",
        "# Staff names are invented; PINs and device keys are demo values. A real hall uses",
        "# pin_hash (from `hallq config hash-pin`) instead of pin, and long random device keys.",
        "#",
        "# GENERATED by config/tools/gen_hall.py: edit the data there and re-run it;",
        "# `gen_hall.py --check` fails when this file is out of date.",
        "# Validate with: hallq config check config/hall.toml",
    ]

    # [hall]
    banner("[hall] 大厅基本信息、开放时间、节假日和排队规则", out)
    out.append("[hall]")
    for key in ("name", "name_en", "timezone"):
        out += kv(key, HALL[key])
    out.append("# 法定节假日（放假调休日期）")
    out.append("holidays = [")
    for label, days in HOLIDAYS:
        for start in range(0, len(days), 5):
            chunk = ", ".join(lit(d) for d in days[start : start + 5])
            out.append(f"  {chunk},{'  # ' + label if start == 0 else ''}")
    out.append("]")
    out.append("# 调休上班的周末")
    out += kv("extra_workdays", EXTRA_WORKDAYS)
    out += ["", "# 排队规则（分钟 / 次数）"]
    comments = {
        "issue_cutoff_min": "下班前30分钟停止取号",
        "target_wait_min": "统计报表中的目标等候时长",
        "max_wait_min": "等候超过此时长的号不论事项顺序先叫",
        "priority_streak_cap": "优先号、预约号连叫上限，之后叫一个普通号",
        "max_recalls": "同一号码最多重呼次数",
        "requeue_gap": "过号回队（限一次）时排在几位等候者之后",
        "appointment_early_min": "预约号可提前签到的分钟数",
        "appointment_late_min": "预约号迟到宽限",
        "id_daily_limit": "同一身份证每天最多取号数",
        "id_matter_daily_limit": "同一身份证同一事项每天最多取号数",
        "public_url": "号票二维码的对外地址；为空用请求地址",
    }
    for key, note in comments.items():
        out.append(f"{kv(key, HALL[key])[0]:<32} # {note}")
    out += ["", "# 大厅屏幕滚动公告"]
    out += long_string("notice", HALL["notice"], "。；")
    out += long_string("notice_en", HALL["notice_en"], ".;")
    out += [
        "",
        "# 开放时间：周一至周五 08:30-12:00、13:30-17:30；周六、周日不开放（不写即关闭）",
        "[hall.hours]",
    ]
    for day in ("mon", "tue", "wed", "thu", "fri"):
        out += kv(day, WORK_HOURS)

    # zones
    banner("[[zones]] 功能区（prefix 是号票前缀，如 B012）", out)
    out += [
        "# 报告称“5大功能区”，但列出6个：第6个为企业养老保险、机关事业养老保险、失业保险、",
        "# 再就业中心审批服务区，这里简称“社保就业服务区”。",
        "",
    ]
    for code, prefix, name, name_en, note in ZONES:
        out.append(f"# {prefix} {name}：{note}")
        out.append("[[zones]]")
        out += kv("code", code) + kv("name", name) + kv("name_en", name_en) + kv("prefix", prefix)
        out.append("")

    # departments
    banner("[[departments]] 驻厅单位（23个，顺序同报告“各窗口单位审批事项进驻情况”）", out)
    out += [
        "# 报告列出22个单位的办件量，第23个单位取公共资源交易中心（公共资源交易平台服务区）。",
        "# 注释为报告中2017年1-7月的办结件数。",
        "",
    ]
    for code, name, name_en, _short, _zone in DEPARTMENTS:
        out.append(f"# {DEPT_SHORT[code]}：{REPORT_2017[code]}")
        out.append("[[departments]]")
        out += kv("code", code) + kv("name", name) + kv("name_en", name_en)
        out.append("")

    # matters
    banner(
        f"[[matters]] 办事事项（{len(MATTERS)}项：服务类{n_service}项、行政审批类"
        f"{len(MATTERS) - n_service}项），每项附《办事指南》",
        out,
    )
    out += [
        "# 默认值：daily_quota = 0（不限号）、real_name = false（取号不需刷身份证）。",
        '# kind = "immediate" 为即办件，"promised" 为承诺件（promise_days 个工作日）。',
        "# 材料 form：original 原件 / copy 复印件 / original_and_copy 原件及复印件。",
    ]
    by_zone = sorted(MATTERS, key=lambda m: (zone_order[m["zone"]], dept_order[m["department"]]))
    zone_names = {z[0]: f"{z[1]} {z[2]}" for z in ZONES}
    current_zone = current_dept = None
    for m in by_zone:
        if m["zone"] != current_zone:
            current_zone, current_dept = m["zone"], None
            banner(f"{zone_names[current_zone]} — 事项", out, "-")
        if m["department"] != current_dept:
            current_dept = m["department"]
            count = sum(x["department"] == current_dept for x in MATTERS)
            out += [f"# ···· {DEPT_SHORT[current_dept]}（{count}项）····", ""]
        cat = "服务" if m["category"] == "service" else "审批"
        out.append(f"# 〔{cat}〕{m['name']}")
        out.append("[[matters]]")
        for key in ("code", "name", "name_en", "department", "zone", "category", "kind"):
            out += kv(key, m[key])
        if m["kind"] == "promised":
            out += kv("promise_days", m["promise_days"])
        out += kv("service_minutes", m["service_minutes"])
        if m["daily_quota"]:
            out += kv("daily_quota", m["daily_quota"])
        if m["real_name"]:
            out += kv("real_name", True)
        if m["keywords"]:
            out += kv("keywords", m["keywords"])
        g = m["guide"]
        out += ["", "[matters.guide]"]
        out += kv("legal_basis", g["legal_basis"], "lines")
        out += kv("conditions", g["conditions"], "lines")
        out += kv("steps", g["steps"])
        for key in ("fees", "fees_en", "time_limit", "time_limit_en"):
            out += kv(key, g[key])
        for material in g["materials"]:
            out += ["", "[[matters.guide.materials]]"]
            out += kv("name", material["name"]) + kv("name_en", material["name_en"])
            out += kv("form", material["form"]) + kv("copies", material["copies"])
            if material["note"]:
                out += kv("note", material["note"])
        out.append("")

    # windows
    banner(f"[[windows]] 窗口（{len(WINDOWS)}个），按功能区排列", out)
    out += [
        "# 不写 department 的是“一窗受理”综合窗口，受理本区多个部门的事项。",
        '# profile 是窗口可办事项；order_rule = "fifo" 按取号先后叫号，',
        '# "profile" 先叫 profile 中靠前事项的号（主办事项优先，其余为帮办）。',
    ]
    current_zone = None
    for number, (name, name_en, zone, dept, profile, rule) in enumerate(WINDOWS, start=1):
        if zone != current_zone:
            current_zone = zone
            banner(f"{zone_names[zone]} — 窗口", out, "-")
        if not dept:
            depts = list(dict.fromkeys(M[c]["department"] for c in profile))
            out.append("# 综合受理：" + "、".join(DEPT_SHORT[d] for d in depts))
        out.append("[[windows]]")
        out += kv("number", number) + kv("name", name) + kv("name_en", name_en) + kv("zone", zone)
        if dept:
            out += kv("department", dept)
        out += kv("profile", profile, "fill") + kv("order_rule", rule)
        out += kv("staff_a", f"w{number:02d}a") + kv("staff_b", f"w{number:02d}b")
        out.append("")

    # staff
    banner("[[staff]] 工作人员：每个窗口A、B角各一人（AB角轮岗制度）；演示用 PIN", out)
    for entry in (ADMIN, DESK):
        out.append("[[staff]]")
        for key, value in entry.items():
            out += kv(key, value)
        out.append("")
    out.append("# 人力资源和社会保障局首席代表：处理本单位的差评回访（/followups）")
    out.append("[[staff]]")
    for key, value in LEAD.items():
        out += kv(key, value)
    out.append("")
    i = 0
    for number, (name, *_rest) in enumerate(WINDOWS, start=1):
        out.append(f"# {number}号 {name}")
        for role in "ab":
            out.append("[[staff]]")
            out += kv("id", f"w{number:02d}{role}") + kv("name", staff_name(i))
            out += kv("role", "staff") + kv("pin", STAFF_PIN)
            i += 1
        out.append("")

    # devices and printers
    banner("[[devices]] 终端设备（演示密钥）", out)
    for label, dev in DEVICES:
        out.append(f"# {label}")
        out.append("[[devices]]")
        for key, value in dev.items():
            out += kv(key, value)
        out.append("")
    banner("[printers] 热敏小票打印机；演示环境输出到文件", out)
    for name, conn, paper in PRINTERS:
        out.append(f"[printers.{name}]")
        out += kv("connection", conn) + kv("paper_mm", paper)
        out.append("")

    banner("[voice] 语音叫号（均为默认值，显式写出便于修改）", out)
    out.append("[voice]")
    for key, value in VOICE.items():
        out += kv(key, value)

    banner("[keys] 柜台硬件按键 → 操作", out)
    out.append("[keys]")
    for key, action, label in KEYS:
        out.append(f"{kv(key, action)[0]:<24} # {label}")
    return "\n".join(out).rstrip("\n") + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if config/hall.toml differs"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    text = render()
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            sys.stderr.write(f"{args.out} is out of date; run {Path(__file__).name}\n")
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {args.out} ({len(MATTERS)} matters, {len(WINDOWS)} windows)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
