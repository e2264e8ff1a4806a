"""factory-boy factories of the case desk. Cases themselves are raised through the service
(conftest `Desk.raise_case`), so that every case in a test was numbered, routed and timed the
way the desk does it."""

import factory

from talentzone.cases import models
from talentzone.directory.tests.factories import DepartmentFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Category

    code = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"人才住房{n}")
    name_en = factory.Sequence(lambda n: f"Talent housing {n}")
    department = factory.SubFactory(DepartmentFactory)
    grid_days = 5
    department_days = 10
    consultation_days = 15
