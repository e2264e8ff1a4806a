"""The wall screen's large numbers: each is read from one figure, the way its chart reads it."""

from talentzone.core.figures import FigureData, Series
from talentzone.insights.templatetags.insights import compact
from talentzone.insights.views.overview import KEY_NUMBERS, KeyNumber

REFERRALS = FigureData(
    categories=["甲机构", "乙机构", "人才办"],
    keys=["1", "2", "office"],
    series=[Series("referred", "推荐", [9, 4, 6]), Series("hires", "录用", [3, 1, 5])],
)


def test_a_number_is_the_total_of_its_series():
    assert KeyNumber("n", "n", "f", "i", series="referred").value(REFERRALS) == 19


def test_hires_through_agencies_leave_the_talent_office_s_own_out():
    hires = next(number for number in KEY_NUMBERS if number.name == "hires")
    assert hires.value(REFERRALS) == 4


def test_a_number_can_be_one_category():
    assert KeyNumber("n", "n", "f", "i", series="hires", category="2").value(REFERRALS) == 1


def test_a_missing_series_shows_no_number():
    assert KeyNumber("n", "n", "f", "i", series="nothing").value(REFERRALS) is None


def test_large_numbers_read_in_wan_and_yi_in_chinese():
    assert compact(6076) == "6,076"
    assert compact(24_321_600) == "2,432.2万"
    assert compact(350_000_000) == "3.5亿"
    assert compact(None) == "–"


def test_large_numbers_read_in_k_and_m_in_english(settings):
    from django.utils import translation

    with translation.override("en"):
        assert compact(6076) == "6,076"
        assert compact(24_500) == "24.5K"
        assert compact(24_321_600) == "24.3M"
