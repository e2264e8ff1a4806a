"""HTML the office pastes into policy texts and event descriptions: a safe subset survives, the
rest (scripts, handlers, styles, frames, javascript: links) is gone, on save and on display."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from rest_framework.test import APIClient

from talentzone.core.html import clean_html, plain_text, rich_text
from talentzone.policies.models import Policy
from talentzone.policies.tests.factories import BudgetLineFactory, PolicyFactory
from talentzone.policies.tests.test_api import policy_payload
from talentzone.policies.tests.test_in_kind import policy_form_data

HOSTILE = (
    '<p style="color:red" onclick="steal()">第八条<script>alert(document.cookie)</script></p>'
    '<iframe src="https://evil.example/"></iframe>'
    '<a href="javascript:alert(1)">点此</a>'
    '<img src="x" onerror="alert(1)">'
)
OFFICIAL = (
    "<h3>第八条 奖励标准</h3><p>博士后工作站<strong>一次性</strong>奖励<em>30万元</em>，"
    "<u>分两年</u>拨付。<br>详见：</p><ul><li>甲</li></ul><ol><li>乙</li></ol><h4>附表</h4>"
    "<table><thead><tr><th>类别</th></tr></thead><tbody><tr><td>A类</td></tr></tbody></table>"
)


def test_scripts_handlers_styles_frames_and_javascript_links_are_removed():
    cleaned = clean_html(HOSTILE)
    for gone in ("<script", "alert(document.cookie)", "onclick", "style=", "<iframe", "<img"):
        assert gone not in cleaned, gone
    assert "javascript:" not in cleaned
    assert "第八条" in cleaned and "点此" in cleaned  # the words stay


def test_the_allowed_markup_of_an_official_text_survives_unchanged():
    assert clean_html(OFFICIAL) == OFFICIAL


def test_links_keep_http_https_and_mailto_and_never_hand_over_this_site():
    cleaned = clean_html(
        '<a href="https://www.gov.cn/zhengce/">政策</a> <a href="mailto:rc@example.gov.cn">邮件</a>'
        ' <a href="ftp://files.example/">FTP</a> <a href="data:text/html,x">数据</a>'
    )
    assert '<a href="https://www.gov.cn/zhengce/" rel="noopener noreferrer">政策</a>' in cleaned
    assert '<a href="mailto:rc@example.gov.cn" rel="noopener noreferrer">邮件</a>' in cleaned
    assert "ftp:" not in cleaned and "data:" not in cleaned


def test_plain_text_is_left_as_typed_and_shown_with_its_line_breaks():
    text = "第一款：年薪 < 50万元 & 博士\n第二款\n\n附则"
    assert clean_html(text) == text
    shown = rich_text(text)
    assert shown == "<p>第一款：年薪 &lt; 50万元 &amp; 博士<br>第二款</p>\n\n<p>附则</p>"


def test_the_filter_cleans_again_what_reached_the_database_another_way():
    page = Template("{% load rich_text %}{{ text|rich_text }}").render(Context({"text": HOSTILE}))
    assert "<script" not in page and "onclick" not in page and "<p>" in page


def test_a_teaser_reads_the_words_without_markup():
    assert plain_text("<p>A &amp; B</p><p>C</p>") == "A & B C"


@pytest.mark.django_db
def test_the_policy_editor_saves_only_the_safe_subset_and_the_page_shows_it(client, make_user):
    client.force_login(make_user("office_admin"))
    data = policy_form_data(legal_basis=OFFICIAL + HOSTILE, summary="<p onmouseover=x()>摘要</p>")
    response = client.post(reverse("policies:policy-new"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302, response.content.decode()
    policy = Policy.objects.get(code="talent-flat")
    assert policy.legal_basis.startswith(OFFICIAL)
    assert "<script" not in policy.legal_basis and "onclick" not in policy.legal_basis
    assert policy.summary == "<p>摘要</p>"

    client.force_login(make_user("talent"))
    page = client.get(reverse("policies:policy-detail", args=[policy.pk])).content.decode()
    assert "<h3>第八条 奖励标准</h3>" in page and "<td>A类</td>" in page
    assert "alert(document.cookie)" not in page and "javascript:alert" not in page


@pytest.mark.django_db
def test_the_policy_api_stores_the_cleaned_text(make_user):
    api = APIClient()
    api.force_authenticate(make_user("office_admin"))
    payload = policy_payload(BudgetLineFactory(), legal_basis=HOSTILE)
    response = api.post("/api/v1/policies/policies/", payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["legal_basis"] == clean_html(HOSTILE)
    assert "<script" not in Policy.objects.get(code="postdoc-station").legal_basis


@pytest.mark.django_db
def test_a_plain_policy_text_keeps_its_line_breaks_on_the_page(client, make_user):
    policy = PolicyFactory(legal_basis="第一条\n第二条")
    client.force_login(make_user("talent"))
    page = client.get(reverse("policies:policy-detail", args=[policy.pk])).content.decode()
    assert "第一条<br>第二条" in page
