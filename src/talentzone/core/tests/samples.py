"""Small genuine files of each kind an upload takes, and disguised ones, for upload tests."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x00IEND\xaeB`\x82"
)
# What a Windows program starts with (the DOS header), and a web page with a script.
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX_BYTES = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX_BYTES = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
PLAIN_ZIP_BYTES = _zip({"readme.txt": b"hello"})

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    """A file as a browser sends it: the content type follows the name, not the content."""
    suffix = name[name.rfind(".") :] if "." in name else ""
    return SimpleUploadedFile(name, content, CONTENT_TYPES.get(suffix, "application/octet-stream"))


def pdf(name: str = "证明.pdf") -> SimpleUploadedFile:
    return upload(name, PDF_BYTES)


def disguised_exe(name: str = "证明.pdf") -> SimpleUploadedFile:
    return upload(name, EXE_BYTES)


def disguised_html(name: str = "证明.pdf") -> SimpleUploadedFile:
    return upload(name, HTML_BYTES)
