"""The Simplified Chinese catalogue is complete, compiled, and what people see unless they ask
for English.

The catalogue is read with a small reader of its own (no polib in the project): enough of the
PO format for what `makemessages` writes.
"""

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from talentzone.core.choices import Role

CATALOGUE_DIR = Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES"
PO_FILE = CATALOGUE_DIR / "django.po"
MO_FILE = CATALOGUE_DIR / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    def describe(self) -> str:
        return f"line {self.line}: {self.msgid!r}"


def read_po(path: Path) -> list[Entry]:
    """Entries in file order; obsolete (`#~`) entries are left out, as gettext ignores them."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int | None] | None = None  # which string a `"…"` continuation extends

    def finish():
        nonlocal entry
        if entry.line:
            entries.append(entry)
        entry = Entry()

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if entry.msgstr:
                finish()
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            if entry.msgstr:
                finish()
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            keyword, rest = None, line
        elif keyword in ("msgctxt", "msgid") and entry.msgstr:
            finish()
        text = ast.literal_eval(rest)
        if keyword is None:
            append(entry, target, text)
            continue
        entry.line = entry.line or number
        target = start(entry, keyword, text)
    finish()
    return entries


def start(entry: Entry, keyword: str, text: str) -> tuple[str, int | None]:
    if keyword.startswith("msgstr"):
        index = int(keyword[7:-1]) if "[" in keyword else 0
        entry.msgstr[index] = text
        return ("msgstr", index)
    setattr(entry, keyword, text)
    return (keyword, None)


def append(entry: Entry, target: tuple[str, int | None] | None, text: str) -> None:
    name, index = target
    if name == "msgstr":
        entry.msgstr[index] += text
    else:
        setattr(entry, name, getattr(entry, name) + text)


def messages() -> list[Entry]:
    return [entry for entry in read_po(PO_FILE) if not entry.is_header]


def test_the_catalogue_reader_finds_every_message_of_the_catalogue():
    count = len(re.findall(r"^msgid ", PO_FILE.read_text(encoding="utf-8"), flags=re.MULTILINE))
    entries = read_po(PO_FILE)
    assert len(entries) == count
    assert sum(entry.is_header for entry in entries) == 1
    assert any(entry.msgid_plural for entry in entries)


def test_the_catalogue_header_declares_chinese_with_one_plural_form():
    header = next(entry for entry in read_po(PO_FILE) if entry.is_header).msgstr[0]
    assert "Language: zh_Hans\n" in header
    assert "Plural-Forms: nplurals=1; plural=0;\n" in header
    assert "charset=UTF-8" in header


def test_every_message_of_the_catalogue_has_a_chinese_translation():
    untranslated = [
        entry.describe()
        for entry in messages()
        if not entry.msgstr or any(not text.strip() for text in entry.msgstr.values())
    ]
    assert not untranslated, "Untranslated:\n" + "\n".join(untranslated)


def test_no_translation_in_the_catalogue_is_marked_fuzzy():
    fuzzy = [entry.describe() for entry in read_po(PO_FILE) if "fuzzy" in entry.flags]
    assert not fuzzy, "Fuzzy (gettext ignores them):\n" + "\n".join(fuzzy)


def test_plural_messages_have_exactly_the_one_form_chinese_uses():
    wrong = [
        entry.describe()
        for entry in messages()
        if entry.msgid_plural is not None and set(entry.msgstr) != {0}
    ]
    assert not wrong, "Expected only msgstr[0]:\n" + "\n".join(wrong)


def test_every_translation_keeps_the_placeholders_and_outer_whitespace_of_its_english_text():
    broken = []
    for entry in messages():
        for text in entry.msgstr.values():
            same_placeholders = sorted(PLACEHOLDER.findall(text)) == sorted(
                PLACEHOLDER.findall(entry.msgid)
            )
            same_edges = (text[:1].isspace(), text[-1:].isspace()) == (
                entry.msgid[:1].isspace(),
                entry.msgid[-1:].isspace(),
            )
            if not (same_placeholders and same_edges):
                broken.append(f"{entry.describe()} → {text!r}")
    assert not broken, "Placeholders or whitespace differ:\n" + "\n".join(broken)


def test_the_compiled_catalogue_is_in_step_with_the_po_file():
    with MO_FILE.open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = []
    for entry in messages():
        if entry.msgid_plural is not None:
            found = catalogue.ngettext(entry.msgid, entry.msgid_plural, 2)
        elif entry.msgctxt is not None:
            found = catalogue.pgettext(entry.msgctxt, entry.msgid)
        else:
            found = catalogue.gettext(entry.msgid)
        if found != entry.msgstr[0]:
            stale.append(f"{entry.describe()}: .mo says {found!r}, .po says {entry.msgstr[0]!r}")
    assert not stale, "Run msgfmt again:\n" + "\n".join(stale)


def test_the_login_page_is_in_chinese_by_default(client):
    page = client.get(reverse("login")).content.decode()
    assert "登录" in page
    assert "Sign in" not in page


def test_the_login_page_is_in_english_for_a_browser_that_asks_for_english(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sign in" in page
    assert "登录" not in page


def page_title(response) -> str:
    match = re.search(r'data-testid="page-title">([^<]*)<', response.content.decode())
    return match.group(1).strip()


def chinese(message: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(message)


@pytest.mark.django_db
def test_the_office_admin_sees_the_talent_list_in_chinese_until_switching_to_english(
    client, make_user
):
    client.force_login(make_user(Role.OFFICE_ADMIN))
    url = reverse("directory:talent-list")

    response = client.get(url)
    assert page_title(response) == chinese("Talents") == "人才"
    page = response.content.decode()
    assert chinese("education") in page
    assert chinese("Sign out") in page

    switched = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert switched.status_code == 302

    response = client.get(url)
    assert page_title(response) == "Talents"
    page = response.content.decode()
    assert "Education" in page
    assert "Sign out" in page
    assert chinese("Sign out") not in page
