"""Word documents as a German office writes them (python-docx, imported only when a Word
file is asked for): A4 with 2 cm margins, the language set for Word's spelling checker,
document properties without library names, a running footer with `Seite N von M` as Word
fields, the stamp (draft, classification) in every page's header, tables whose header row
repeats on each page. `formats/docx.py` (the round) and `formats/_minutes.py` use them."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from mpi.i18n import _, language
from mpi.render import columns
from mpi.render.safe import visible

if TYPE_CHECKING:
    from docx.document import Document


LANGUAGE_TAGS = {"de": "de-DE", "en": "en-GB"}


def plain(value: Any) -> str:
    """Plan text for a Word run: no control or bidi character reaches the file (XML 1.0 has
    no room for most of them anyway)."""
    return visible("" if value is None else str(value))


TEXT_WIDTH_MM = 170.0  # A4 less two margins of 20 mm
SIZES = (10.0, 9.0, 8.0)  # the body's size, and smaller where a table's words need it


def add_table(doc: Document, head: list[str], rows: list[list[str]]) -> None:
    """A table whose columns are as wide as their content asks (`render.columns`): no word
    broken inside a cell, in the body's size or, where its longest words need it, smaller."""
    from docx.shared import Mm, Pt

    head = [plain(h) for h in head]
    rows = [[plain(c) for c in r] for r in rows]
    for size in SIZES:
        widths, fits = columns.widths(head, rows, TEXT_WIDTH_MM, size)
        if fits:
            break
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)

    def fill(cells: Any, texts: list[str], bold: bool) -> None:
        for cell, text, width in zip(cells, texts, widths, strict=True):
            cell.width = Mm(width)  # Word reads the cell's width, LibreOffice the grid's
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold = bold
            if size != SIZES[0]:
                run.font.size = Pt(size)

    fill(table.rows[0].cells, head, True)
    _repeat_header(table.rows[0])
    for row in rows:
        fill(table.add_row().cells, row, False)


def _repeat_header(row: Any) -> None:
    """The header row repeats at the top of each page a table runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def document(title: str, running: str, today: date, marked: str) -> Document:
    """A new A4 document in the active language: its properties, the running footer with
    page numbers, the stamp (draft, classification) in the header of every page."""
    from docx import Document as new_document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    doc = new_document()
    for part in doc.sections:  # A4 with 2 cm margins, as a German office prints it
        part.page_width, part.page_height = Mm(210), Mm(297)
        part.left_margin = part.right_margin = Mm(20)
        part.top_margin = part.bottom_margin = Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    tag = OxmlElement("w:lang")
    tag.set(qn("w:val"), LANGUAGE_TAGS.get(language(), "de-DE"))
    normal.element.get_or_add_rPr().append(tag)  # Word's spelling checker reads German
    properties = doc.core_properties
    properties.title = plain(title)
    properties.author = properties.last_modified_by = "mpi"
    properties.comments = ""  # the template's says which library wrote the file
    properties.language = LANGUAGE_TAGS.get(language(), "de-DE")
    properties.created = properties.modified = datetime.combine(today, time())
    _without_template_leftovers(doc)
    _page_numbers(doc, plain(running))
    if marked:  # on every page: in the header
        for part in doc.sections:
            head = part.header.paragraphs[0].add_run(plain(marked))
            head.bold = True
            head.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
    return doc


def _without_template_leftovers(doc: Document) -> None:
    """Without the parts python-docx's template brings along: its app properties (which name
    "Microsoft Macintosh Word" as the writer, with another document's page and word counts)
    and its thumbnail (a picture of another page). Word writes both anew when it saves."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rels = doc.part.package.rels
    for key, rel in list(rels.items()):
        if rel.reltype in (RT.EXTENDED_PROPERTIES, RT.THUMBNAIL):
            del rels[key]


def saved(doc: Document) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page_numbers(doc: Any, running: str) -> None:
    """A running footer on every page: the plan's title and `Seite N von M`, as Word fields
    (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay the pages out."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc.styles["Footer"].font.size = Pt(8)
    words = _("page {page} of {pages}")  # `Seite 3 von 12`
    before, rest = words.split("{page}", 1)
    between, after = rest.split("{pages}", 1)
    for part in doc.sections:
        footer = part.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run(f"{running} · {before}")
        _field(footer, "PAGE", "1")
        footer.add_run(between)
        _field(footer, "NUMPAGES", "1")
        footer.add_run(after)


def _field(paragraph: Any, code: str, shown: str) -> None:
    """A Word field in runs of its own: begin, its code, separate, `shown` (until Word or
    LibreOffice updates it), end."""
    _mark(paragraph, "begin")
    _code(paragraph, code)
    _mark(paragraph, "separate")
    paragraph.add_run(shown)
    _mark(paragraph, "end")


def _mark(paragraph: Any, kind: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    paragraph.add_run().element.append(mark)


def _code(paragraph: Any, code: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    paragraph.add_run().element.append(instruction)


def contents(doc: Any, entries: list[str]) -> None:
    """The table of contents as Word's TOC field over the headings of levels 1 and 2, with
    the list of parts as its text until Word updates it (it is told to on opening, and adds
    the page numbers); LibreOffice shows the list."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraphs = [doc.add_paragraph(style="List Number") for _entry in entries]
    first, last = paragraphs[0], paragraphs[-1]
    _mark(first, "begin")
    _code(first, 'TOC \\o "1-2" \\h \\z \\u')
    _mark(first, "separate")
    for paragraph, entry in zip(paragraphs, entries, strict=True):
        paragraph.add_run(entry)
    _mark(last, "end")
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)
