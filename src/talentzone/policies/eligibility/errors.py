"""What goes wrong with a rule an administrator typed, and where."""

from django.utils.translation import gettext as _


class RuleSyntaxError(ValueError):
    """A rule that cannot be read. `position` is the 1-based column (character offset in the
    rule text, newlines counted as one character) where the problem starts. The message is
    worded in the language active when the rule was read: the language of the form's reader."""

    def __init__(self, message, position: int):
        self.message = str(message)
        self.position = position
        self.text = _("%(message)s (column %(column)s)") % {
            "message": self.message,
            "column": position,
        }
        super().__init__(self.message, position)

    def __str__(self) -> str:
        return self.text


class UnknownNameError(RuleSyntaxError):
    """An attribute, collection or count keyword the subject does not have."""


class RuleTypeError(RuleSyntaxError):
    """A value of the wrong kind for what it is compared with (a word for an age, an unknown
    choice, an order comparison on a yes/no attribute…)."""
