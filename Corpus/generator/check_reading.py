#!/usr/bin/python3
"""Read a rendition of the 2009 BIF report by geometry, as a person reads the
page, and check it against the model.

    /usr/bin/python3 Corpus/generator/check_reading.py [PDF …]

Without arguments it checks the LibreOffice and the hostile renditions
(Corpus/statusredegoerelse-2009-bif.{libreoffice,hostile}.pdf); any rendition
of the model can be given, the plain one too.

Unlike check_rendition.py, which cuts `pdftotext -layout` text into columns,
this reads word boxes (`pdftotext -bbox`) and never relies on the order in
which the PDF draws them, so drawing order tricks (cells column by column,
furniture in the middle of the content stream, words placed one by one)
cannot fool it. A careful reader's rules are applied to the words:

* ligature glyphs ﬀ ﬁ ﬂ ﬃ ﬄ are read as their letters;
* a soft hyphen (U+00AD) inside a word is dropped; a word that ends in one
  (split at a line end) is joined with the first word of the next line of
  the same cell;
* a small raised digit right after a word is a footnote marker, kept glued to
  the word as the model writes it ("pct.1" for "pct.[^1]").

Checks, per PDF:

1. furniture: every page has the running header as its top line and
   "Side N" (its own number) as its bottom line;
2. initiatives: for each of the 16 blocks, the words of the label column, read
   top to bottom across its pages, are the model's labels, and the words of
   the value column are the model's values, in order; a grey header row
   "Indsats | Beskrivelse" at the top of a table part is set apart and
   counted (the hostile rendition repeats it on every page of a table);
3. rows: every label sits beside its own value (its vertical centre is
   nearer to its row's value lines than to any other row's on that page);
   rows whose value lines lie on two pages are listed as split rows;
4. footnotes: each footnote text is on the same page as its marker;
5. all other words (prose, other tables, footnotes) as a multiset equal the
   model's words outside the initiative tables (bullet glyphs "•" of the two
   lists are allowed: LibreOffice draws them as text).

Exit status 0 when every check passes.
"""
import collections
import html
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_rendition  # noqa: E402  (fields file vs model)

ROOT = check_rendition.ROOT
MODEL = check_rendition.MODEL
FIELDS = check_rendition.FIELDS
DEFAULT_PDFS = [os.path.join(ROOT, "Corpus", "statusredegoerelse-2009-bif.%s.pdf" % k)
                for k in ("libreoffice", "hostile")]
HEADER_ROW = (["Indsats"], ["Beskrivelse"])
MARKER = re.compile(r"\[\^(\d+)\]")
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
SHY = "\u00ad"


# ---------------------------------------------------------------- reading words
class Word:
    __slots__ = ("text", "x0", "y0", "x1", "y1", "page")

    def __init__(self, text, x0, y0, x1, y1, page):
        self.text, self.x0, self.y0, self.x1, self.y1, self.page = text, x0, y0, x1, y1, page


def read_pages(pdf):
    """[(width, height, [Word])] from pdftotext -bbox (y grows downwards)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", pdf, "-"], check=True,
                         stdout=subprocess.PIPE).stdout.decode("utf-8")
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = [Word(html.unescape(w.group(5)), float(w.group(1)), float(w.group(2)),
                      float(w.group(3)), float(w.group(4)), len(pages) + 1)
                 for w in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" '
                                      r'yMax="([\d.-]+)">(.*?)</word>', m.group(3))]
        pages.append((float(m.group(1)), float(m.group(2)), glue_markers(words)))
    return pages


def careful(text):
    for lig, plain in LIGATURES.items():
        text = text.replace(lig, plain)
    return text


def glue_markers(words):
    """A small digit raised right after a word is its footnote marker: glue it
    to the word ("pct." + "1" -> "pct.1"), as the model writes it."""
    out = list(words)
    for w in words:
        if not w.text.isdigit():
            continue
        for i, o in enumerate(out):
            if (o is not w and abs(o.x1 - w.x0) < 1.0 and w.y1 < o.y1 - 0.5 and w.y1 > o.y0
                    and (w.y1 - w.y0) < 0.8 * (o.y1 - o.y0)):
                out[i] = Word(o.text + w.text, o.x0, o.y0, w.x1, o.y1, o.page)
                out.remove(w)
                break
    return out


def lines_of(words):
    """Group words into visual lines (same bottom within 2 pt), top to bottom,
    left to right."""
    rows = []
    for w in sorted(words, key=lambda w: (w.y1, w.x0)):
        if rows and abs(rows[-1][0].y1 - w.y1) <= 2.0:
            rows[-1].append(w)
        else:
            rows.append([w])
    for r in rows:
        r.sort(key=lambda w: w.x0)
    return rows


def text_of(line):
    return " ".join(w.text for w in line)


def join_soft_hyphens(words):
    """Careful reading of a column's words in order: drop soft hyphens inside
    words, join a word that ends in one with the next word."""
    out, pending = [], None
    for w in words:
        t = careful(w.text)
        if pending is not None:
            t = pending + t
            pending = None
        if t.endswith(SHY):
            pending = t[:-1].replace(SHY, "")
            continue
        out.append((t.replace(SHY, ""), w))
    if pending is not None:
        out.append((pending, words[-1]))
    return out


# ---------------------------------------------------------------- the model
def model_words(text):
    return MARKER.sub(r"\1", text).split()


def heading_words(el):
    if el["type"] == "initiative":
        return [el["number"]] + el["heading"].split()
    return ([el["number"]] if el.get("number") else []) + model_words(el["text"])


# ---------------------------------------------------------------- checks
class Checker:
    def __init__(self, model, pdf):
        self.model = model
        self.pdf = pdf
        self.bad = 0
        self.pages = read_pages(pdf)
        self.lines = []             # (page, line) in reading order, furniture removed

    def fail(self, msg):
        print("  FAIL " + msg)
        self.bad += 1

    def check_furniture(self):
        header = self.model["running_header"]
        self.margin = {}            # page -> left margin (where the running header starts)
        for n, (_, _, words) in enumerate(self.pages, 1):
            lines = lines_of(words)
            if not lines or text_of(lines[0]) != header:
                self.fail("page %d: top line is %r, not the running header" % (n, lines and text_of(lines[0])))
            else:
                self.margin[n] = lines[0][0].x0
                lines = lines[1:]
            footer = self.model["footer"].format(page=n)
            if not lines or text_of(lines[-1]) != footer:
                self.fail("page %d: bottom line is %r, not %r" % (n, lines and text_of(lines[-1]), footer))
            else:
                lines = lines[:-1]
            self.lines.extend((n, ln) for ln in lines)
        print("  furniture: running header and \"Side N\" on all %d pages" % len(self.pages))

    def find(self, words, start):
        """Index of the line where the word sequence `words` starts (it may go
        on over the following lines), searching from line `start`; and the
        index of the first line after it."""
        for i in range(start, len(self.lines)):
            flat, j = [], i
            while j < len(self.lines) and len(flat) < len(words):
                flat.extend(careful(w.text) for w in self.lines[j][1])
                j += 1
                if flat[:len(words)] == words:
                    return i, j
                if flat != words[:len(flat)]:
                    break
        return None, None

    def check_initiatives(self):
        body = self.model["body"]
        # every heading and initiative heading, found in order (so that the
        # table of contents, which repeats the block headings, is passed over)
        found, pos = {}, 0
        for bi, el in enumerate(body):
            if el["type"] in ("heading", "initiative"):
                start, after = self.find(heading_words(el), pos)
                if start is None:
                    self.fail("heading not found: %r" % " ".join(heading_words(el)))
                    continue
                found[bi] = (start, after)
                pos = after
        inits = [(i, el) for i, el in enumerate(body) if el["type"] == "initiative"]
        self.region_lines = set()
        splits, split_labels, header_rows, block_pages = [], [], collections.Counter(), []
        alignment = collections.Counter()
        for bi, el in inits:
            nxt = next((i for i in range(bi + 1, len(body)) if i in found), None)
            if bi not in found or nxt is None:
                self.fail("%s: table not delimited" % el["number"])
                continue
            (start, after), end = found[bi], found[nxt][0]
            self.region_lines.update(range(start, end))
            label_words, value_words = self.read_table(el["number"], self.lines[after:end], header_rows)
            want_labels = [w for r in el["rows"] for w in r["label"].split()]
            want_values = [w for r in el["rows"] for p in r["value"] for w in model_words(p)]
            got_labels = [t for t, _ in label_words]
            got_values = [t for t, _ in value_words]
            if got_labels != want_labels:
                self.fail("%s labels: %s" % (el["number"], diff(got_labels, want_labels)))
                continue
            if got_values != want_values:
                self.fail("%s values: %s" % (el["number"], diff(got_values, want_values)))
                continue
            # rows: which words belong to which row, pages, label placement
            li = vi = 0
            rows = []
            for r in el["rows"]:
                nl = len(r["label"].split())
                nv = sum(len(model_words(p)) for p in r["value"])
                rows.append((r["label"], [w for _, w in label_words[li:li + nl]],
                             [w for _, w in value_words[vi:vi + nv]]))
                li += nl
                vi += nv
            first_page = self.lines[start][0]
            last_page = max(w.page for _, _, vws in rows for w in vws)
            block_pages.append("%s %s" % (el["number"], first_page if first_page == last_page
                                          else "%d-%d" % (first_page, last_page)))
            for label, lws, vws in rows:
                pages = sorted({w.page for w in vws})
                if len(pages) > 1:
                    splits.append((el["number"], label, pages))
                if len({w.page for w in lws}) > 1:
                    split_labels.append((el["number"], label, sorted({w.page for w in lws})))
            self.check_label_places(el["number"], rows, alignment)
        print("  initiatives: %d blocks; labels and values read word for word as in the model" % len(inits))
        print("  block pages (heading to last value line): %s" % ", ".join(block_pages))
        if header_rows:
            print("  header rows \"Indsats | Beskrivelse\" set apart: %d (pages %s)"
                  % (sum(header_rows.values()), ", ".join(str(p) for p in sorted(header_rows))))
        print("  labels placed: %s" % ", ".join("%s %d" % kv for kv in sorted(alignment.items())))
        for number, label, pages in splits:
            print("  row split: %s %r, pages %s" % (number, label, "-".join(map(str, pages))))
        for number, label, pages in split_labels:
            print("  label split too: %s %r, pages %s" % (number, label, "-".join(map(str, pages))))
        self.splits = splits

    def read_table(self, number, lines, header_rows):
        """Label and value column words of one initiative table, top to bottom,
        page by page. The value column is found per page: the leftmost word
        that starts a line well right of the page's left margin, or follows
        a wide gap on its line."""
        by_page = collections.OrderedDict()
        for page, ln in lines:
            by_page.setdefault(page, []).append(ln)
        labels, values = [], []
        for page, lns in by_page.items():
            left = self.margin.get(page, min(w.x0 for ln in lns for w in ln))
            starts = []
            for ln in lns:
                for k, w in enumerate(ln):
                    if w.x0 > left + 40 and (k == 0 or w.x0 - ln[k - 1].x1 > 8):
                        starts.append(w.x0)
                        break
            col = min(starts) - 2 if starts else float("inf")
            first = True
            for ln in lns:
                lab = [w for w in ln if w.x0 < col]
                val = [w for w in ln if w.x0 >= col]
                if first and [w.text for w in lab] == HEADER_ROW[0] and [w.text for w in val] == HEADER_ROW[1]:
                    header_rows[page] += 1
                    first = False
                    continue
                first = False
                labels.extend(lab)
                values.extend(val)
        # the columns read top to bottom: sort each page's words into lines
        return join_soft_hyphens(column_order(labels)), join_soft_hyphens(column_order(values))

    def check_label_places(self, number, rows, alignment):
        for i, (label, lws, vws) in enumerate(rows):
            page = lws[0].page
            lws = [w for w in lws if w.page == page]    # a label may split too (LibreOffice)
            mine = [w for w in vws if w.page == page]
            if not mine:
                self.fail("%s %r: label on page %d, its value not" % (number, label, page))
                continue
            centre = (min(w.y0 for w in lws) + max(w.y1 for w in lws)) / 2

            def dist(ws):
                top, bot = min(w.y0 for w in ws), max(w.y1 for w in ws)
                return 0.0 if top <= centre <= bot else min(abs(centre - top), abs(centre - bot))
            d = dist(mine)
            for j, (_, _, other) in enumerate(rows):
                theirs = [w for w in other if w.page == page]
                if j != i and theirs and dist(theirs) < d:
                    self.fail("%s %r: label is nearer to the value of %r" % (number, label, rows[j][0]))
            ltop, vtop = min(w.y0 for w in lws), min(w.y0 for w in mine)
            vcentre = (vtop + max(w.y1 for w in mine)) / 2
            top, mid = abs(ltop - vtop) < 1.5, abs(centre - vcentre) < 1.5
            alignment["top and centre (as tall as the value)" if top and mid else "top-aligned" if top
                      else "centred" if mid else "other"] += 1

    def check_footnotes(self):
        where = {}
        for page, ln in self.lines:
            for w in ln:
                where.setdefault(careful(w.text), set()).add(page)
        body_text = json.dumps(self.model["body"], ensure_ascii=False)
        for n, fn in self.model["footnotes"].items():
            first = model_words(fn["text"])[:6]
            text_pages = {page for i, (page, ln) in enumerate(self.lines)
                          if [careful(w.text) for w in ln][:7] == [n] + first or
                          [careful(w.text) for w in ln][:6] == first}
            m = re.search(r'(\S+)\[\^%s\]' % n, body_text)
            marked = MARKER.sub(r"\1", m.group(1) + "[^%s]" % n).split('"')[-1]
            marker_pages = where.get(marked, set())
            if not text_pages or not marker_pages or not (text_pages & marker_pages):
                self.fail("footnote %s: text on pages %s, marker %r on pages %s"
                          % (n, sorted(text_pages), marked, sorted(marker_pages)))
        print("  footnotes: each text on its marker's page")

    def check_other_words(self):
        got = collections.Counter()
        for i, (page, ln) in enumerate(self.lines):
            if i not in self.region_lines:
                got.update(careful(w.text) for w in ln)
        want = collections.Counter()
        bullets = 0
        for el in self.model["body"]:
            t = el["type"]
            if t == "initiative":
                continue
            if t in ("title", "paragraph"):
                want.update(model_words(el["text"]))
            elif t == "heading":
                want.update(heading_words(el))
            elif t == "list":
                bullets += len(el["items"])
                for it in el["items"]:
                    want.update(model_words(it["text"]))
            elif t == "toc":
                for e in el["entries"]:
                    want.update(model_words(e["text"]))
            elif t == "table":
                want.update(model_words(el.get("caption") or ""))
                for c in el.get("columns", []):
                    want.update(model_words(c))
                for r in el["rows"]:
                    for c in (r["cells"] if isinstance(r, dict) else r):
                        want.update(model_words(c))
        for n, fn in self.model["footnotes"].items():
            want.update([n] + model_words(fn["text"]))
        if got["•"] == bullets:
            want["•"] += bullets
        missing, extra = want - got, got - want
        for w, k in sorted(missing.items()):
            self.fail("other words: missing %r x%d" % (w, k))
        for w, k in sorted(extra.items()):
            self.fail("other words: extra %r x%d" % (w, k))
        print("  other words (prose, tables, footnotes): %d, as the model%s"
              % (sum(got.values()), " (bullets drawn as text: %d)" % bullets if want["•"] else ""))

    def run(self):
        print(os.path.relpath(self.pdf))
        self.check_furniture()
        self.check_initiatives()
        self.check_footnotes()
        self.check_other_words()
        print("  %s" % ("OK" if not self.bad else "%d failures" % self.bad))
        return self.bad


def column_order(words):
    """Words of one column: page by page, line by line, left to right."""
    out = []
    by_page = collections.OrderedDict()
    for w in words:
        by_page.setdefault(w.page, []).append(w)
    for page, ws in by_page.items():
        for ln in lines_of(ws):
            out.extend(ln)
    return out


def diff(got, want):
    for i, (a, b) in enumerate(zip(got, want)):
        if a != b:
            return "word %d: got %r, want %r (got …%s…)" % (i, a, b, " ".join(got[max(0, i - 5):i + 6]))
    return "got %d words, want %d" % (len(got), len(want))


def main(argv):
    pdfs = argv[1:] or DEFAULT_PDFS
    with open(MODEL, encoding="utf-8") as f:
        model = json.load(f)
    with open(FIELDS, encoding="utf-8") as f:
        fields = json.load(f)
    bad = check_rendition.check_fields(model, fields)
    for pdf in pdfs:
        bad += Checker(model, pdf).run()
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
