"""The recruiting app's figures on the dashboards, in the API and in the reports (see
core.figures). Each is computed by a function of queries.py; this module says how it is shown."""

from talentzone.core.figures import Figure, register

FIGURES: list[Figure] = []


def register_figures() -> None:
    for figure in FIGURES:
        register(figure)
