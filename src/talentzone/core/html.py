"""HTML from users, cleaned: the office pastes policy texts and event descriptions from official
papers, with their paragraphs, lists and tables. Those fields may carry a small safe subset of
HTML; everything else (scripts, event handlers, styles, frames, `javascript:` links) is removed
by nh3 (ammonia's allow-list sanitiser, not a regex).

Services clean such a field when it is saved; the `rich_text` template filter cleans it again on
the way out, because rows written before this rule (or straight into the database) are not to be
trusted either.
"""

import html
import re

import nh3
from django.utils.html import linebreaks, strip_tags
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "u",
        "ul",
        "ol",
        "li",
        "h3",
        "h4",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "a",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Tags whose content goes with them: a script's text is no reading matter.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template"})

# Something that opens or closes a tag, a comment or a doctype: the text is meant as HTML.
_MARKUP = re.compile(r"<[a-zA-Z/!]")
# Where a block ends, a teaser puts a space, so that two paragraphs do not run into one word.
_BLOCK_END = re.compile(r"</(?:p|li|h3|h4|th|td|tr)>|<br\s*/?>")


def has_markup(text: str) -> bool:
    return bool(_MARKUP.search(text or ""))


def clean_html(text: str) -> str:
    """The text with only the allowed tags and attributes left; links open without handing this
    site to the target (rel="noopener noreferrer"). Plain text comes back unchanged, apart from
    `<`, `>` and `&` being escaped where they are not markup."""
    if not text:
        return ""
    if not has_markup(text):
        return text
    return nh3.clean(
        text,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def rich_text(text: str) -> SafeString:
    """The field for a page: cleaned markup as is, or plain text escaped with its paragraphs and
    line breaks kept (what `linebreaks` gives)."""
    if not text:
        return mark_safe("")  # nosec B308 B703
    if has_markup(text):
        # Safe to mark: nh3 left only the allow-list above.
        return mark_safe(clean_html(text))  # nosec B308 B703
    # Safe to mark: linebreaks escaped the text before adding its own <p> and <br>.
    return mark_safe(linebreaks(text, autoescape=True))  # nosec B308 B703


def plain_text(text: str) -> str:
    """The words alone, tags dropped and entities read (for a list's teaser; the page escapes
    it again)."""
    if not has_markup(text):
        return text or ""
    return html.unescape(strip_tags(_BLOCK_END.sub(" ", clean_html(text)))).strip()
