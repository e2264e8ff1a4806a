"""What the venues app adds to the 360° pages of a talent and of an enterprise (see
core.timeline)."""


def register_timeline() -> None:
    pass
