"""Uploads checked by what they hold, not by what they are called.

A file's name and the browser's content type are the uploader's say-so: an .exe or a web page
renamed `证明.pdf` would otherwise be stored and later handed to a reviewer. Each upload names the
kinds it accepts (`DOCUMENTS`, `SUPPORTING_DOCUMENTS`, `WORKBOOK`); the check reads the file's
first bytes (magic numbers, via `filetype`) and, for the Office formats, the ZIP archive's
directory (an .xlsx holds `xl/workbook.xml`, a .docx `word/document.xml`). A refused file gets a
message that says what its content is and what the field takes, beside the field on a page and
as `400 {"file": [...]}` in the API. Each file is at most TALENTZONE_UPLOAD_MAX_BYTES.

Only the archive's directory is read, never its members: what the ZIP holds is opened by the
person who downloads it (and the Excel import checks its workbooks for zip bombs itself).
"""

import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Enough for every magic number filetype knows and for the text sniffing below.
HEAD_BYTES = 8192


@dataclass(frozen=True)
class FileKind:
    """One kind of content an upload may be: how to recognise it, what to call it."""

    key: str
    label: Promise
    extensions: tuple[str, ...]
    recognise: Callable[[bytes, IO[bytes]], bool]


def _zip_names(file: IO[bytes]) -> set[str]:
    """The member names of a ZIP archive (its central directory only), or none if it is not
    one."""
    try:
        file.seek(0)
        if not zipfile.is_zipfile(file):
            return set()
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return set()
    finally:
        file.seek(0)


def _office_file(*parts: str) -> Callable[[bytes, IO[bytes]], bool]:
    """An Office Open XML file: a ZIP holding the content types and the given parts."""

    def recognise(head: bytes, file: IO[bytes]) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        return {"[Content_Types].xml", *parts} <= _zip_names(file)

    return recognise


def _magic(mime: str, prefix: bytes) -> Callable[[bytes, IO[bytes]], bool]:
    def recognise(head: bytes, file: IO[bytes]) -> bool:
        guessed = filetype.guess(head)
        return head.startswith(prefix) and guessed is not None and guessed.mime == mime

    return recognise


def _pdf(head: bytes, file: IO[bytes]) -> bool:
    # The specification allows bytes before the header; producers in practice write none, and
    # a "PDF" starting otherwise is more often something else in disguise.
    return head.startswith(b"%PDF-")


PDF = FileKind("pdf", _("a PDF"), (".pdf",), _pdf)
JPEG = FileKind("jpeg", _("a JPEG image"), (".jpg", ".jpeg"), _magic("image/jpeg", b"\xff\xd8\xff"))
PNG = FileKind("png", _("a PNG image"), (".png",), _magic("image/png", b"\x89PNG\r\n\x1a\n"))
DOCX = FileKind("docx", _("a Word document (.docx)"), (".docx",), _office_file("word/document.xml"))
XLSX = FileKind("xlsx", _("an Excel workbook (.xlsx)"), (".xlsx",), _office_file("xl/workbook.xml"))

# A case's attachment: whatever documents the problem — papers, photos, a spreadsheet of wages.
DOCUMENTS = (PDF, JPEG, PNG, DOCX, XLSX)
# Evidence for an application or a nomination: certificates, contracts, patents, scans.
SUPPORTING_DOCUMENTS = (PDF, JPEG, PNG, DOCX)
# The registry's Excel import: a workbook made from the template.
WORKBOOK = (XLSX,)


# Saying what a refused file holds ----------------------------------------------------------

_NAMED_TYPES = {
    "pdf": _("a PDF"),
    "jpg": _("a JPEG image"),
    "png": _("a PNG image"),
    "exe": _("a Windows program (.exe)"),
    "elf": _("a Linux program"),
    "zip": _("a ZIP archive"),
    "rar": _("a RAR archive"),
    "7z": _("a 7-Zip archive"),
    "gz": _("a gzip archive"),
    "doc": _("an old-style Office file (.doc, .xls) or a password-protected one"),
    "xls": _("an old-style Office file (.doc, .xls) or a password-protected one"),
    "ppt": _("an old-style Office file (.doc, .xls) or a password-protected one"),
    "docx": _("a Word document (.docx)"),
    "xlsx": _("an Excel workbook (.xlsx)"),
    "pptx": _("a PowerPoint presentation (.pptx)"),
    "swf": _("a Flash file"),
    "gif": _("a GIF image"),
    "webp": _("a WebP image"),
    "heic": _("a HEIC photo (save it as JPEG)"),
    "bmp": _("a BMP image"),
    "tif": _("a TIFF image"),
}


def _text_content(head: bytes) -> Promise | None:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")):
        return _("an HTML web page")
    if start.startswith((b"<?xml", b"<svg")):
        return _("an XML or SVG document")
    if start.startswith(b"#!"):
        return _("a script")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The head may end inside a multi-byte character: that alone is no reason for "binary".
        if error.start < len(head) - 3:
            return None
    return _("plain text")


def describe_content(head: bytes) -> str:
    """What the bytes are, in words for the person who uploaded them."""
    if not head:
        return gettext("an empty file")
    guessed = filetype.guess(head)
    if guessed is not None:
        named = _NAMED_TYPES.get(guessed.extension)
        if named is not None:
            return str(named)
        return gettext("a file of type %(mime)s") % {"mime": guessed.mime}
    if head.startswith(b"PK\x03\x04"):
        return str(_NAMED_TYPES["zip"])
    return str(_text_content(head) or _("data of an unknown kind"))


# The check ---------------------------------------------------------------------------------


def _read_head(upload) -> bytes:
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return head


def kind_of(upload, kinds: Sequence[FileKind]) -> FileKind | None:
    """The first of `kinds` the upload's content is, or None."""
    head = _read_head(upload)
    for kind in kinds:
        if kind.recognise(head, upload):
            upload.seek(0)
            return kind
    return None


def max_upload_bytes() -> int:
    return settings.TALENTZONE_UPLOAD_MAX_BYTES


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.1f}"


def accepted_words(kinds: Sequence[FileKind]) -> str:
    """ "a PDF, a JPEG image or a PNG image"."""
    labels = [str(kind.label) for kind in kinds]
    if len(labels) == 1:
        return labels[0]
    some = labels[0]
    for label in labels[1:-1]:
        # A whole pattern, not a bare ", ": Chinese joins a list with 、 and no spaces.
        some = gettext("%(list)s, %(item)s") % {"list": some, "item": label}
    return gettext("%(some)s or %(last)s") % {"some": some, "last": labels[-1]}


@deconstructible
class FileContentValidator:
    """A field validator: the file is at most the size the setting `limit_setting` names
    (read at each call, so tests and deployments may change it; None where the caller checks
    the size itself) and its content is one of `kinds`, whatever its name says."""

    def __init__(
        self, kinds: Sequence[FileKind], limit_setting: str | None = "TALENTZONE_UPLOAD_MAX_BYTES"
    ):
        self.kinds = tuple(kinds)
        self.limit_setting = limit_setting

    def __call__(self, upload) -> None:
        name = getattr(upload, "name", "") or gettext("The file")
        limit = getattr(settings, self.limit_setting) if self.limit_setting else None
        if limit is not None and upload.size > limit:
            raise ValidationError(
                _("%(name)s is %(size)s MB; a file may be at most %(max)s MB."),
                code="too_large",
                params={"name": name, "size": _megabytes(upload.size), "max": _megabytes(limit)},
            )
        if kind_of(upload, self.kinds) is None:
            raise ValidationError(
                _("%(name)s is not %(accepted)s: what it holds is %(content)s."),
                code="content_type",
                params={
                    "name": name,
                    "content": describe_content(_read_head(upload)),
                    "accepted": accepted_words(self.kinds),
                },
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, FileContentValidator) and (
            (self.kinds, self.limit_setting) == (other.kinds, other.limit_setting)
        )


def accept_attribute(kinds: Sequence[FileKind]) -> str:
    """The file input's `accept`: the browser's picker offers these names first (a hint only)."""
    return ",".join(extension for kind in kinds for extension in kind.extensions)


def help_words(kinds: Sequence[FileKind]) -> Promise:
    return format_lazy(
        _("Accepted: {accepted}; at most {max} MB each."),
        accepted=_LazyAccepted(kinds),
        max=_LazyMax(),
    )


class _LazyAccepted:
    def __init__(self, kinds):
        self.kinds = kinds

    def __str__(self) -> str:
        return accepted_words(self.kinds)


class _LazyMax:
    def __str__(self) -> str:
        return f"{max_upload_bytes() / 2**20:g}"


def upload_form_field(
    kinds: Sequence[FileKind], *, field_class=forms.FileField, **kwargs
) -> forms.FileField:
    """A form's file field that takes only `kinds` (checked by content) up to the size limit."""
    kwargs.setdefault("help_text", help_words(kinds))
    field = field_class(validators=[FileContentValidator(kinds)], **kwargs)
    field.widget.attrs["accept"] = accept_attribute(kinds)
    return field
