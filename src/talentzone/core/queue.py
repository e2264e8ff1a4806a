"""Handing work to the Celery worker without making a request depend on the broker.

`enqueue(task, *args)` publishes the task once the current transaction commits (a rolled-back
change queues nothing). When Redis, the broker, cannot take it — down, refusing, not answering
within its short timeouts — the task runs here, in process, as it does in the embedded setup
without Redis, and a warning is logged: the work is done late in this request rather than lost
or left for a sweep that would need the same broker. For `TALENTZONE_BROKER_RETRY_AFTER`
seconds after a failed publish the next tasks run in process at once, so a page does not wait on
a dead broker again and again.

Without a broker at all (CELERY_TASK_ALWAYS_EAGER) `apply_async` runs the task in process
itself, and its errors propagate as they always did.
"""

import logging
import time
from functools import partial

from celery import Task
from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

# One quick retry: a broker that restarts answers again within a fraction of a second; one that
# is down refuses at once, and one that does not answer is cut off by the socket timeouts.
PUBLISH_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}

_broker_down_until = 0.0


def enqueue(task: Task, *args, **kwargs) -> None:
    """Queue `task(*args, **kwargs)` once the transaction commits (at once outside one)."""
    transaction.on_commit(partial(send, task, *args, **kwargs))


def send(task: Task, *args, **kwargs) -> None:
    """Queue `task(*args, **kwargs)` now; run it in process when the broker cannot take it."""
    global _broker_down_until
    if time.monotonic() >= _broker_down_until:
        try:
            # Nobody reads these tasks' results; not asking for one keeps the publish from
            # also waiting on the result backend (the same Redis) when it is down.
            task.apply_async(
                args, kwargs, ignore_result=True, retry=True, retry_policy=PUBLISH_RETRY
            )
            return
        except (OperationalError, OSError) as error:
            _broker_down_until = time.monotonic() + settings.TALENTZONE_BROKER_RETRY_AFTER
            logger.warning(
                "The task queue is unreachable (%s); running %s in process.", error, task.name
            )
    else:
        logger.warning("The task queue was unreachable lately; running %s in process.", task.name)
    run_here(task, args, kwargs)


def run_here(task: Task, args: tuple, kwargs: dict) -> None:
    """Run the task in this process. Its failure is logged, not raised: the request that queued
    it has committed its own work already, and a task's failure is the task's to record."""
    result = task.apply(args, kwargs, throw=False)
    if result.failed():
        logger.error(
            "Task %s failed in process: %r", task.name, result.result, exc_info=result.result
        )


def broker_failure_forgotten() -> None:
    """Try the broker again with the next task (tests; an operator's shell after a repair)."""
    global _broker_down_until
    _broker_down_until = 0.0
