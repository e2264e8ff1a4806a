"""Who may do what with the talent apartments. The services enforce these.

* The talent office keeps the flats, puts approved households in the queue, runs allocation
  rounds, signs, renews and ends leases and inspects flats at move-out.
* A talent answers the offers made to their own household (accept or decline).
* Leaders read everything; they write nothing here.
"""

import rules

from talentzone.directory.rules import is_office_admin


@rules.predicate
def is_the_household(user, offer) -> bool:
    """The talent whose household an offer was made to."""
    if offer is None or not user.is_authenticated:
        return False
    return offer.entry.talent.user_id == user.pk


rules.add_perm("housing", is_office_admin)  # the apartments' section of the Django admin
rules.add_perm("housing.manage_apartments", is_office_admin)
rules.add_perm("housing.manage_queue", is_office_admin)
rules.add_perm("housing.run_round", is_office_admin)
rules.add_perm("housing.answer_offer", is_the_household)
rules.add_perm("housing.manage_leases", is_office_admin)


EDUCATION_BUREAU = "education"  # the Department code of the education bureau (教育局)


@rules.predicate
def in_education_bureau(user) -> bool:
    """A member of the education bureau (the department whose code is "education")."""
    if not user.is_authenticated:
        return False
    from talentzone.directory.models import Department
    from talentzone.directory.queries import member_ids

    ids = member_ids(user, "department")
    return bool(ids) and Department.objects.filter(pk__in=ids, code=EDUCATION_BUREAU).exists()


# The school or kindergarten place of an approved schooling request: the office or the bureau.
rules.add_perm("housing.assign_school", is_office_admin | in_education_bureau)
