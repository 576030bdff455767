"""The PDF job as a plain Python function (pypdf): a PDF's path in, its text written beside, its counts out.

    parallel:pdftext?backend=process&python=pdftext:pdf_text&pythonPath=python
"""

import os

from pypdf import PdfReader


def pdf_text(path):
    """Extracts the text of every page into text-python/<name>.txt; returns {"pages": n, "words": n}."""
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    folder = os.path.join(os.path.dirname(os.path.dirname(path)), "text-python")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, os.path.basename(path)[:-4] + ".txt"), "w", encoding="utf-8") as out:
        out.write(text)
    return {"pages": len(reader.pages), "words": len(text.split())}
