"""Splits rule text into tokens, each with its 1-based column."""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .errors import RuleSyntaxError

KEYWORDS = {"and", "or", "not", "in", "true", "false", "count"}
SYMBOLS = ("<=", ">=", "!=", "=", "<", ">", "(", ")", "[", "]", ",")
# Straight quotes, and the curly ones a Chinese input method types.
QUOTES = {'"': '"', "'": "'", "“": "”", "‘": "’"}
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?![\d-])")
INTEGER = re.compile(r"\d+(?![\d.-])")
LARGEST_INTEGER = 10**9


@dataclass(frozen=True)
class Token:
    kind: str  # "name", "keyword", "symbol", "string", "integer", "date", "end"
    value: object
    text: str  # as written, for error messages
    position: int


def tokenize(text: str) -> list[Token]:
    tokens = []
    index = 0
    while index < len(text):
        if text[index].isspace():
            index += 1
            continue
        token = read_token(text, index)
        tokens.append(token)
        index += len(token.text)
    tokens.append(Token("end", None, "", len(text) + 1))
    return tokens


def read_token(text: str, index: int) -> Token:
    position = index + 1
    char = text[index]
    if char in QUOTES:
        return read_string(text, index)
    if match := DATE.match(text, index):
        return Token("date", read_date(match.group(), position), match.group(), position)
    if match := INTEGER.match(text, index):
        number = int(match.group())
        if number > LARGEST_INTEGER:
            raise RuleSyntaxError(_("This number is too large."), position)
        return Token("integer", number, match.group(), position)
    if match := NAME.match(text, index):
        word = match.group()
        kind = "keyword" if word in KEYWORDS else "name"
        return Token(kind, word, word, position)
    for symbol in SYMBOLS:
        if text.startswith(symbol, index):
            return Token("symbol", symbol, symbol, position)
    if char.isdigit():
        raise RuleSyntaxError(
            _("A number must be a whole number, and a date must be written like 2026-01-01."),
            position,
        )
    raise RuleSyntaxError(_("Unexpected character “%(char)s”.") % {"char": char}, position)


def read_string(text: str, index: int) -> Token:
    closing = QUOTES[text[index]]
    end = text.find(closing, index + 1)
    if end < 0:
        raise RuleSyntaxError(_("This text has no closing quote."), index + 1)
    return Token("string", text[index + 1 : end], text[index : end + 1], index + 1)


def read_date(written: str, position: int) -> datetime.date:
    try:
        return datetime.date.fromisoformat(written)
    except ValueError:
        raise RuleSyntaxError(
            _("%(date)s is not a date of the calendar.") % {"date": written}, position
        ) from None
