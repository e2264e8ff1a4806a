"""Filters offer only what the reader may see: a drop-down must not leak other organisations."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from talentzone.directory.filters import PlatformFilter, TalentFilter
from talentzone.directory.models import Talent

from .factories import AgencyFactory, EnterpriseFactory, TalentFactory

pytestmark = pytest.mark.django_db


def filter_for(filterset_class, user, **params):
    request = RequestFactory().get("/", params)
    request.user = user
    return filterset_class(request.GET, queryset=Talent.objects.all(), request=request)


def test_enterprise_hr_is_offered_only_its_own_enterprise_as_employer(make_user):
    own, other = EnterpriseFactory(), EnterpriseFactory()
    hr = make_user("enterprise_hr", enterprise=own)
    options = filter_for(TalentFilter, hr).form.fields["employer"].queryset
    assert list(options) == [own]
    assert other not in options


def test_filtering_by_an_enterprise_out_of_scope_is_refused_as_an_invalid_choice(make_user):
    hr = make_user("enterprise_hr", enterprise=EnterpriseFactory())
    filterset = filter_for(TalentFilter, hr, employer=EnterpriseFactory().pk)
    assert not filterset.is_valid()
    assert "employer" in filterset.errors


def test_a_grid_officer_is_offered_the_enterprises_of_their_grid(make_user):
    mine = EnterpriseFactory()
    EnterpriseFactory()
    officer = make_user("grid_officer", grid=mine.grid)
    options = filter_for(PlatformFilter, officer).form.fields["enterprise"].queryset
    assert list(options) == [mine]


def test_agencies_are_reference_data_offered_to_every_role(make_user):
    agencies = {AgencyFactory(), AgencyFactory()}
    talent_user = make_user("talent")
    options = filter_for(TalentFilter, talent_user).form.fields["agency"].queryset
    assert set(options) == agencies


def test_a_talent_is_found_by_exact_id_number_although_the_column_is_encrypted(make_user):
    talent, other = TalentFactory(), TalentFactory()
    office = make_user("office_admin")
    found = filter_for(TalentFilter, office, id_number=talent.id_number.lower()).qs
    assert list(found) == [talent]
    assert other not in filter_for(TalentFilter, office, q=talent.id_number).qs
    assert list(filter_for(TalentFilter, office, q=talent.id_number).qs) == [talent]


def test_filter_labels_follow_the_language_of_each_request_even_after_the_schema_is_built(
    client, make_user
):
    client.force_login(make_user("office_admin"))
    client.get("/api/schema/")  # reads every filter's label with translation switched off
    with translation.override("zh-hans"):
        chinese = str(TalentFilter().form.fields["status"].label)
    with translation.override("en"):
        english = str(TalentFilter().form.fields["status"].label)
    assert (chinese, english) == ("状态", "Status")
