"""Helpers for the tests that prove an invariant under concurrent requests.

Each action runs in its own thread with its own database connection, all released together by
a barrier, so on PostgreSQL they really meet in the database. Outcomes are counted by name; a
refusal by its error code, because threads speak the default language, not the test's.
"""

import threading
from collections import Counter
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import connections


def code_of(error: ValidationError) -> str:
    """The codes of a ValidationError, comma-separated (field errors in their order)."""
    if hasattr(error, "error_dict"):
        return ",".join(str(e.code) for errors in error.error_dict.values() for e in errors)
    return str(error.code)


def _outcome_of(error: Exception, refusals: dict[type[Exception], str]) -> str:
    if type(error) in refusals:  # named refusals first: some are ValidationErrors too
        return refusals[type(error)]
    if isinstance(error, ValidationError):
        return f"invalid: {code_of(error)}"
    return f"{type(error).__name__}: {error}"


def run_at_once(
    actions: Iterable[Callable[[], object]],
    *,
    at_most: int | None = None,
    refusals: dict[type[Exception], str] | None = None,
) -> Counter:
    """Run each action in its own thread, all released together; count the outcomes.

    An action's outcome is the string it returns, or "succeeded"; a ValidationError counts as
    "invalid: <codes>", an exception named in `refusals` by its name there, anything else as
    "<Type>: <message>" so that a failing assertion says what broke. `at_most` caps how many
    threads hold a database connection at once (the server's connection limit is shared)."""
    actions = list(actions)
    barrier = threading.Barrier(len(actions))
    gate = threading.Semaphore(at_most or len(actions))
    outcomes = Counter()
    guard = threading.Lock()

    def run(action) -> None:
        barrier.wait()
        with gate:
            try:
                result = action()
                outcome = result if isinstance(result, str) else "succeeded"
            except Exception as error:
                outcome = _outcome_of(error, refusals or {})
            finally:
                connections.close_all()  # each thread opened its own connection
        with guard:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
