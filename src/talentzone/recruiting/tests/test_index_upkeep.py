"""The matching index follows the database: each committed change to a candidate reaches it once
the transaction commits, a rolled-back one never does, bulk imports too, and a rebuild makes it
again from the rows. (The engine's own upsert/delete are specified in test_index.py.)"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from talentzone.core.choices import Role
from talentzone.directory.choices import Education, TalentStatus
from talentzone.directory.imports.samples import talent_row, write_workbook
from talentzone.directory.imports.service import import_workbook
from talentzone.recruiting import search, sources

from .factories import DemandFactory, DemandSkillFactory, open_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    return make_user(Role.OFFICE_ADMIN)


def indexed() -> set[int]:
    return set(search.match_index().ids())


def committed(django_capture_on_commit_callbacks, change):
    """Run `change` as a transaction that commits (the test's own transaction never does)."""
    with django_capture_on_commit_callbacks(execute=True):
        return change()


def test_a_talent_who_opens_their_profile_is_found_after_commit(django_capture_on_commit_callbacks):
    talent = committed(django_capture_on_commit_callbacks, open_candidate)

    assert indexed() == {talent.pk}


def test_an_edit_to_a_talent_changes_what_they_are_found_by(
    office, django_capture_on_commit_callbacks
):
    talent = committed(django_capture_on_commit_callbacks, lambda: open_candidate(skills="涂布"))
    demand = DemandFactory(description="叠片工艺")
    DemandSkillFactory(demand=demand, text="叠片", required=True)
    assert search.matches_for(demand, office) == []

    def learn_stacking():
        talent.skills = "涂布、叠片"
        talent.save()

    committed(django_capture_on_commit_callbacks, learn_stacking)

    assert [m.candidate.id for m in search.matches_for(demand, office)] == [talent.pk]


def test_closing_a_profile_or_leaving_the_zone_takes_the_talent_out(
    django_capture_on_commit_callbacks,
):
    stays, closes, leaves = (
        committed(django_capture_on_commit_callbacks, open_candidate) for _ in range(3)
    )

    def close_and_leave():
        closes.profile.open_to_offers = False
        closes.profile.save()
        leaves.status = TalentStatus.LEFT
        leaves.save()

    committed(django_capture_on_commit_callbacks, close_and_leave)

    assert indexed() == {stays.pk}


def test_a_deleted_talent_is_no_longer_found(django_capture_on_commit_callbacks):
    gone = committed(django_capture_on_commit_callbacks, open_candidate)
    kept = committed(django_capture_on_commit_callbacks, open_candidate)

    def delete():
        gone.profile.delete()
        gone.delete()

    committed(django_capture_on_commit_callbacks, delete)

    assert indexed() == {kept.pk}


def test_a_change_rolled_back_never_reaches_the_index(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        open_candidate()
        raise RuntimeError("the request failed after the save")

    assert callbacks == []
    assert indexed() == set()


def test_a_new_index_directory_is_filled_from_the_database_when_first_opened():
    talents = [open_candidate() for _ in range(2)]

    assert indexed() == {t.pk for t in talents}


def test_many_changes_in_one_transaction_reach_the_index_in_one_write(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        talents = [open_candidate() for _ in range(5)]

    assert len(callbacks) == 1
    assert indexed() == {t.pk for t in talents}


def test_a_bulk_import_that_updates_a_candidate_reindexes_them(
    office, django_capture_on_commit_callbacks
):
    talent = committed(
        django_capture_on_commit_callbacks,
        lambda: open_candidate(education=Education.BACHELOR, major="化学"),
    )
    row = talent_row(1, **{"身份证号码": talent.id_number, "出生日期": None, "性别": None})
    row.update({"专业": "材料科学与工程"})
    buffer = io.BytesIO()
    write_workbook(buffer, [row])
    buffer.seek(0)

    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        report = import_workbook(
            actor=office, kind="talents", path_or_file=buffer, update_existing=True
        )

    assert report.updated == 1, report.errors
    (hit,) = [
        h for h in search.match_index().search(_any_query(), None) if h.candidate.id == talent.pk
    ]
    assert hit.candidate.major == "材料科学与工程"


def test_the_rebuild_command_makes_the_index_again_from_the_database(capsys):
    assert indexed() == set()  # opened (and made) while the database has no candidates
    talents = [open_candidate() for _ in range(3)]  # never committed: the index misses them
    assert indexed() == set()

    with pytest.raises(SystemExit):
        call_command("rebuild_match_index", "--check")
    call_command("rebuild_match_index")
    call_command("rebuild_match_index", "--check")

    assert indexed() == {t.pk for t in talents}
    assert search.index_health() == {"expected": 3, "indexed": 3, "missing": 0, "stale": 0}
    assert capsys.readouterr().out.splitlines()[-1].endswith("缺少 0 名，过期 0 名。")


def test_a_changed_skills_list_rebuilds_the_index_with_the_new_synonyms(
    django_capture_on_commit_callbacks,
):
    from .factories import SkillFactory

    talent = committed(django_capture_on_commit_callbacks, lambda: open_candidate(skills="冷压"))
    committed(
        django_capture_on_commit_callbacks,
        lambda: SkillFactory(name="辊压", synonyms="冷压、辊压工艺"),
    )

    (document,) = [h.candidate for h in search.match_index().search(_any_query(), None)]
    assert document.id == talent.pk
    assert "辊压" in document.skills


def _any_query():
    return sources.DemandQuery(text="")
