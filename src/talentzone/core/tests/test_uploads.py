"""The upload check: a file is taken for what its bytes are, never for what its name says."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from rest_framework import serializers

from talentzone.core.tests import samples
from talentzone.core.uploads import (
    DOCUMENTS,
    SUPPORTING_DOCUMENTS,
    WORKBOOK,
    FileContentValidator,
    describe_content,
    upload_form_field,
)

GENUINE = {
    "证书.pdf": samples.PDF_BYTES,
    "照片.jpg": samples.JPEG_BYTES,
    "照片.png": samples.PNG_BYTES,
    "说明.docx": samples.DOCX_BYTES,
    "名单.xlsx": samples.XLSX_BYTES,
}


def refusal(kinds, name, content) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        FileContentValidator(kinds)(samples.upload(name, content))
    return refused.value


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("name", GENUINE)
def test_each_genuine_kind_passes_where_documents_are_taken(name):
    upload = samples.upload(name, GENUINE[name])
    FileContentValidator(DOCUMENTS)(upload)
    assert upload.tell() == 0, "the next reader starts at the beginning"


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        ("证书.pdf", samples.EXE_BYTES, "a Windows program (.exe)"),
        ("证书.pdf", samples.HTML_BYTES, "an HTML web page"),
        ("名单.xlsx", samples.HTML_BYTES, "an HTML web page"),
        ("名单.xlsx", samples.PLAIN_ZIP_BYTES, "a ZIP archive"),
        ("说明.docx", samples.XLSX_BYTES, "an Excel workbook (.xlsx)"),
        ("照片.jpg", b"\x7fELF\x02\x01\x01" + b"\x00" * 60, "a Linux program"),
        ("照片.png", b"GIF89a\x01\x00\x01\x00", "a GIF image"),
        ("证书.pdf", "纯文本，不是PDF".encode(), "plain text"),
        ("证书.pdf", b"", "an empty file"),
        ("证书.pdf", bytes(range(256)) * 4, "data of an unknown kind"),
    ],
)
def test_a_disguised_file_is_refused_saying_what_it_holds(name, content, what):
    error = refusal(SUPPORTING_DOCUMENTS, name, content)
    assert error.code == "content_type"
    assert error.messages == [
        f"{name} is not a PDF, a JPEG image, a PNG image or a Word document (.docx): "
        f"what it holds is {what}."
    ]


def test_a_kind_the_upload_is_not_for_is_refused_even_when_genuine():
    error = refusal(WORKBOOK, "名单.xlsx", samples.PDF_BYTES)
    assert error.messages == ["名单.xlsx is not an Excel workbook (.xlsx): what it holds is a PDF."]
    refusal(SUPPORTING_DOCUMENTS, "名单.xlsx", samples.XLSX_BYTES)  # evidence is no spreadsheet


def test_an_xlsx_needs_its_workbook_part_not_only_the_zip_signature():
    broken = samples._zip({"[Content_Types].xml": b"<Types/>", "xl/styles.xml": b"<s/>"})
    refusal(WORKBOOK, "名单.xlsx", broken)
    refusal(WORKBOOK, "名单.xlsx", samples.XLSX_BYTES[:40])  # a truncated archive


def test_a_file_over_the_limit_is_refused_with_its_size(settings):
    settings.TALENTZONE_UPLOAD_MAX_BYTES = 2**20
    big = samples.PDF_BYTES + b"0" * 2**20
    error = refusal(DOCUMENTS, "扫描件.pdf", big)
    assert error.code == "too_large"
    assert error.messages == ["扫描件.pdf is 1.0 MB; a file may be at most 1.0 MB."]


def test_the_description_of_text_is_not_fooled_by_a_character_cut_in_half():
    head = "中文说明".encode() * 2048  # the 8 kB head ends inside a character
    assert describe_content(head[:8191]) == "plain text"


class EvidenceForm(forms.Form):
    file = upload_form_field(SUPPORTING_DOCUMENTS, label="File")


class EvidenceSerializer(serializers.Serializer):
    file = serializers.FileField(validators=[FileContentValidator(SUPPORTING_DOCUMENTS)])


def test_a_form_puts_the_refusal_beside_its_field_and_hints_the_browser():
    form = EvidenceForm(files={"file": samples.disguised_exe()})
    assert not form.is_valid()
    assert "a Windows program (.exe)" in form.errors["file"][0]
    assert form.fields["file"].widget.attrs["accept"] == ".pdf,.jpg,.jpeg,.png,.docx"
    assert str(form.fields["file"].help_text).endswith("at most 20 MB each.")
    assert EvidenceForm(files={"file": samples.pdf()}).is_valid()


def test_a_serializer_answers_on_the_field():
    serializer = EvidenceSerializer(data={"file": samples.disguised_html()})
    assert not serializer.is_valid()
    assert "an HTML web page" in serializer.errors["file"][0]
    assert EvidenceSerializer(data={"file": samples.pdf()}).is_valid()
