def register_navigation() -> None:
    """Filled in by the pages."""
