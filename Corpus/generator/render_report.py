#!/usr/bin/python3
"""Render the structured model of the 2009 BIF status report as a PDF.

    /usr/bin/python3 Corpus/generator/render_report.py [model.json] [out.pdf]

Defaults: Corpus/generator/statusredegoerelse-2009-bif.model.json ->
Corpus/statusredegoerelse-2009-bif.pdf (paths relative to the repository root,
found from this file's location).

Needs reportlab (Debian's python3-reportlab, 3.6) and the DejaVu TTF fonts in
/usr/share/fonts/truetype/dejavu. Text is laid out by hand on the canvas: a
greedy word wrapper over pdfmetrics.stringWidth, every line drawn with one
drawString (footnote markers are drawn as separate raised small digits), page
breaks decided here. The output is byte-for-byte reproducible (invariant=1).

A short layout log (pages, initiatives, rows split across pages) goes to
stdout.
"""
import json
import os
import re
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_MODEL = os.path.join(HERE, "statusredegoerelse-2009-bif.model.json")
DEFAULT_OUT = os.path.join(ROOT, "Corpus", "statusredegoerelse-2009-bif.pdf")

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FONTS = {
    "R": ("DejaVuSans", "DejaVuSans.ttf"),
    "B": ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
    "I": ("DejaVuSans-Oblique", "DejaVuSans-Oblique.ttf"),
    "BI": ("DejaVuSans-BoldOblique", "DejaVuSans-BoldOblique.ttf"),
}


def font(style):
    return FONTS[style][0]


# ---------------------------------------------------------------- geometry
PAGE_W, PAGE_H = A4
MARGIN_L = 62.0
MARGIN_R = 56.0
CONTENT_W = PAGE_W - MARGIN_L - MARGIN_R
HEADER_Y = PAGE_H - 34.0            # baseline of the running header
BODY_TOP = PAGE_H - 64.0            # first text line's top
FOOTER_Y = 30.0                     # baseline of "Side N"
BODY_BOTTOM = 58.0                  # lowest point of body text (without footnotes)

BODY_SIZE = 10.0
BODY_LEAD = 13.0
TABLE_SIZE = 9.5
TABLE_LEAD = 12.0
INIT_SIZE = 10.0                    # initiative tables (label and value)
INIT_LEAD = 12.0
SMALL_TABLE_SIZE = 8.0              # the wide six-column indicator table
SMALL_TABLE_LEAD = 10.0
FN_SIZE = 8.0
FN_LEAD = 9.6
MARK_SIZE = 6.0                     # superscript footnote marker
MARK_RISE = 3.6
MARK_RISE_FN = 3.0
HEADER_SIZE = 7.5
FOOTER_SIZE = 8.5
PARA_GAP = 7.0                      # between prose paragraphs
CELL_PARA_GAP = 4.0                 # between paragraphs inside a table cell
PAD_X = 5.0
PAD_TOP = 4.0
PAD_BOTTOM = 4.0
LABEL_FRACTION = 0.30               # initiative tables: width of the label column
RULE_W = 0.6

MARKER = re.compile(r"\[\^(\d+)\]")


# ---------------------------------------------------------------- text helpers
def runs_of(text):
    """Split a string into runs: ('t', text) and ('m', digit) for footnote markers."""
    out, pos = [], 0
    for m in MARKER.finditer(text):
        if m.start() > pos:
            out.append(("t", text[pos:m.start()]))
        out.append(("m", m.group(1)))
        pos = m.end()
    if pos < len(text):
        out.append(("t", text[pos:]))
    return out


def markers_in(text):
    return [m.group(1) for m in MARKER.finditer(text)]


def width_of(text, fontname, size):
    w = 0.0
    for kind, s in runs_of(text):
        if kind == "t":
            w += pdfmetrics.stringWidth(s, fontname, size)
        else:
            w += pdfmetrics.stringWidth(s, fontname, MARK_SIZE * size / BODY_SIZE)
    return w


def wrap(text, fontname, size, width):
    """Greedy word wrap. '\\n' in text is a hard break. Returns a list of line strings;
    a line ended by a soft break ends with one space (not counted in its width)."""
    lines = []
    for segment in text.split("\n"):
        words = segment.split(" ")
        cur = ""
        for w in words:
            if cur == "":
                if w == "":
                    continue            # no leading blanks on a line
                cand = w
            else:
                cand = cur + " " + w
            if width_of(cand.rstrip(), fontname, size) <= width or cur == "":
                if cur == "" and width_of(w, fontname, size) > width:
                    # a single over-long word: cut it by characters
                    piece = ""
                    for ch in w:
                        if width_of(piece + ch, fontname, size) > width and piece:
                            lines.append(piece)
                            piece = ""
                        piece += ch
                    cur = piece
                else:
                    cur = cand
            else:
                # a soft break keeps its space at the end of the line, as word
                # processors draw it (so "Børne- " at a line end stays "Børne- og")
                lines.append(cur.rstrip() + " ")
                cur = w
        lines.append(cur.rstrip())
    return lines


# ---------------------------------------------------------------- the renderer
class Renderer:
    def __init__(self, model, out_path):
        self.model = model
        self.footnote_texts = {k: v["text"] for k, v in model["footnotes"].items()}
        self.c = canvas.Canvas(out_path, pagesize=A4, invariant=1,
                                initialFontName=font("R"), initialFontSize=BODY_SIZE)
        self.c.setTitle("Statusredegørelse for Beskæftigelses- og Integrationsforvaltningens "
                        "integrationsindsats 2009")
        self.c.setAuthor("Københavns Kommune, Beskæftigelses- og Integrationsforvaltningen")
        self.c.setSubject("Rendition of Corpus/statusredegoerelse-2009-bif.txt (test corpus)")
        self.c.setCreator("Corpus/generator/render_report.py")
        self.page = 0
        self.splits = []
        self.initiative_pages = {}
        self.new_page(first=True)

    # -- pages
    def new_page(self, first=False):
        if not first:
            self.finish_page()
        self.page += 1
        self.y = BODY_TOP
        self.page_notes = []        # footnote numbers placed on this page, in order
        self.fresh = True           # nothing drawn yet on the page body

    def finish_page(self):
        c = self.c
        # running header
        c.setFont(font("R"), HEADER_SIZE)
        c.setFillGray(0.25)
        c.drawString(MARGIN_L, HEADER_Y, self.model["running_header"])
        c.setFillGray(0)
        c.setLineWidth(0.4)
        c.line(MARGIN_L, HEADER_Y - 4, PAGE_W - MARGIN_R, HEADER_Y - 4)
        # footnotes
        if self.page_notes:
            y = BODY_BOTTOM + self.footnote_height(self.page_notes) - 4
            c.setLineWidth(0.5)
            c.line(MARGIN_L, y + 2, MARGIN_L + 130, y + 2)
            y -= FN_LEAD
            for n in self.page_notes:
                lines = wrap(self.footnote_texts[n], font("R"), FN_SIZE, CONTENT_W - 10)
                c.setFont(font("R"), MARK_SIZE)
                c.drawString(MARGIN_L, y + MARK_RISE_FN, n)
                for ln in lines:
                    c.setFont(font("R"), FN_SIZE)
                    c.drawString(MARGIN_L + 10, y, ln)
                    y -= FN_LEAD
        # footer
        c.setFont(font("R"), FOOTER_SIZE)
        c.drawCentredString(PAGE_W / 2, FOOTER_Y, "Side %d" % self.page)
        c.showPage()

    def footnote_height(self, notes):
        if not notes:
            return 0.0
        h = 8.0
        for n in notes:
            h += FN_LEAD * len(wrap(self.footnote_texts[n], font("R"), FN_SIZE, CONTENT_W - 10))
        return h

    def bottom(self, extra_notes=()):
        notes = list(self.page_notes) + [n for n in extra_notes if n not in self.page_notes]
        return BODY_BOTTOM + self.footnote_height(notes)

    def fits(self, height, notes=()):
        return self.y - height >= self.bottom(notes)

    def ensure(self, height, notes=()):
        if not self.fits(height, notes) and not self.fresh:
            self.new_page()

    def add_notes(self, notes):
        for n in notes:
            if n not in self.page_notes:
                self.page_notes.append(n)

    # -- drawing a line of text with inline footnote markers
    def draw_line(self, x, baseline, text, style, size, align="left", width=None):
        fn = font(style)
        if align == "right":
            x = x + width - width_of(text.rstrip(), fn, size)
        runs = runs_of(text)
        if len(runs) == 1 and runs[0][0] == "t":
            self.c.setFont(fn, size)
            self.c.drawString(x, baseline, text)
            return
        for kind, s in runs:
            if kind == "t":
                self.c.setFont(fn, size)
                self.c.drawString(x, baseline, s)
                x += pdfmetrics.stringWidth(s, fn, size)
            else:
                msize = MARK_SIZE * size / BODY_SIZE
                self.c.setFont(fn, msize)
                self.c.drawString(x, baseline + MARK_RISE * size / BODY_SIZE, s)
                x += pdfmetrics.stringWidth(s, fn, msize)

    # -- prose
    def text_block(self, text, style="R", size=BODY_SIZE, lead=BODY_LEAD, indent=0.0,
                   gap_after=PARA_GAP, keep_lines=2, bullet=False):
        lines = wrap(text, font(style), size, CONTENT_W - indent)
        # keep the first keep_lines together
        self.ensure(lead * min(keep_lines, len(lines)), markers_in(text))
        for i, ln in enumerate(lines):
            notes = markers_in(ln)
            if not self.fits(lead, notes):
                self.new_page()
            baseline = self.y - size
            self.draw_line(MARGIN_L + indent, baseline, ln, style, size)
            if bullet and i == 0:
                self.c.circle(MARGIN_L + indent - 9, baseline + size * 0.33, 1.7, stroke=0, fill=1)
            self.add_notes(notes)
            self.y -= lead
            self.fresh = False
        self.y -= gap_after

    def heading(self, el):
        level = el["level"]
        text = (el["number"] + " " if el.get("number") else "") + el["text"]
        size, style, before, after = {1: (13.0, "B", 10, 8), 2: (11.5, "B", 8, 5),
                                      3: (10.5, "BI", 4, 2)}[level]
        lines = wrap(text, font(style), size, CONTENT_W)
        need = before + len(lines) * size * 1.3 + after + 3 * BODY_LEAD   # keep with next
        self.ensure(need)
        if not self.fresh:
            self.y -= before
        for ln in lines:
            self.draw_line(MARGIN_L, self.y - size, ln, style, size)
            self.y -= size * 1.3
        self.y -= after
        self.fresh = False

    def title(self, el):
        size = 15.0
        for ln in el["text"].split("\n"):
            for part in wrap(ln, font("B"), size, CONTENT_W):
                self.draw_line(MARGIN_L, self.y - size, part, "B", size)
                self.y -= size * 1.3
        self.y -= 12
        self.fresh = False

    def bullet_list(self, el):
        for item in el["items"]:
            self.text_block(item["text"], indent=18.0, gap_after=2.5, bullet=True)
        self.y -= PARA_GAP - 2.5

    def toc(self, el):
        prev = None
        for e in el["entries"]:
            if e["level"] == 1:
                if prev is not None:
                    self.y -= 6
                self.text_block(e["text"], style="B", gap_after=1.0, keep_lines=3)
            else:
                self.text_block(e["text"], indent=18.0, gap_after=0.5)
            prev = e
        self.y -= PARA_GAP

    # -- generic bordered grid tables (indicators, goals, projects, budget)
    def grid_table(self, el):
        kind = el["kind"]
        if kind == "indicators":
            fr = [0.045, 0.245, 0.13, 0.12, 0.17, 0.29]
            size, lead = SMALL_TABLE_SIZE, SMALL_TABLE_LEAD
        elif kind == "goals":
            fr = [0.42, 0.58]
            size, lead = TABLE_SIZE, TABLE_LEAD
        elif kind == "projects":
            fr = [0.62, 0.38]
            size, lead = TABLE_SIZE, TABLE_LEAD
        elif kind == "budget":
            fr = [0.52, 0.12, 0.12, 0.12, 0.12]
            size, lead = TABLE_SIZE, TABLE_LEAD
        else:
            raise ValueError(kind)
        widths = [f * CONTENT_W for f in fr]
        pad = 3.5 if kind == "indicators" else PAD_X
        rows = []   # (cells, style, fill, aligns)
        if el.get("columns"):
            rows.append((el["columns"], "B", 0.85, ["left"] + (["right"] * 4 if kind == "budget" else ["left"] * (len(fr) - 1))))
        for r in el["rows"]:
            if kind == "budget":
                style = "B" if r["kind"] in ("group", "total") else "R"
                fill = 0.92 if r["kind"] == "group" else (0.85 if r["kind"] == "total" else None)
                rows.append((r["cells"], style, fill, ["left", "right", "right", "right", "right"]))
            elif kind == "projects":
                rows.append((r, "R", None, ["left", "right"]))
            else:
                rows.append((r, "R", None, ["left"] * len(r)))
        laid = []
        for cells, style, fill, aligns in rows:
            cl = [wrap(t, font(style), size, w - 2 * pad) if t else [] for t, w in zip(cells, widths)]
            h = max(len(x) for x in cl) * lead + PAD_TOP + PAD_BOTTOM
            laid.append((cl, style, fill, aligns, h))
        cap_h = (lead + 4) if el.get("caption") else 0
        total = cap_h + sum(x[-1] for x in laid)
        notes = [n for cells, *_ in rows for t in cells for n in markers_in(t)]
        self.ensure(total, notes)
        if el.get("caption"):
            self.draw_line(MARGIN_L, self.y - size, el["caption"], "B", size + 0.5)
            self.y -= lead + 4
        c = self.c
        for cl, style, fill, aligns, h in laid:
            x = MARGIN_L
            top, bot = self.y, self.y - h
            if fill is not None:
                c.setFillGray(fill)
                c.rect(MARGIN_L, bot, CONTENT_W, h, stroke=0, fill=1)
                c.setFillGray(0)
            for lines, w, al in zip(cl, widths, aligns):
                yy = top - PAD_TOP
                for ln in lines:
                    self.draw_line(x + pad, yy - size, ln, style, size, align=al, width=w - 2 * pad)
                    yy -= lead
                x += w
            self.grid_lines(top, bot, widths)
            self.y = bot
        self.add_notes(notes)
        self.y -= PARA_GAP + 4
        self.fresh = False

    def grid_lines(self, top, bot, widths):
        c = self.c
        c.setLineWidth(RULE_W)
        c.line(MARGIN_L, top, MARGIN_L + sum(widths), top)
        c.line(MARGIN_L, bot, MARGIN_L + sum(widths), bot)
        x = MARGIN_L
        c.line(x, top, x, bot)
        for w in widths:
            x += w
            c.line(x, top, x, bot)

    # -- initiative tables
    def initiative(self, el):
        number = el["number"]
        self.heading(dict(level=2, number=number, text=el["heading"]))
        self.initiative_pages[number] = [self.page]
        lw = LABEL_FRACTION * CONTENT_W
        vw = CONTENT_W - lw
        size, lead = INIT_SIZE, INIT_LEAD
        for row in el["rows"]:
            label_lines = wrap(row["label"], font("B"), size, lw - 2 * PAD_X)
            # value lines: (text, extra gap before)
            vlines = []
            for pi, para in enumerate(row["value"]):
                for li, ln in enumerate(wrap(para, font("R"), size, vw - 2 * PAD_X)):
                    vlines.append((ln, CELL_PARA_GAP if (pi > 0 and li == 0) else 0.0))
            self.initiative_row(number, row["label"], label_lines, vlines, lw, vw, size, lead)
        if self.page not in self.initiative_pages[number]:
            self.initiative_pages[number].append(self.page)
        self.y -= PARA_GAP

    def initiative_row(self, number, label, label_lines, vlines, lw, vw, size, lead):
        def height(lines_part, with_label):
            h = sum(lead + g for _, g in lines_part)
            if lines_part:
                h -= lines_part[0][1]       # no paragraph gap at the top of a cell part
            if with_label:
                h = max(h, len(label_lines) * lead)
            return h + PAD_TOP + PAD_BOTTOM

        remaining = vlines
        first = True
        pages = []                      # pages on which a part of this row is drawn
        while True:
            if self.fits(height(remaining, first)):
                pages.append(self.page)
                self.draw_row_part(label_lines if first else [], remaining, lw, vw, size, lead)
                break
            # how many value lines fit on this page?
            k = 0
            while k < len(remaining) and self.fits(height(remaining[:k + 1], first)):
                k += 1
            min_lines = max(2, len(label_lines)) if first else 2
            if len(remaining) - k == 1:
                k -= 1                  # never leave a single line alone on the next page
            if k >= min_lines and len(remaining) - k >= 2:
                # split the row inside the value cell; the label is not repeated
                pages.append(self.page)
                self.draw_row_part(label_lines if first else [], remaining[:k], lw, vw, size, lead)
                remaining = remaining[k:]
                first = False
                self.new_page()
                continue
            if self.fresh:
                raise RuntimeError("row does not fit on an empty page: %s %s" % (number, label))
            self.new_page()             # too little room: move the (rest of the) row
        if len(pages) > 1:
            self.splits.append(dict(initiative=number, label=label, pages=pages))

    def draw_row_part(self, label_lines, vlines, lw, vw, size, lead):
        c = self.c
        vh = sum(lead + g for _, g in vlines) - (vlines[0][1] if vlines else 0)
        h = max(vh, len(label_lines) * lead) + PAD_TOP + PAD_BOTTOM
        top, bot = self.y, self.y - h
        c.setFillGray(0.93)
        c.rect(MARGIN_L, bot, lw, h, stroke=0, fill=1)
        c.setFillGray(0)
        yy = top - PAD_TOP
        for ln in label_lines:
            self.draw_line(MARGIN_L + PAD_X, yy - size, ln, "B", size)
            yy -= lead
        yy = top - PAD_TOP
        for i, (ln, gap) in enumerate(vlines):
            if i > 0:
                yy -= gap
            self.draw_line(MARGIN_L + lw + PAD_X, yy - size, ln, "R", size)
            yy -= lead
        self.grid_lines(top, bot, [lw, vw])
        self.y = bot
        self.fresh = False

    # -- driver
    def run(self):
        for el in self.model["body"]:
            t = el["type"]
            if t == "pagebreak":
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
                self.grid_table(el)
            elif t == "initiative":
                self.initiative(el)
            else:
                raise ValueError("unknown element type %r" % t)
        self.finish_page()
        self.c.save()


def main(argv):
    model_path = argv[1] if len(argv) > 1 else DEFAULT_MODEL
    out_path = argv[2] if len(argv) > 2 else DEFAULT_OUT
    for key, (name, fname) in FONTS.items():
        pdfmetrics.registerFont(TTFont(name, os.path.join(FONT_DIR, fname)))
    with open(model_path, encoding="utf-8") as f:
        model = json.load(f)
    r = Renderer(model, out_path)
    r.run()
    print("wrote %s: %d pages" % (os.path.relpath(out_path), r.page))
    for num, pages in r.initiative_pages.items():
        print("  initiative %-5s pages %s" % (num, "-".join(str(p) for p in sorted(set(pages)))))
    for s in r.splits:
        print("  row split: %s %r on pages %s" % (s["initiative"], s["label"], ", ".join(map(str, s["pages"]))))


if __name__ == "__main__":
    main(sys.argv)
