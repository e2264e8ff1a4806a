"""Workbooks of made-up rows, as a clerk would fill in the template: for the tests and for
`benchmarks/import_talents.py`. Every generated row is valid unless a test spoils it."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook

from talentzone.core.identifiers import make_id_number, make_uscc

from .columns import ENTERPRISE_COLUMNS, TALENT_COLUMNS

TALENT_HEADERS = [column.header for column in TALENT_COLUMNS]
ENTERPRISE_HEADERS = [column.header for column in ENTERPRISE_COLUMNS]
SURNAMES = "陈林黄张李王吴刘蔡杨郑许谢郭洪曾邱罗"
GIVEN_NAMES = ["思远", "晓雯", "志强", "丽娟", "建华", "雨萱", "俊杰", "海燕", "文博", "佳怡"]
FIRST_BIRTH = datetime.date(1970, 1, 1)
PER_BIRTH_DATE = 500  # an ID number's sequence code tells apart at most 500 people per sex


def talent_row(number: int, *, employer: str = "", tier: str = "", **cells: Any) -> dict:
    """The `number`-th made-up person: a unique, valid ID number, born 1970 or later."""
    male = number % 2 == 0
    born = FIRST_BIRTH + datetime.timedelta(days=number // PER_BIRTH_DATE)
    row = {
        "姓名": SURNAMES[number % len(SURNAMES)] + GIVEN_NAMES[number % len(GIVEN_NAMES)],
        "性别": "男" if male else "女",
        "出生日期": born,
        "身份证号码": make_id_number("350902", born, number % PER_BIRTH_DATE, male),
        "手机号码": f"1380593{number % 10_000:04d}",
        "学历": "硕士研究生",
        "专业": "材料科学与工程",
        "职称": "中级",
        "工作单位": employer,
        "所属行业": "锂电池",
        "人才层次": tier,
        "技能": "电芯设计、化成分容",
        "入区日期": datetime.date(2020, 3, 1),
        "状态": "在区",
        "人力资源服务机构": "",
    }
    return {**row, **cells}


def enterprise_row(number: int, *, grid: str, **cells: Any) -> dict:
    row = {
        "企业名称": f"蕉城示例新材料有限公司{number}",
        "统一社会信用代码": make_uscc("350902", 50_000_000 + number),
        "所属行业": "电池材料",
        "规上企业": "是",
        "高新技术企业": "否",
        "研发机构": "否",
        "所属网格": grid,
        "地址": "宁德市蕉城区漳湾镇新港路1号",
        "职工人数": 120,
        "成立日期": datetime.date(2015, 4, 1),
    }
    return {**row, **cells}


def write_workbook(
    target: str | Path | IO[bytes],
    rows: Iterable[Mapping[str, Any]],
    headers: Sequence[str] = TALENT_HEADERS,
    *,
    title: str = "人才",
) -> None:
    """Rows (header → value) under a header row. A text starting with = becomes a formula,
    as it would in Excel."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(list(headers))
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    workbook.save(target)
