#!/usr/bin/python3
"""Render the 2009 BIF status report model through LibreOffice Writer.

    /usr/bin/python3 Corpus/generator/render_libreoffice.py [model.json] [out.pdf] [--keep-fodt FILE]

Defaults: Corpus/generator/statusredegoerelse-2009-bif.model.json ->
Corpus/statusredegoerelse-2009-bif.libreoffice.pdf (paths relative to the
repository root, found from this file's location).

The model is written as a flat OpenDocument text file (.fodt, plain XML, made
here with the standard library only) and converted with

    soffice --headless --convert-to pdf --outdir DIR file.fodt

so that LibreOffice, not this script, does the layout: real two-column table
cells (rows may split across pages), real footnotes (text:note, placed at the
page foot by Writer), a running header and a "Side N" footer from the master
page, A4 portrait. Needs LibreOffice (`apt-get install -y
libreoffice-writer-nogui`) and the DejaVu fonts.

soffice runs with a private, throw-away user profile, so that the settings of
whoever runs it do not leak into the PDF. LibreOffice writes the time of the
conversion into the PDF (/CreationDate in the document information and the
file /ID derived from it); this script overwrites both with fixed values of
the same length afterwards, so two runs give the same bytes (see
normalise_pdf).
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_MODEL = os.path.join(HERE, "statusredegoerelse-2009-bif.model.json")
DEFAULT_OUT = os.path.join(ROOT, "Corpus", "statusredegoerelse-2009-bif.libreoffice.pdf")

MARKER = re.compile(r"\[\^(\d+)\]")
FONT = "DejaVu Sans"
FIXED_DATE = "D:20090601000000"     # replaces the conversion time (see normalise_pdf)

NAMESPACES = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


# ---------------------------------------------------------------- styles
# Named styles (office:styles): what a person would define in Writer's stylist.
STYLES = """
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:orphans="2" fo:widows="2"/>
   <style:text-properties style:font-name="{font}" fo:font-size="10pt"
     fo:language="da" fo:country="DK" fo:hyphenate="false"/>
  </style:default-style>
  <style:default-style style:family="table-cell">
   <style:table-cell-properties fo:padding="0.1cm"/>
  </style:default-style>

  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph"
    style:parent-style-name="Standard" style:class="text">
   <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.25cm" fo:line-height="130%"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"
    style:class="chapter">
   <style:paragraph-properties fo:margin-bottom="0.4cm" fo:keep-with-next="always"/>
   <style:text-properties fo:font-size="15pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
    style:parent-style-name="Standard" style:default-outline-level="1" style:class="text">
   <style:paragraph-properties fo:margin-top="0.35cm" fo:margin-bottom="0.25cm" fo:keep-with-next="always"/>
   <style:text-properties fo:font-size="13pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"
    style:parent-style-name="Standard" style:default-outline-level="2" style:class="text">
   <style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>
   <style:text-properties fo:font-size="11.5pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph"
    style:parent-style-name="Standard" style:default-outline-level="3" style:class="text">
   <style:paragraph-properties fo:margin-top="0.15cm" fo:margin-bottom="0.07cm" fo:keep-with-next="always"/>
   <style:text-properties fo:font-size="10.5pt" fo:font-weight="bold" fo:font-style="italic"/>
  </style:style>
  <style:style style:name="List_20_Paragraph" style:display-name="List Paragraph" style:family="paragraph"
    style:parent-style-name="Text_20_body">
   <style:paragraph-properties fo:margin-bottom="0.08cm"/>
  </style:style>
  <style:style style:name="Contents_20_1" style:display-name="Contents 1" style:family="paragraph"
    style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-top="0.2cm" fo:margin-bottom="0.04cm" fo:keep-with-next="always"/>
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Contents_20_2" style:display-name="Contents 2" style:family="paragraph"
    style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-left="0.635cm" fo:margin-bottom="0.02cm"/>
  </style:style>
  <style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph"
    style:parent-style-name="Standard" style:class="extra">
   <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.14cm"/>
  </style:style>
  <style:style style:name="Table_20_Label" style:display-name="Table Label" style:family="paragraph"
    style:parent-style-name="Table_20_Contents" style:class="extra">
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Table_20_Caption" style:display-name="Table Caption" style:family="paragraph"
    style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-bottom="0.12cm" fo:keep-with-next="always"/>
   <style:text-properties fo:font-size="10pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard"
    style:class="extra">
   <style:paragraph-properties fo:margin-left="0.4cm" fo:text-indent="-0.4cm" fo:margin-bottom="0.05cm"/>
   <style:text-properties fo:font-size="8pt"/>
  </style:style>
  <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard"
    style:class="extra">
   <style:paragraph-properties fo:padding-bottom="0.05cm" fo:border-bottom="0.4pt solid #000000"/>
   <style:text-properties fo:font-size="7.5pt" fo:color="#404040"/>
  </style:style>
  <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard"
    style:class="extra">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-size="8.5pt"/>
  </style:style>
  <style:style style:name="Footnote_20_anchor" style:display-name="Footnote anchor" style:family="text">
   <style:text-properties style:text-position="super 58%"/>
  </style:style>
  <style:style style:name="Footnote_20_Symbol" style:display-name="Footnote Symbol" style:family="text">
   <style:text-properties style:text-position="super 58%"/>
  </style:style>
  <text:notes-configuration text:note-class="footnote" text:citation-style-name="Footnote_20_Symbol"
    text:citation-body-style-name="Footnote_20_anchor" style:num-format="1" text:start-value="0"
    text:footnotes-position="page" text:start-numbering-at="document"/>
""".format(font=FONT)

# Automatic styles: page layout, table geometry, cell borders, page breaks.
BORDER = "0.5pt solid #000000"
AUTOMATIC_STYLES = """
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21.001cm" fo:page-height="29.7cm"
     style:print-orientation="portrait" fo:margin-top="1.1cm" fo:margin-bottom="0.9cm"
     fo:margin-left="2.2cm" fo:margin-right="2.0cm">
    <style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.15cm"
      style:distance-after-sep="0.1cm" style:line-style="solid" style:adjustment="left"
      style:rel-width="25%" style:color="#000000"/>
   </style:page-layout-properties>
   <style:header-style>
    <style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/>
   </style:header-style>
   <style:footer-style>
    <style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/>
   </style:footer-style>
  </style:page-layout>

  <style:style style:name="PageBreak" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:break-before="page"/>
  </style:style>
  <style:style style:name="Heading1Break" style:family="paragraph" style:parent-style-name="Heading_20_1">
   <style:paragraph-properties fo:break-before="page"/>
  </style:style>
  <style:style style:name="Heading2Break" style:family="paragraph" style:parent-style-name="Heading_20_2">
   <style:paragraph-properties fo:break-before="page"/>
  </style:style>
  <style:style style:name="NumberCell" style:family="paragraph" style:parent-style-name="Table_20_Contents">
   <style:paragraph-properties fo:text-align="end"/>
  </style:style>
  <style:style style:name="NumberCellBold" style:family="paragraph" style:parent-style-name="Table_20_Contents">
   <style:paragraph-properties fo:text-align="end"/>
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="SmallCell" style:family="paragraph" style:parent-style-name="Table_20_Contents">
   <style:text-properties fo:font-size="8pt"/>
  </style:style>
  <style:style style:name="SmallCellBold" style:family="paragraph" style:parent-style-name="Table_20_Contents">
   <style:text-properties fo:font-size="8pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="GridCell" style:family="paragraph" style:parent-style-name="Table_20_Contents">
   <style:text-properties fo:font-size="9.5pt"/>
  </style:style>
  <style:style style:name="GridCellBold" style:family="paragraph" style:parent-style-name="Table_20_Contents">
   <style:text-properties fo:font-size="9.5pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="NumberCell95" style:family="paragraph" style:parent-style-name="GridCell">
   <style:paragraph-properties fo:text-align="end"/>
  </style:style>
  <style:style style:name="NumberCell95Bold" style:family="paragraph" style:parent-style-name="GridCellBold">
   <style:paragraph-properties fo:text-align="end"/>
  </style:style>

  <style:style style:name="Row" style:family="table-row">
   <style:table-row-properties fo:keep-together="auto"/>
  </style:style>
  <style:style style:name="Cell" style:family="table-cell">
   <style:table-cell-properties fo:padding-left="0.18cm" fo:padding-right="0.18cm"
     fo:padding-top="0.12cm" fo:padding-bottom="0.05cm" fo:border="{border}" style:vertical-align="top"/>
  </style:style>
  <style:style style:name="LabelCell" style:family="table-cell">
   <style:table-cell-properties fo:padding-left="0.18cm" fo:padding-right="0.18cm"
     fo:padding-top="0.12cm" fo:padding-bottom="0.05cm" fo:border="{border}"
     fo:background-color="#eeeeee" style:vertical-align="top"/>
  </style:style>
  <style:style style:name="HeadCell" style:family="table-cell">
   <style:table-cell-properties fo:padding-left="0.12cm" fo:padding-right="0.12cm"
     fo:padding-top="0.1cm" fo:padding-bottom="0.03cm" fo:border="{border}"
     fo:background-color="#d9d9d9" style:vertical-align="top"/>
  </style:style>
  <style:style style:name="GroupCell" style:family="table-cell">
   <style:table-cell-properties fo:padding-left="0.12cm" fo:padding-right="0.12cm"
     fo:padding-top="0.1cm" fo:padding-bottom="0.03cm" fo:border="{border}"
     fo:background-color="#ebebeb" style:vertical-align="top"/>
  </style:style>
  <style:style style:name="GridCellBox" style:family="table-cell">
   <style:table-cell-properties fo:padding-left="0.12cm" fo:padding-right="0.12cm"
     fo:padding-top="0.1cm" fo:padding-bottom="0.03cm" fo:border="{border}" style:vertical-align="top"/>
  </style:style>
""".format(border=BORDER)

CONTENT_CM = 21.001 - 2.2 - 2.0     # text width of the page
# column widths (fractions of the text width) per table kind, as in render_report.py
COLUMNS = {
    "initiative": [0.30, 0.70],
    "indicators": [0.045, 0.245, 0.13, 0.12, 0.17, 0.29],
    "goals": [0.42, 0.58],
    "projects": [0.62, 0.38],
    "budget": [0.52, 0.12, 0.12, 0.12, 0.12],
}


def table_styles():
    """A table style and one column style per column for every table kind."""
    out = []
    for kind, fractions in COLUMNS.items():
        out.append('  <style:style style:name="T_%s" style:family="table">\n'
                   '   <style:table-properties style:width="%.3fcm" table:align="left"'
                   ' style:may-break-between-rows="true" fo:margin-top="0.1cm" fo:margin-bottom="0.3cm"/>\n'
                   '  </style:style>' % (kind, CONTENT_CM))
        for i, f in enumerate(fractions):
            out.append('  <style:style style:name="T_%s.%s" style:family="table-column">\n'
                       '   <style:table-column-properties style:column-width="%.3fcm"/>\n'
                       '  </style:style>' % (kind, chr(65 + i), f * CONTENT_CM))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- inline text
class Notes:
    """Turns [^N] markers into real footnotes (text:note), checking that
    Writer's automatic numbering (1, 2, 3 … in document order) gives N."""

    def __init__(self, footnotes):
        self.texts = {k: v["text"] for k, v in footnotes.items()}
        self.count = 0

    def note(self, number):
        self.count += 1
        if str(self.count) != number:
            raise ValueError("footnote [^%s] is the %d. in document order: Writer would number it %d"
                             % (number, self.count, self.count))
        return ('<text:note text:id="ftn%s" text:note-class="footnote">'
                '<text:note-citation>%s</text:note-citation><text:note-body>'
                '<text:p text:style-name="Footnote">%s</text:p>'
                '</text:note-body></text:note>' % (number, number, spaces(self.texts[number])))


IN_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
WORD_JOINER = "\u2060"


def spaces(text):
    """Escape text for XML; keep runs of spaces (ODF collapses them otherwise).

    A hyphen inside a word ("AC-medarbejdere", "450-timersreglen") gets a
    WORD JOINER after it: Writer would otherwise break the line after the
    hyphen, and "AC-" at a line end reads like the suspended "Børne- og". The
    joiner is not drawn and does not reach the PDF's text."""
    def run(m):
        n = len(m.group(0))
        return " " + ('<text:s text:c="%d"/>' % (n - 1) if n > 2 else "<text:s/>")
    text = IN_WORD_HYPHEN.sub("-" + WORD_JOINER, text)
    return re.sub(r"  +", run, escape(text))


def inline(text, notes):
    """Paragraph text: footnote markers become notes, '\\n' a line break."""
    out, pos = [], 0
    for m in MARKER.finditer(text):
        out.append(spaces(text[pos:m.start()]))
        out.append(notes.note(m.group(1)))
        pos = m.end()
    out.append(spaces(text[pos:]))
    return "".join(out).replace("\n", "<text:line-break/>")


def para(style, text, notes):
    return '<text:p text:style-name="%s">%s</text:p>' % (style, inline(text, notes))


# ---------------------------------------------------------------- body
class Body:
    def __init__(self, model):
        self.model = model
        self.notes = Notes(model["footnotes"])
        self.parts = []
        self.break_next = False     # a hard page break waits for the next paragraph
        self.tables = 0

    def emit(self, xml):
        self.parts.append(xml)

    def style(self, style):
        """Paragraph style for the next block element, with the pending page break."""
        if not self.break_next:
            return style
        self.break_next = False
        return {"Heading_20_1": "Heading1Break", "Heading_20_2": "Heading2Break"}.get(style, "PageBreak")

    def heading(self, level, text):
        style = self.style("Heading_20_%d" % level)
        self.emit('<text:h text:style-name="%s" text:outline-level="%d">%s</text:h>'
                  % (style, level, inline(text, self.notes)))

    def table(self, kind, rows, caption=None):
        """rows: list of [(cell style, paragraph style, [paragraph texts]), …]."""
        if caption:
            self.emit(para(self.style("Table_20_Caption"), caption, self.notes))
        elif self.break_next:
            self.emit('<text:p text:style-name="%s"/>' % self.style("Standard"))
        self.tables += 1
        out = ['<table:table table:name="Table%d" table:style-name="T_%s">' % (self.tables, kind)]
        for i in range(len(COLUMNS[kind])):
            out.append(' <table:table-column table:style-name="T_%s.%s"/>' % (kind, chr(65 + i)))
        for cells in rows:
            out.append(' <table:table-row table:style-name="Row">')
            for cell_style, p_style, paragraphs in cells:
                out.append('  <table:table-cell table:style-name="%s" office:value-type="string">' % cell_style)
                for p in paragraphs or [""]:
                    out.append("   " + para(p_style, p, self.notes))
                out.append("  </table:table-cell>")
            out.append(" </table:table-row>")
        out.append("</table:table>")
        self.emit("\n".join(out))

    def grid_table(self, el):
        kind = el["kind"]
        small = kind == "indicators"
        plain = "SmallCell" if small else "GridCell"
        bold = "SmallCellBold" if small else "GridCellBold"
        rows = []
        if el.get("columns"):
            head = []
            for i, c in enumerate(el["columns"]):
                right = kind == "budget" and i > 0
                head.append(("HeadCell", "NumberCell95Bold" if right else bold, [c] if c else []))
            rows.append(head)
        for r in el["rows"]:
            cells = r["cells"] if isinstance(r, dict) else r
            strong = isinstance(r, dict) and r["kind"] in ("group", "total")
            cell_style = "GroupCell" if strong else "GridCellBox"
            row = []
            for i, c in enumerate(cells):
                right = (kind == "budget" and i > 0) or (kind == "projects" and i == 1)
                if right:
                    p_style = "NumberCell95Bold" if strong else "NumberCell95"
                else:
                    p_style = bold if strong else plain
                row.append((cell_style, p_style, [c] if c else []))
            rows.append(row)
        self.table(kind, rows, el.get("caption"))

    def initiative(self, el):
        self.heading(2, el["number"] + " " + el["heading"])
        rows = [[("LabelCell", "Table_20_Label", [r["label"]]),
                 ("Cell", "Table_20_Contents", r["value"])] for r in el["rows"]]
        self.table("initiative", rows)

    def run(self):
        for el in self.model["body"]:
            t = el["type"]
            if t == "pagebreak":
                if el["kind"] == "hard":
                    self.break_next = True
            elif t == "title":
                self.emit(para(self.style("Title"), el["text"], self.notes))
            elif t == "heading":
                number = el.get("number")
                self.heading(el["level"], (number + " " if number else "") + el["text"])
            elif t == "paragraph":
                self.emit(para(self.style("Text_20_body"), el["text"], self.notes))
            elif t == "list":
                items = ['<text:list-item>%s</text:list-item>' % para(self.style("List_20_Paragraph"), it["text"], self.notes)
                         for it in el["items"]]
                self.emit('<text:list text:style-name="Bullets">\n %s\n</text:list>' % "\n ".join(items))
            elif t == "toc":
                for e in el["entries"]:
                    self.emit(para(self.style("Contents_20_%d" % e["level"]), e["text"], self.notes))
            elif t == "table":
                self.grid_table(el)
            elif t == "initiative":
                self.initiative(el)
            else:
                raise ValueError("unknown element type %r" % t)
        if self.notes.count != len(self.model["footnotes"]):
            raise ValueError("%d footnote markers for %d footnotes" % (self.notes.count, len(self.model["footnotes"])))
        return "\n".join(self.parts)


BULLETS = """
  <text:list-style style:name="Bullets">
   <text:list-level-style-bullet text:level="1" text:bullet-char="•">
    <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
     <style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.635cm"
       fo:text-indent="-0.4cm" fo:margin-left="0.635cm"/>
    </style:list-level-properties>
   </text:list-level-style-bullet>
  </text:list-style>
"""


def fodt(model):
    body = Body(model).run()
    ns = " ".join('xmlns:%s="%s"' % kv for kv in NAMESPACES.items())
    title = model_title(model)
    return """<?xml version="1.0" encoding="UTF-8"?>
<office:document {ns} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta>
  <dc:title>{title}</dc:title>
  <dc:subject>Rendition of Corpus/statusredegoerelse-2009-bif.txt (test corpus)</dc:subject>
  <meta:initial-creator>Corpus/generator/render_libreoffice.py</meta:initial-creator>
 </office:meta>
 <office:font-face-decls>
  <style:font-face style:name="{font}" svg:font-family={font_attr} style:font-family-generic="swiss"
    style:font-pitch="variable"/>
 </office:font-face-decls>
 <office:styles>{styles}{bullets} </office:styles>
 <office:automatic-styles>{auto}{tables} </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p text:style-name="Header">{header}</text:p></style:header>
   <style:footer><text:p text:style-name="Footer">{footer}</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body>
  <office:text>
{body}
  </office:text>
 </office:body>
</office:document>
""".format(ns=ns, title=escape(title), font=FONT, font_attr=quoteattr("'%s'" % FONT),
           styles=STYLES, bullets=BULLETS, auto=AUTOMATIC_STYLES, tables=table_styles(),
           header=escape(model["running_header"]),
           footer=escape(model["footer"]).replace("{page}", '<text:page-number text:select-page="current">1</text:page-number>'),
           body=body)


def model_title(model):
    for el in model["body"]:
        if el["type"] == "title":
            return el["text"].replace("\n", " ")
    return ""


# ---------------------------------------------------------------- PDF
def convert(fodt_path, outdir):
    """soffice --headless --convert-to pdf, with a private user profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("soffice not found: apt-get install -y libreoffice-writer-nogui")
    profile = os.path.join(outdir, "profile")
    cmd = [soffice, "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", outdir, fodt_path]
    env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC")
    subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(fodt_path))[0] + ".pdf")
    if not os.path.exists(pdf):
        sys.exit("soffice wrote no PDF")
    return pdf


def normalise_pdf(data):
    """Replace what varies between runs by fixed values of the same length, so
    that every byte offset (and the xref table) stays valid:

    * the time in /CreationDate (D:YYYYMMDDhhmmss…) of the document information
      becomes FIXED_DATE;
    * the trailer's /ID (LibreOffice derives it from the time and the file
      name) and /DocChecksum (an MD5 that covers the date) become the MD5 of
      the file with both blanked out.
    """
    data, n = re.subn(rb"/CreationDate\(D:\d{14}", b"/CreationDate(" + FIXED_DATE.encode("ascii"), data)
    if n != 1:
        raise RuntimeError("expected one /CreationDate, found %d" % n)
    hexes = re.compile(rb"(/ID\s*\[\s*<)([0-9A-F]+)(>\s*<)([0-9A-F]+)(>\s*\]\s*/DocChecksum\s*/)([0-9A-F]+)")
    if len(hexes.findall(data)) != 1:
        raise RuntimeError("expected one trailer with /ID and /DocChecksum")

    def fill(digest):
        def sub(m):
            g = m.groups()
            return (g[0] + digest[:len(g[1])] + g[2] + digest[:len(g[3])] + g[4]
                    + digest[:len(g[5])])
        return sub
    blank = hexes.sub(fill(b"0" * 64), data)
    digest = hashlib.md5(blank).hexdigest().upper().encode("ascii") * 2
    return hexes.sub(fill(digest), data)


def main(argv):
    args = list(argv[1:])
    keep = None
    if "--keep-fodt" in args:
        i = args.index("--keep-fodt")
        keep = args[i + 1]
        del args[i:i + 2]
    model_path = args[0] if len(args) > 0 else DEFAULT_MODEL
    out_path = args[1] if len(args) > 1 else DEFAULT_OUT
    with open(model_path, encoding="utf-8") as f:
        model = json.load(f)
    xml = fodt(model)
    with tempfile.TemporaryDirectory(prefix="indsats-lo-") as tmp:
        name = os.path.splitext(os.path.basename(out_path))[0] + ".fodt"
        fodt_path = os.path.join(tmp, name)
        with open(fodt_path, "w", encoding="utf-8") as f:
            f.write(xml)
        if keep:
            shutil.copyfile(fodt_path, keep)
        pdf = convert(fodt_path, tmp)
        with open(pdf, "rb") as f:
            data = normalise_pdf(f.read())
    with open(out_path, "wb") as f:
        f.write(data)
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    print("wrote %s: %d pages" % (os.path.relpath(out_path), pages))


if __name__ == "__main__":
    main(sys.argv)
