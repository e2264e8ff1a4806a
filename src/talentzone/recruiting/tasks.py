"""Background tasks of recruiting: they call `search`, which does the work."""

from celery import shared_task


@shared_task(name="recruiting.rebuild_match_index")
def rebuild_match_index() -> int:
    """Make the matching index again from the database (after the skills list or the tiers
    changed, and nightly as a safety net)."""
    from . import search

    return search.rebuild_index()


@shared_task(name="recruiting.reindex_talents")
def reindex_talents(talent_ids: list[int]) -> int:
    """Write these talents' current state to the matching index (or take them out)."""
    from . import search

    search.reindex_talents(talent_ids)
    return len(talent_ids)
