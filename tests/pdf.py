"""Reading PDFs in tests as a reader would: their text, pages, outline and metadata."""

import io

import pypdf


def read(response) -> pypdf.PdfReader:
    assert response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(response.content))


def text(reader: pypdf.PdfReader) -> str:
    """All the text, with line breaks and hyphenation folded into single spaces."""
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def outline_titles(reader: pypdf.PdfReader) -> list[str]:
    titles = []

    def walk(entries) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                titles.append(entry.title)

    walk(reader.outline)
    return titles
