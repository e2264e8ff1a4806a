"""The files attached to the demo's applications: a one-page PDF that says it is a demo."""

PAGE = "595 842"  # A4, in points


def demo_pdf(application, document_name: str) -> bytes:
    """A small valid PDF naming the application; the document's (Chinese) name is the file's
    name, the page itself stays in ASCII so that no font has to be embedded."""
    lines = [
        "talentzone demo attachment",
        f"Application {application.number}",
        f"Policy {application.policy.code}",
        "Fictional: made by `talentzone seed` for the demo only.",
    ]
    return one_page_pdf(lines)


def one_page_pdf(lines: list[str]) -> bytes:
    """A valid one-page A4 PDF of ASCII lines in Helvetica (other demos attach these too)."""
    text = "BT /F1 14 Tf 72 770 Td 20 TL " + " ".join(f"({_escape(line)}) '" for line in lines)
    content = f"{text} ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE}] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".encode("ascii"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
