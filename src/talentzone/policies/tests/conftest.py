"""Fixtures of the policies tests."""

from importlib import import_module

import pytest
from django.apps import apps


@pytest.fixture
def reference_data(transactional_db):
    """The roles and talent tiers the data migrations create, made again if missing.

    Tests that run threads need `transaction=True`, and a transactional test empties every table
    when it ends, so the next one would find no roles to give its users nor tiers for its talents.
    """
    for migration, create in (
        ("talentzone.core.migrations.0002_roles", "create_roles"),
        ("talentzone.directory.migrations.0002_default_tiers", "create_tiers"),
    ):
        getattr(import_module(migration), create)(apps, None)
