#!/usr/bin/python3
"""Render the 2009 BIF status report model as a PDF whose drawing order is
hostile to naive text extraction.

    /usr/bin/python3 Corpus/generator/render_hostile.py [model.json] [out.pdf]

Defaults: Corpus/generator/statusredegoerelse-2009-bif.model.json ->
Corpus/statusredegoerelse-2009-bif.hostile.pdf.

The page looks like the plain rendition (render_report.py, whose layout code
this reuses), and a careful reader reads the same text. What changes is how
it is drawn, as real exports do (issue 3, part 7):

* table cells are drawn column by column: per table and page, the label
  column's shading, then all labels, then all values, then the rules;
* label cells are vertically centred against their value cells;
* the running header, the "Side N" footer and the footnotes are drawn in the
  middle of the page's body in the content stream (at their usual places);
* ligature glyphs ﬁ ﬂ ﬀ (U+FB01, U+FB02, U+FB00) replace fi, fl, ff in the
  values of some initiatives (LIGATURE_INITIATIVES);
* soft hyphens (U+00AD) in some long words (SOFT_HYPHEN_WORDS in
  SOFT_HYPHEN_CELLS): inside a line they are in the text layer but invisible
  (text render mode 3, squeezed to no width by horizontal scaling); where the
  word is split at a line end, the soft hyphen is drawn as a visible hyphen
  and the word goes on at the start of the next line;
* justified text whose words are drawn one by one at computed positions, with
  no space characters, in the cells of JUSTIFIED;
* a block heading at the foot of a page with its table on the next
  (HEADING_AT_FOOT);
* a header row (HEADER_ROW, grey, bold) at the top of every initiative table
  and repeated at the top of each page a table continues on; it is not a
  field;
* a landscape page for the budget table (section 4.1);
* a small bordered two-column table nested in a value cell (NESTED_TABLE).

The layout log (pages, row splits, and where each feature landed) goes to
stdout; README.md in this folder records it. Byte-for-byte reproducible
(invariant=1), like render_report.py.
"""
import json
import os
import re
import sys

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import render_report as rr  # noqa: E402  (the plain renderer: layout, wrapping, fonts)

ROOT = rr.ROOT
DEFAULT_OUT = os.path.join(ROOT, "Corpus", "statusredegoerelse-2009-bif.hostile.pdf")

SHY = "\u00ad"
LIGATURES = [("ff", "\ufb00"), ("fi", "\ufb01"), ("fl", "\ufb02")]   # "ffi" becomes "ﬀi"

# ---------------------------------------------------------------- where the features go
LIGATURE_INITIATIVES = {"2.4", "2.6", "2.10", "2.13"}       # every fi/fl/ff of their values
JUSTIFIED = {("2.2", "Beskriv aktiviteterne"), ("2.10", "Beskriv aktiviteterne"),
             ("2.14", "Beskriv aktiviteterne"), ("3.1", "Beskriv aktiviteterne")}
SOFT_HYPHEN_CELLS = {("2.5", None), ("2.10", "Beskriv aktiviteterne")}   # None: every row
# Soft hyphens at compound boundaries, as a Danish hyphenation dictionary would put them.
SOFT_HYPHEN_WORDS = {w.replace("|", ""): w.replace("|", SHY) for w in [
    "Integrations|forvaltningen", "Integrations|forvaltningens", "bolig|organisationer",
    "bolig|organisationerne", "med|finansieringen", "med|finansiering", "Borger|repræsentationen",
    "Helhedsplans|teamet", "Miljø|forvaltningen", "Social|forvaltningen", "Velfærds|ministeriets",
    "evaluerings|koncept", "integrations|politikkens", "Lands|byggefonden", "helheds|planerne",
    "diskriminations|indsatser", "diskriminations|omfanget", "diskriminations|området",
    "diskriminations|pulje", "diskriminations|sager", "informations|materiale",
    "ligebehandlings|politik", "sammenhængs|kraften", "Samarbejds|gruppen", "Menneske|rettigheder",
]}
HEADING_AT_FOOT = "2.12"            # its heading ends the previous page; the table starts the next
HEADER_ROW = ("Indsats", "Beskrivelse")
NESTED_TABLE = ("3.3", "Økonomi", 2)    # initiative, label, paragraph index
LANDSCAPE_TABLE = "budget"          # this table gets a landscape page of its own

HEADER_FILL = 0.80
NEST_PAD = 3.0
NEST_PAD_X = 5.0
SHY_SCALE = 0.01                    # percent: horizontal scaling of an invisible soft hyphen


def set_orientation(landscape):
    """Point render_report's page geometry at A4 portrait or landscape. Its
    layout methods read these module globals at call time."""
    w, h = (rr.A4[1], rr.A4[0]) if landscape else rr.A4
    rr.PAGE_W, rr.PAGE_H = w, h
    rr.CONTENT_W = w - rr.MARGIN_L - rr.MARGIN_R
    rr.HEADER_Y = h - 34.0
    rr.BODY_TOP = h - 64.0


# ---------------------------------------------------------------- the recording canvas
class Recorder:
    """Stands in for the reportlab canvas while a page is laid out. Every
    drawing call is recorded with the graphics state it needs and the current
    tag; showPage replays the page on the real canvas in hostile order."""

    def __init__(self, real):
        self.real = real
        self.ops = []
        self.tag = "body"
        self.font = None
        self.fill = 0.0
        self.lw = 1.0

    # state
    def setFont(self, name, size, leading=None):
        self.font = (name, size)

    def setFillGray(self, g):
        self.fill = g

    def setLineWidth(self, w):
        self.lw = w

    # drawing
    def record(self, fn):
        self.ops.append((self.tag, self.font, self.fill, self.lw, fn))

    def drawString(self, x, y, s):
        self.record(lambda c: c.drawString(x, y, s))

    def drawCentredString(self, x, y, s):
        self.record(lambda c: c.drawCentredString(x, y, s))

    def line(self, *a):
        self.record(lambda c: c.line(*a))

    def rect(self, *a, **k):
        self.record(lambda c: c.rect(*a, **k))

    def circle(self, *a, **k):
        self.record(lambda c: c.circle(*a, **k))

    # pages
    def showPage(self):
        state = None
        for tag, font, fill, lw, fn in hostile_order(self.ops):
            if (font, fill, lw) != state:
                if font:
                    self.real.setFont(*font)
                self.real.setFillGray(fill)
                self.real.setLineWidth(lw)
                state = (font, fill, lw)
            fn(self.real)
        self.real.showPage()
        self.ops = []

    def save(self):
        self.real.save()


def hostile_order(ops):
    """Body in drawing order, except that each table part is drawn column by
    column (tags ("cell", part, column)); the page furniture (header, footer,
    footnotes) goes in the middle of the body."""
    furniture = [op for op in ops if op[0] == "furniture"]
    body = [op for op in ops if op[0] != "furniture"]
    out, done = [], set()
    for op in body:
        tag = op[0]
        if isinstance(tag, tuple):
            part = tag[1]
            if part in done:
                continue
            done.add(part)
            cells = [o for o in body if isinstance(o[0], tuple) and o[0][1] == part]
            out.extend(sorted(cells, key=lambda o: o[0][2]))     # stable: keeps line order
        else:
            out.append(op)
    mid = len(out) // 2
    return out[:mid] + furniture + out[mid:]


# ---------------------------------------------------------------- value cell content
class Line:
    def __init__(self, words, hyphen_end, last, gap=0.0):
        self.words = words          # display words (may hold ligatures and SHY)
        self.hyphen_end = hyphen_end    # the last word is split here with a visible soft hyphen
        self.last = last            # last line of a paragraph or before a hard break
        self.gap = gap              # extra space above (paragraph gap)
        self.justify = False
        self.height = rr.INIT_LEAD


class Nested:
    def __init__(self, rows, gap):
        self.rows = rows            # [(left text, right text)]
        self.gap = gap
        self.row_h = rr.INIT_LEAD + 2 * NEST_PAD
        self.height = len(rows) * self.row_h + 2.0


def word_width(word, fontname, size):
    """Width as drawn: soft hyphens inside a word take no room."""
    return sum(pdfmetrics.stringWidth(p, fontname, size) for p in word.split(SHY))


def wrap_words(text, fontname, size, width):
    """Greedy word wrap that may split a word at a soft hyphen when the whole
    word does not fit. Returns Lines ('\\n' is a hard break)."""
    space = pdfmetrics.stringWidth(" ", fontname, size)
    shy_w = pdfmetrics.stringWidth(SHY, fontname, size)
    lines = []
    for segment in text.split("\n"):
        words = [w for w in segment.split(" ") if w]
        cur, cur_w = [], 0.0
        i = 0
        while i < len(words):
            w = words[i]
            ww = word_width(w, fontname, size)
            need = ww if not cur else cur_w + space + ww
            if need <= width or not cur:
                cur.append(w)
                cur_w = need
                i += 1
                continue
            # try to split w at its last soft hyphen that still fits
            parts = w.split(SHY)
            placed = False
            for k in range(len(parts) - 1, 0, -1):
                head = SHY.join(parts[:k]) + SHY
                hw = word_width(head, fontname, size) + shy_w
                if cur_w + space + hw <= width:
                    cur.append(head)
                    lines.append(Line(cur, True, False))
                    words[i] = SHY.join(parts[k:])
                    cur, cur_w = [], 0.0
                    placed = True
                    break
            if not placed:
                lines.append(Line(cur, False, False))
                cur, cur_w = [], 0.0
        lines.append(Line(cur, False, True))
    return lines


def with_ligatures(text):
    for plain, lig in LIGATURES:
        text = text.replace(plain, lig)
    return text


def with_soft_hyphens(text):
    def word(m):
        return SOFT_HYPHEN_WORDS.get(m.group(0), m.group(0))
    return re.sub(r"\w+", word, text)


# ---------------------------------------------------------------- the renderer
class HostileRenderer(rr.Renderer):
    def __init__(self, model, out_path):
        set_orientation(False)
        super().__init__(model, out_path)
        self.c.setCreator("Corpus/generator/render_hostile.py")
        self.real = self.c
        self.c = Recorder(self.real)
        self.landscape = False
        self.part = 0               # table parts (one per table and page), for the drawing order
        self.features = []          # (page, what, where, detail) for the log

    def note(self, what, where, detail=None):
        self.features.append((self.page, what, where, detail))

    # -- pages
    def new_page(self, first=False, landscape=None):
        super().new_page(first)     # finishes (replays) the previous page
        if landscape is not None and landscape != self.landscape:
            set_orientation(landscape)
            self.landscape = landscape
            self.note("landscape page", "")
        if not first:
            self.real.setPageSize((rr.PAGE_W, rr.PAGE_H))
        self.y = rr.BODY_TOP

    def finish_page(self):
        self.c.tag = "furniture"    # header, footnotes and footer
        super().finish_page()
        self.c.tag = "body"

    # -- text with soft hyphens: one text object, soft hyphens invisible and of
    #    zero advance inside the string, a visible hyphen at its end
    def draw_text(self, x, y, s, fontname, size):
        def fn(c):
            t = c.beginText(x, y)
            t.setFont(fontname, size)
            parts = s.split(SHY)
            for i, p in enumerate(parts):
                if p:
                    t.textOut(p)
                if i == len(parts) - 1:
                    break
                if i == len(parts) - 2 and parts[-1] == "":
                    t.textOut(SHY)                      # line-end split: visible hyphen
                else:
                    # invisible, and (almost) no advance: horizontal scaling
                    # squeezes it. (Cancelling the advance with a negative
                    # character spacing instead makes pdftotext -raw start a
                    # new line after the soft hyphen.)
                    t.setTextRenderMode(3)
                    t.setHorizScale(SHY_SCALE)
                    t.textOut(SHY)
                    t.setHorizScale(100)
                    t.setTextRenderMode(0)
            c.drawText(t)
        self.c.setFont(fontname, size)
        self.c.record(fn)

    # -- driver
    def run(self):
        body = self.model["body"]
        for i, el in enumerate(body):
            t = el["type"]
            if t == "pagebreak":
                nxt = body[i + 1] if i + 1 < len(body) else {}
                if nxt.get("type") == "initiative" and nxt["number"] == HEADING_AT_FOOT:
                    continue        # the heading stays at the foot of the page
                if el["kind"] == "hard" and not self.fresh:
                    self.new_page()
            elif t == "title":
                self.title(el)
            elif t == "heading":
                self.heading(el)
            elif t == "paragraph":
                self.text_block(el["text"])
            elif t == "list":
                self.bullet_list(el)
            elif t == "toc":
                self.toc(el)
            elif t == "table":
                if el["kind"] == LANDSCAPE_TABLE:
                    self.new_page(landscape=True)
                self.grid_table(el)
            elif t == "initiative":
                self.initiative(el)
            else:
                raise ValueError("unknown element type %r" % t)
        self.finish_page()
        self.c.save()

    # -- grid tables: as render_report, drawn column by column; the budget
    #    table is set tighter so that it fits its landscape page
    def grid_table(self, el):
        kind = el["kind"]
        size, lead, pad_y = rr.TABLE_SIZE, rr.TABLE_LEAD, rr.PAD_TOP
        if kind == "indicators":
            fr = [0.045, 0.245, 0.13, 0.12, 0.17, 0.29]
            size, lead = rr.SMALL_TABLE_SIZE, rr.SMALL_TABLE_LEAD
        elif kind == "goals":
            fr = [0.42, 0.58]
        elif kind == "projects":
            fr = [0.62, 0.38]
        elif kind == "budget":
            fr = [0.52, 0.12, 0.12, 0.12, 0.12]
            size, lead, pad_y = 9.0, 11.0, 2.0
        else:
            raise ValueError(kind)
        widths = [f * rr.CONTENT_W for f in fr]
        pad = 3.5 if kind == "indicators" else rr.PAD_X
        right = ["left"] + ["right"] * 4 if kind == "budget" else None
        rows = []
        if el.get("columns"):
            rows.append((el["columns"], "B", 0.85, right or ["left"] * len(fr)))
        for r in el["rows"]:
            if kind == "budget":
                style = "B" if r["kind"] in ("group", "total") else "R"
                fill = 0.92 if r["kind"] == "group" else (0.85 if r["kind"] == "total" else None)
                rows.append((r["cells"], style, fill, right))
            elif kind == "projects":
                rows.append((r, "R", None, ["left", "right"]))
            else:
                rows.append((r, "R", None, ["left"] * len(r)))
        laid = []
        for cells, style, fill, aligns in rows:
            cl = [rr.wrap(t, rr.font(style), size, w - 2 * pad) if t else [] for t, w in zip(cells, widths)]
            laid.append((cl, style, fill, aligns, max(len(x) for x in cl) * lead + 2 * pad_y))
        cap_h = (lead + 4) if el.get("caption") else 0
        notes = [n for cells, *_ in rows for t in cells for n in rr.markers_in(t)]
        self.ensure(cap_h + sum(x[-1] for x in laid), notes)
        if self.y - cap_h - sum(x[-1] for x in laid) < self.bottom(notes):
            raise RuntimeError("%s table does not fit its page" % kind)
        if el.get("caption"):
            self.draw_line(rr.MARGIN_L, self.y - size, el["caption"], "B", size + 0.5)
            self.y -= lead + 4
        self.part += 1
        c = self.c
        for cl, style, fill, aligns, h in laid:
            top, bot = self.y, self.y - h
            if fill is not None:
                c.tag = ("cell", self.part, 0)
                c.setFillGray(fill)
                c.rect(rr.MARGIN_L, bot, rr.CONTENT_W, h, stroke=0, fill=1)
                c.setFillGray(0)
            x = rr.MARGIN_L
            for col, (lines, w, al) in enumerate(zip(cl, widths, aligns)):
                c.tag = ("cell", self.part, 1 + col)
                yy = top - pad_y
                for ln in lines:
                    self.draw_line(x + pad, yy - size, ln, style, size, align=al, width=w - 2 * pad)
                    yy -= lead
                x += w
            c.tag = ("cell", self.part, 99)
            self.grid_lines(top, bot, widths)
            self.y = bot
        c.tag = "body"
        self.add_notes(notes)
        self.y -= rr.PARA_GAP + 4
        self.fresh = False

    # -- initiative tables
    def initiative(self, el):
        number = el["number"]
        lw = rr.LABEL_FRACTION * rr.CONTENT_W
        vw = rr.CONTENT_W - lw
        size, lead = rr.INIT_SIZE, rr.INIT_LEAD
        header_h = lead + rr.PAD_TOP + rr.PAD_BOTTOM
        if number == HEADING_AT_FOOT:
            self.initiative_pages[number] = [self.page]
            self.foot_heading(el, header_h)
        else:
            self.heading(dict(level=2, number=number, text=el["heading"]))
            self.initiative_pages[number] = [self.page]
        self.table_number = number
        self.header_row(lw, vw)
        for row in el["rows"]:
            label_lines = rr.wrap(row["label"], rr.font("B"), size, lw - 2 * rr.PAD_X)
            items = self.value_items(number, row, vw - 2 * rr.PAD_X)
            self.initiative_row(number, row["label"], label_lines, items, lw, vw, size, lead)
        if self.page not in self.initiative_pages[number]:
            self.initiative_pages[number].append(self.page)
        self.y -= rr.PARA_GAP

    def foot_heading(self, el, header_h):
        """The heading goes right under the previous table; the table itself
        (header row and first row) does not fit below it and starts the next
        page, as when a heading lacks 'keep with next'."""
        size = 11.5
        text = el["number"] + " " + el["heading"]
        need_table = header_h + rr.INIT_LEAD + rr.PAD_TOP + rr.PAD_BOTTOM  # header row + a 1-line row
        head_h = 8 + size * 1.3 + 5
        room = self.y - self.bottom()
        if not (head_h <= room < head_h + need_table):
            raise RuntimeError("heading %s: %.1f pt left on page %d, not a foot-of-page heading"
                               % (el["number"], room, self.page))
        self.y -= 8
        self.draw_line(rr.MARGIN_L, self.y - size, text, "B", size)
        self.y -= size * 1.3 + 5
        self.note("block heading at the foot of the page, its table on the next", el["number"])
        self.new_page()

    def header_row(self, lw, vw):
        """Grey header row at the top of a table part (the table's start, or a
        page it continues on). Starts a new table part for the drawing order."""
        self.part += 1
        size, lead = rr.INIT_SIZE, rr.INIT_LEAD
        h = lead + rr.PAD_TOP + rr.PAD_BOTTOM
        c = self.c
        top, bot = self.y, self.y - h
        c.tag = ("cell", self.part, 0)
        c.setFillGray(HEADER_FILL)
        c.rect(rr.MARGIN_L, bot, lw + vw, h, stroke=0, fill=1)
        c.setFillGray(0)
        c.tag = ("cell", self.part, 1)
        self.draw_line(rr.MARGIN_L + rr.PAD_X, top - rr.PAD_TOP - size, HEADER_ROW[0], "B", size)
        c.tag = ("cell", self.part, 2)
        self.draw_line(rr.MARGIN_L + lw + rr.PAD_X, top - rr.PAD_TOP - size, HEADER_ROW[1], "B", size)
        c.tag = ("cell", self.part, 99)
        self.grid_lines(top, bot, [lw, vw])
        c.tag = "body"
        self.y = bot
        self.fresh = False

    def value_items(self, number, row, width):
        label = row["label"]
        fn = rr.font("R")
        items = []
        for pi, para in enumerate(row["value"]):
            gap = rr.CELL_PARA_GAP if pi > 0 else 0.0
            if (number, label, pi) == NESTED_TABLE:
                rows = [re.match(r"^(.*?:)\s+(.*)$", ln).groups() for ln in para.split("\n")]
                items.append(Nested(rows, gap))
                continue
            text = para
            if (number, None) in SOFT_HYPHEN_CELLS or (number, label) in SOFT_HYPHEN_CELLS:
                text = with_soft_hyphens(text)
            if number in LIGATURE_INITIATIVES:
                text = with_ligatures(text)
            lines = wrap_words(text, fn, rr.INIT_SIZE, width)
            for li, line in enumerate(lines):
                line.gap = gap if li == 0 else 0.0
                line.justify = (number, label) in JUSTIFIED and not line.last and len(line.words) > 1
            items.extend(lines)
        return items

    def initiative_row(self, number, label, label_lines, items, lw, vw, size, lead):
        def height(part, with_label):
            h = sum(it.gap + it.height for it in part) - (part[0].gap if part else 0.0)
            if with_label:
                h = max(h, len(label_lines) * lead)
            return h + rr.PAD_TOP + rr.PAD_BOTTOM

        remaining, first, pages = items, True, []
        while True:
            if self.fits(height(remaining, first)):
                pages.append(self.page)
                self.draw_row_part(label_lines if first else [], remaining, lw, vw, size, lead, label)
                break
            k = 0
            while k < len(remaining) and self.fits(height(remaining[:k + 1], first)):
                k += 1
            if len(remaining) - k == 1:
                k -= 1
            if k >= (max(2, len(label_lines)) if first else 2) and len(remaining) - k >= 2:
                pages.append(self.page)
                self.draw_row_part(label_lines if first else [], remaining[:k], lw, vw, size, lead, label)
                remaining, first = remaining[k:], False
            elif self.fresh:
                raise RuntimeError("row does not fit on an empty page: %s %s" % (number, label))
            self.new_page()
            self.header_row(lw, vw)
            self.note("header row repeated", number, "before %r" % label)
        if len(pages) > 1:
            self.splits.append(dict(initiative=number, label=label, pages=pages))

    def draw_row_part(self, label_lines, items, lw, vw, size, lead, label):
        c = self.c
        vh = sum(it.gap + it.height for it in items) - (items[0].gap if items else 0.0)
        inner = max(vh, len(label_lines) * lead)
        h = inner + rr.PAD_TOP + rr.PAD_BOTTOM
        top, bot = self.y, self.y - h
        c.tag = ("cell", self.part, 0)
        c.setFillGray(0.93)
        c.rect(rr.MARGIN_L, bot, lw, h, stroke=0, fill=1)
        c.setFillGray(0)
        # label, vertically centred in the cell
        c.tag = ("cell", self.part, 1)
        yy = top - rr.PAD_TOP - (inner - len(label_lines) * lead) / 2.0
        for ln in label_lines:
            self.draw_line(rr.MARGIN_L + rr.PAD_X, yy - size, ln, "B", size)
            yy -= lead
        # value
        c.tag = ("cell", self.part, 2)
        x0 = rr.MARGIN_L + lw + rr.PAD_X
        avail = vw - 2 * rr.PAD_X
        yy = top - rr.PAD_TOP
        for i, it in enumerate(items):
            if i > 0:
                yy -= it.gap
            if isinstance(it, Nested):
                self.draw_nested(x0, yy, it, size)
            else:
                self.draw_value_line(x0, yy - size, it, avail, size, label)
            yy -= it.height
        c.tag = ("cell", self.part, 99)
        self.grid_lines(top, bot, [lw, vw])
        c.tag = "body"
        self.y = bot
        self.fresh = False

    def draw_value_line(self, x, baseline, line, avail, size, label):
        fn = rr.font("R")
        where = "%s %s" % (self.table_number, label)
        for w in line.words:
            if re.search("[\ufb00-\ufb02]", w):
                self.note("ligatures", where, w)
        for w in line.words[:-1] if line.hyphen_end else line.words:
            if SHY in w:
                self.note("soft hyphens, invisible", where, w.replace(SHY, "·"))
        if line.hyphen_end:
            self.note("soft hyphen at a line end, drawn as a hyphen", where, line.words[-1].replace(SHY, "-"))
        if line.justify:
            widths = [word_width(w, fn, size) for w in line.words]
            if line.hyphen_end:
                widths[-1] += pdfmetrics.stringWidth(SHY, fn, size)
            gap = (avail - sum(widths)) / (len(line.words) - 1)
            xx = x
            for w, ww in zip(line.words, widths):
                self.draw_text(xx, baseline, w, fn, size)
                xx += ww + gap
            self.note("justified, word by word", where)
        else:
            text = " ".join(line.words) + ("" if line.last or line.hyphen_end else " ")
            self.draw_text(x, baseline, text, fn, size)

    def draw_nested(self, x, top, nested, size):
        """A bordered two-column table inside the value cell, drawn column by
        column (all left cells, then all right cells)."""
        fn = rr.font("R")
        top -= 1.0
        w1 = max(pdfmetrics.stringWidth(a, fn, size) for a, _ in nested.rows) + 2 * NEST_PAD_X
        w2 = max(pdfmetrics.stringWidth(b, fn, size) for _, b in nested.rows) + 2 * NEST_PAD_X
        for col in (0, 1):
            for r, cells in enumerate(nested.rows):
                base = top - r * nested.row_h - NEST_PAD - size
                if col == 0:
                    self.draw_text(x + NEST_PAD_X, base, cells[0], fn, size)
                else:
                    self.draw_text(x + w1 + w2 - NEST_PAD_X - pdfmetrics.stringWidth(cells[1], fn, size),
                                   base, cells[1], fn, size)
        c = self.c
        c.setLineWidth(0.5)
        bottom = top - len(nested.rows) * nested.row_h
        for r in range(len(nested.rows) + 1):
            c.line(x, top - r * nested.row_h, x + w1 + w2, top - r * nested.row_h)
        for xx in (x, x + w1, x + w1 + w2):
            c.line(xx, top, xx, bottom)
        c.setLineWidth(rr.RULE_W)
        self.note("nested table in a value cell", "%s Økonomi" % self.table_number)


def main(argv):
    model_path = argv[1] if len(argv) > 1 else rr.DEFAULT_MODEL
    out_path = argv[2] if len(argv) > 2 else DEFAULT_OUT
    for key, (name, fname) in rr.FONTS.items():
        pdfmetrics.registerFont(TTFont(name, os.path.join(rr.FONT_DIR, fname)))
    with open(model_path, encoding="utf-8") as f:
        model = json.load(f)
    r = HostileRenderer(model, out_path)
    r.run()
    print("wrote %s: %d pages" % (os.path.relpath(out_path), r.page))
    for num, pages in r.initiative_pages.items():
        print("  initiative %-5s pages %s" % (num, "-".join(str(p) for p in sorted(set(pages)))))
    for s in r.splits:
        print("  row split: %s %r on pages %s" % (s["initiative"], s["label"], ", ".join(map(str, s["pages"]))))
    grouped = {}
    for page, what, where, detail in r.features:
        pages, details = grouped.setdefault((what, where), ([], []))
        if page not in pages:
            pages.append(page)
        if detail and detail not in details:
            details.append(detail)
    for (what, where), (pages, details) in grouped.items():
        print("  %-8s %s%s%s" % ("page " + "-".join(map(str, pages)), what, (": " + where) if where else "",
                                 (" (" + ", ".join(details) + ")") if details else ""))


if __name__ == "__main__":
    main(sys.argv)
