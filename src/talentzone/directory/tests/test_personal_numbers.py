"""A talent's ID and mobile numbers are masked on every page; the office and the person can
show them in full, and every showing is in the audit trail."""

import pytest
from django.urls import reverse

from talentzone.core.audit import AuditAction
from talentzone.core.masking import mask
from talentzone.core.models import AuditRecord

from .factories import TalentFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def detail(client, talent) -> str:
    return client.get(reverse("directory:talent-detail", args=[talent.pk])).content.decode()


def reveal(client, talent):
    return client.post(reverse("directory:talent-reveal", args=[talent.pk]), **HTMX)


def unmask_records():
    return AuditRecord.objects.filter(action=AuditAction.UNMASK)


def test_enterprise_hr_sees_its_peoples_numbers_masked_and_no_way_to_show_them(client, make_user):
    talent = TalentFactory()
    client.force_login(make_user("enterprise_hr", enterprise=talent.employer))
    page = detail(client, talent)
    assert talent.id_number not in page and talent.phone not in page
    assert mask(talent.id_number) in page and mask(talent.phone) in page
    assert 'data-testid="reveal-button"' not in page
    assert reveal(client, talent).status_code == 403
    assert not unmask_records().exists()


def test_the_office_shows_the_numbers_on_request_and_the_showing_is_logged(client, make_user):
    talent = TalentFactory()
    office = make_user("office_admin")
    client.force_login(office)
    page = detail(client, talent)
    assert talent.id_number not in page
    assert 'data-testid="reveal-button"' in page
    shown = reveal(client, talent).content.decode()
    assert talent.id_number in shown and talent.phone in shown
    record = unmask_records().get()
    assert (record.actor, record.target_id) == (office, str(talent.pk))


def test_a_talent_shows_their_own_numbers_but_nobody_elses(client, make_user):
    me = make_user("talent")
    mine, someone = TalentFactory(user=me), TalentFactory()
    client.force_login(me)
    assert talent_numbers_shown(reveal(client, mine), mine)
    assert reveal(client, someone).status_code == 404  # not even visible to them


def talent_numbers_shown(response, talent) -> bool:
    return response.status_code == 200 and talent.id_number in response.content.decode()


def test_the_edit_form_never_carries_the_clear_numbers_and_empty_inputs_keep_them(
    client, make_user
):
    talent = TalentFactory()
    client.force_login(make_user("enterprise_hr", enterprise=talent.employer))
    url = reverse("directory:talent-edit", args=[talent.pk])
    form_page = client.get(url).content.decode()
    assert talent.id_number not in form_page and talent.phone not in form_page
    data = {
        "name": "陈思远（改）",
        "gender": talent.gender,
        "birth_date": talent.birth_date.isoformat(),
        "id_number": "",
        "phone": "",
        "education": talent.education,
        "title": talent.title,
        "employer": talent.employer.pk,
        "industry": talent.industry,
        "tier": talent.tier.pk,
        "status": talent.status,
    }
    assert client.post(url, data).status_code == 302
    talent.refresh_from_db()
    assert talent.name == "陈思远（改）"
    assert talent.id_number and talent.phone  # kept
