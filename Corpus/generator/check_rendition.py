#!/usr/bin/python3
"""Check the rendered PDF and the fields file against the model.

    /usr/bin/python3 Corpus/generator/check_rendition.py [model.json] [fields.json] [report.pdf]

1. fields.json (derived independently from the seed text) must equal the
   model's initiative rows flattened the same way (all text of a row joined
   by single spaces).
2. `pdftotext -layout` of the PDF, cut into label and value columns, must give
   for every initiative row the same label and the same words in the same
   order as the model (rows split across pages are joined again).
3. The multiset of words of the whole `pdftotext -raw` output must equal the words
   of the model plus the page furniture (running header, "Side N", footnote
   numbers).

Exit status 0 when everything agrees; differences are printed.
"""
import collections
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODEL = os.path.join(HERE, "statusredegoerelse-2009-bif.model.json")
FIELDS = os.path.join(HERE, "statusredegoerelse-2009-bif.fields.json")
PDF = os.path.join(ROOT, "Corpus", "statusredegoerelse-2009-bif.pdf")

KEY = {
    "Navn på indsats": "name", "Navn på indsats:": "name", "Økonomi": "economy",
    "Afsæt": "basis", "Målgruppe": "targetGroup", "Beskriv aktiviteterne": "activities",
    "Aktivitet": "activities", "Mål": "goal",
    "Hvordan bidrager indsatsen til mål i integrationspolitikken": "contribution",
    "Planlagt opfølgning": "followUp", "Status ift. målopfyldelse": "status",
    "Status på indsatsen": "status",
}
MARKER = re.compile(r"\[\^(\d+)\]")


def flat(text):
    return " ".join(text.split())


def initiatives(model):
    return [el for el in model["body"] if el["type"] == "initiative"]


def check_fields(model, fields):
    bad = 0
    derived = []
    for el in initiatives(model):
        derived.append({"number": el["number"], "heading": el["heading"],
                        "fields": {KEY[r["label"]]: flat(" ".join(r["value"])) for r in el["rows"]}})
    if len(derived) != len(fields):
        print("fields: %d initiatives in model, %d in fields file" % (len(derived), len(fields)))
        return 1
    for a, b in zip(derived, fields):
        if a["number"] != b["number"] or a["heading"] != b["heading"]:
            print("fields: heading differs: %r / %r" % (a, b))
            bad += 1
        if list(a["fields"]) != list(b["fields"]):
            print("fields: %s keys differ: %s / %s" % (a["number"], list(a["fields"]), list(b["fields"])))
            bad += 1
        for k in a["fields"]:
            if a["fields"][k] != b["fields"].get(k):
                print("fields: %s %s differs:\n  model:  %s\n  fields: %s" % (a["number"], k, a["fields"][k], b["fields"].get(k)))
                bad += 1
    print("fields file vs model: %s" % ("OK" if not bad else "%d differences" % bad))
    return bad


def pdftotext(pdf, layout):
    # -raw for the word check: the default mode joins "Børne-" + "og…" at line ends
    args = ["pdftotext", "-enc", "UTF-8", "-layout" if layout else "-raw", pdf, "-"]
    return subprocess.run(args, check=True, stdout=subprocess.PIPE).stdout.decode("utf-8")


def value_column(page):
    """Character column where the value column starts on this -layout page:
    the leftmost start of text that follows a run of 2+ spaces in a table line."""
    starts = []
    for ln in page.split("\n"):
        if not ln.startswith(" ") or re.fullmatch(r"\s*Side \d+", ln):
            continue
        for m in re.finditer(r"\s{2,}(\S)", ln):
            if m.start(1) > 10:
                starts.append(m.start(1))
                break
    return min(starts) if starts else None


def check_rows(model, pdf):
    """Cut the -layout text into (label, value) columns and rebuild the rows."""
    text = pdftotext(pdf, layout=True)
    inits = {el["number"]: el for el in initiatives(model)}
    pages = text.split("\f")
    got = collections.OrderedDict()      # number -> list of [label words, value words]
    current = None
    for page in pages:
        col = value_column(page)
        for ln in page.split("\n"):
            if not ln.strip():
                continue
            if ln.startswith("Statusredegørelse 2009 – ") or re.fullmatch(r"\s*Side \d+", ln):
                continue                 # page furniture
            if not ln.startswith(" "):
                # text starting in column 0 is outside a table: a heading or prose
                m = re.match(r"^(\d\.\d+) ", ln)
                if m:
                    current = m.group(1) if m.group(1) in inits else None
                    if current:
                        got[current] = []
                elif current and got[current]:
                    current = None       # prose after a table
                continue                 # (or the 2nd line of a wrapped heading)
            if current is None:
                continue
            label, value = ln[:col].strip(), ln[col:].strip()
            rows = got[current]
            if label:
                expected = [r["label"] for r in inits[current]["rows"]]
                if not rows or " ".join(rows[-1][0]) == expected[len(rows) - 1]:
                    rows.append([[], []])    # a new row begins
                rows[-1][0].extend(label.split())
            if value:
                rows[-1][1].extend(value.split())
    bad = 0
    for number, el in inits.items():
        rows = got.get(number)
        if rows is None:
            print("rows: %s not found in the PDF text" % number)
            bad += 1
            continue
        if len(rows) != len(el["rows"]):
            print("rows: %s has %d rows in the PDF, %d in the model" % (number, len(rows), len(el["rows"])))
            bad += 1
        for (lw, vw), r in zip(rows, el["rows"]):
            if " ".join(lw) != r["label"]:
                print("rows: %s label %r != %r" % (number, " ".join(lw), r["label"]))
                bad += 1
            want = " ".join(r["value"]).split()
            if vw != want:
                print("rows: %s %s value differs:\n  pdf:   %s\n  model: %s" % (number, r["label"], " ".join(vw), " ".join(want)))
                bad += 1
    print("initiative rows in pdftotext -layout vs model: %s (%d initiatives, %d rows)"
          % ("OK" if not bad else "%d differences" % bad, len(got), sum(len(v) for v in got.values())))
    return bad


def model_words(model, npages):
    words = []

    def add(text):
        words.extend(MARKER.sub(r"\1", text).split())

    for el in model["body"]:
        t = el["type"]
        if t in ("title", "heading", "paragraph"):
            add((el.get("number", "") + " " + el["text"]) if t == "heading" else el["text"])
        elif t == "list":
            for it in el["items"]:
                add(it["text"])
        elif t == "toc":
            for e in el["entries"]:
                add(e["text"])
        elif t == "table":
            add(el.get("caption", "") or "")
            for c in el.get("columns", []):
                add(c)
            for r in el["rows"]:
                for c in (r["cells"] if isinstance(r, dict) else r):
                    add(c)
        elif t == "initiative":
            add(el["number"] + " " + el["heading"])
            for r in el["rows"]:
                add(r["label"])
                for p in r["value"]:
                    add(p)
    for n, fn in model["footnotes"].items():
        add(n + " " + fn["text"])
    for p in range(1, npages + 1):
        add(model["running_header"])
        add(model["footer"].format(page=p))
    return collections.Counter(words)


def check_words(model, pdf):
    text = pdftotext(pdf, layout=False)
    npages = text.count("\f")
    got = collections.Counter(text.split())
    want = model_words(model, npages)
    missing, extra = want - got, got - want
    for w, n in sorted(missing.items()):
        print("words: missing from PDF: %r x%d" % (w, n))
    for w, n in sorted(extra.items()):
        print("words: extra in PDF: %r x%d" % (w, n))
    ok = not missing and not extra
    print("all words (pdftotext, %d pages) vs model: %s" % (npages, "OK" if ok else "differences"))
    return 0 if ok else 1


def main(argv):
    model_path = argv[1] if len(argv) > 1 else MODEL
    fields_path = argv[2] if len(argv) > 2 else FIELDS
    pdf_path = argv[3] if len(argv) > 3 else PDF
    with open(model_path, encoding="utf-8") as f:
        model = json.load(f)
    with open(fields_path, encoding="utf-8") as f:
        fields = json.load(f)
    bad = check_fields(model, fields) + check_rows(model, pdf_path) + check_words(model, pdf_path)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
