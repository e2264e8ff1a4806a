"""What happens when an in-kind application is approved: other apps hand out the place or the
service (housing queues the household for a flat, …).

An app registers a handler once, in its AppConfig.ready():

    from talentzone.policies import outcomes
    outcomes.register(my_handler)          # my_handler(application) -> None

`approved(application)` calls every handler, in the order registered, inside the transaction
that approves the application (services.notice_close, also via close_due_notices), exactly once
per approval and only for in-kind policies. Each handler decides by looking at the application
(e.g. housing checks `application.policy.housing_scheme`) and does nothing when it is not its
business. A handler that raises undoes the approval: the notice stays open (ValidationError) and
the office sees the message.
"""

from collections.abc import Callable

from .choices import Benefit

Handler = Callable[[object], None]

_handlers: list[Handler] = []


def register(handler: Handler) -> Handler:
    """Add a handler (once: registering the same one again changes nothing); returns it, so it
    may be used as a decorator."""
    if handler not in _handlers:
        _handlers.append(handler)
    return handler


def unregister(handler: Handler) -> None:
    """Remove a handler (tests)."""
    if handler in _handlers:
        _handlers.remove(handler)


def handlers() -> list[Handler]:
    return list(_handlers)


def approved(application) -> None:
    """Call every handler for an in-kind application just approved (money ones: nothing)."""
    if application.policy.benefit != Benefit.IN_KIND:
        return
    for handler in list(_handlers):
        handler(application)
