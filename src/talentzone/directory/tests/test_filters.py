"""Filters offer only what the reader may see: a drop-down must not leak other organisations."""

import pytest
from django.test import RequestFactory

from talentzone.directory.filters import PlatformFilter, TalentFilter
from talentzone.directory.models import Talent

from .factories import AgencyFactory, EnterpriseFactory

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
