"""The evaluations' entries in the left menu and their cards on the home pages, by role
(filled in with the pages)."""


def register_navigation() -> None:
    pass
