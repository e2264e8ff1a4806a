"""Eligibility rules: who may apply for a policy, written by an administrator as text.

A rule is a small, safe language over an applicant's registry attributes. It is read by a
tokenizer and a recursive-descent parser (never `eval`, never Python's own parser), checked
against the subject's attribute table (subjects.py), and then

- described in words: ``describe(rule)`` → "年龄不超过 45 岁，且 学历为 博士研究生";
- evaluated for one applicant with the reason for each clause: ``evaluate(rule, talent, today)``;
- compiled to one query for everyone eligible: ``compile_to_q(rule, today).apply(qs)``.

Syntax
------
- Comparisons ``=  !=  <  <=  >  >=``; lists ``in [..]`` and ``not in [..]``;
  ``and`` binds tighter than ``or``; ``not``; parentheses.
- Values: quoted text ("doctorate", '博士研究生', or “博士研究生” from a Chinese input method),
  whole numbers (45), dates (2026-01-01), ``true`` and ``false``.
- A choice may be written by its stored value or by its Chinese or English label; the label is
  turned into the value when the rule is read: ``education = "博士研究生"`` is
  ``education = "doctorate"``. Tiers likewise by code or by name (``tier = "市级高层次人才"``).
- Counts: ``count(credentials, kind="programme", level="national", since=2024-01-01)`` is the
  number of the talent's credentials of that kind and level awarded on or after that date; each
  keyword is optional.

Talent attributes: ``age`` (whole years from birth date to the evaluation date), ``birth_date``,
``gender``, ``education``, ``title``, ``industry``, ``status``, ``tier`` (tier code),
``tier_rank`` (1 is the top), ``arrival_date``, ``years_in_zone`` (whole years from arrival),
``employer.high_tech``, ``employer.rd_institution``, ``employer.above_scale``,
``employer.industry``. Enterprise attributes (``parse(text, subject="enterprise")``):
``industry``, ``high_tech``, ``rd_institution``, ``above_scale``, ``employees``, ``founded_on``,
``years_since_founding``, and ``count(platforms, kind=…, level=…, since=…)``.

Examples::

    age <= 45 and education in ["博士研究生", "硕士研究生"]
        45 周岁以下、具有硕士以上学历的人才
    count(credentials, kind="人才计划入选", level="国家级") >= 1 and status = "in_zone"
        入选国家级人才计划的在区人才
    tier_rank <= 4 and (employer.high_tech = true or employer.rd_institution = true)
        省级以上人才层次，且就职于高新技术企业或研发机构
    years_in_zone >= 1 and not (employer.industry = "logistics")
        入区满一年、所在单位不属于物流服务业

Unknown values
--------------
A value the registry lacks (a talent without an employer or arrival date, a tier not yet
assigned) is *unknown*, and a clause over an unknown value is false whatever its operator:
``employer.high_tech != true`` is false for a talent without an employer, and
``not (employer.high_tech = true)`` is true for them. The compiled query reads them the same
way (compiler.py explains how).

Errors
------
Every problem raises ``RuleSyntaxError(message, position)`` with the 1-based column where it
starts: ``UnknownNameError`` for an attribute, collection or keyword the subject lacks (the
message lists the closest valid names) and ``RuleTypeError`` for a value of the wrong kind.
"""

from .compiler import CompiledRule, compile_to_q
from .errors import RuleSyntaxError, RuleTypeError, UnknownNameError
from .evaluation import ClauseResult, Explanation, evaluate
from .nodes import Rule
from .parser import parse
from .subjects import SUBJECTS
from .wording import describe

__all__ = [
    "SUBJECTS",
    "ClauseResult",
    "CompiledRule",
    "Explanation",
    "Rule",
    "RuleSyntaxError",
    "RuleTypeError",
    "UnknownNameError",
    "compile_to_q",
    "describe",
    "evaluate",
    "parse",
]
