#!/usr/bin/env bash
# The benchmark of issue 5 (part 8). Not a test: it prints figures.
#
#   scripts/benchmark.sh            # ~10-15 minutes on 2 busy cores
#
# Builds indsats in release mode (in .build-bench, so the debug build in
# .build is left alone), generates a corpus in a temporary directory (never in
# the repository), and prints five ratios, each measured side by side in this
# one run (the runs of a figure are interleaved, so that load from other
# processes falls on both sides alike; the median of REPEAT runs is taken):
#
#   1. indsats extract --jobs 1 --output-dir   vs  pdftotext once per file in a shell loop   (target <= 1.1x)
#   2. indsats extract --jobs 2                vs  --jobs 1 on the same PDFs                  (target >= 1.8x faster)
#   3. the 1,000-page PDF with --jobs 2        vs  pdftotext on it                            (target >= 1.6x faster)
#      (split by pages across the two workers: --split-pages, default 100)
#   4. peak RSS, 1,000-page PDF                vs  a 10-page PDF                              (target <= 1.2x)
#   5. text input (pdftotext output) in MB/s on a >= 50 MB file                               (target >= 50 MB/s)
#
# Beside figures 1 and 3, when a C++ compiler (c++) is there: scripts/poppler-floor.cc,
# poppler reading every page through indsats' own glyph collector and nothing
# after it (one process for all the files, as a batch worker), against
# pdftotext: the bounds of figures 1 and 3 whatever indsats does after poppler.
#
# The corpus: VARIANTS renditions of Corpus/generator's model of the 2009 report
# (render_report.py imported, each rendition with its own seed: initiatives in
# another order, other font sizes, label column widths and margins, so other
# line breaks, page breaks and page counts), each copied until there are FILES
# PDFs, every copy made distinct by a trailing comment after %%EOF (a new
# sha256, so nothing can be cached or skipped; poppler reads a copy exactly
# as much as its original). Rendering all FILES with reportlab would take
# longer than the benchmark itself; per-file cost depends on the pages and the
# text, which the renditions vary.
#
# Environment: FILES (200), VARIANTS (10), REPEAT (3), BIG_COPIES (38: 38 x 27 = 1,026
# pages), TEXT_MB (50), KEEP=1 keeps the temporary directory, FIGURES (1 2 3 4 5: which
# figures to measure; FIGURES=5 makes no PDFs and runs the text figure alone).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FILES=${FILES:-200}
VARIANTS=${VARIANTS:-10}
REPEAT=${REPEAT:-3}
BIG_COPIES=${BIG_COPIES:-38}
TEXT_MB=${TEXT_MB:-50}
PY=/usr/bin/python3
FIGURES=${FIGURES:-1 2 3 4 5}
wants() { local f; for f in "$@"; do [[ " $FIGURES " == *" $f "* ]] && return 0; done; return 1; }

for tool in pdftotext qpdf /usr/bin/time bc; do
  command -v "$tool" >/dev/null || { echo "benchmark: needs $tool (apt-get install poppler-utils qpdf time bc)" >&2; exit 2; }
done
$PY -c 'import reportlab' 2>/dev/null || { echo "benchmark: needs python3-reportlab" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/indsats-bench.XXXXXX")
if [[ "${KEEP:-}" != 1 ]]; then trap 'rm -rf "$WORK"' EXIT; else echo "keeping $WORK"; fi

echo "== indsats benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- Sources Package.swift || echo ' (with local changes)')"
echo "poppler: $(pdftotext -v 2>&1 | head -1)"

echo "-- building (release, .build-bench)"
(cd "$ROOT" && swift build -c release --scratch-path .build-bench --product indsats 2>&1 | tail -1)
INDSATS="$ROOT/.build-bench/release/indsats"
# Poppler alone (scripts/poppler-floor.cc), beside figures 1 and 3: what it
# costs against pdftotext bounds them whatever indsats does after it.
FLOOR=""
if wants 1 3; then
  if ! command -v c++ >/dev/null; then
    echo "  (no c++: the poppler floor is left out)"
  elif c++ -std=c++17 -O2 $(pkg-config --cflags poppler) -I"$ROOT/Sources/CPopplerCore/include" -o "$WORK/poppler-floor" \
         "$ROOT/scripts/poppler-floor.cc" "$ROOT"/Sources/CPopplerCore/*.cc $(pkg-config --libs poppler); then
    FLOOR="$WORK/poppler-floor"
  else
    echo "  (scripts/poppler-floor.cc did not compile: the poppler floor is left out)"
  fi
fi
# One timing of the floor (on FILEs), or none and no floor from then on if it fails.
floor_seconds() {  # array name, files...
  local -n into=$1; shift
  [[ -n $FLOOR ]] || return 0
  local t
  if t=$(seconds "$FLOOR" "$@"); then into+=("$t"); else echo "  (the poppler floor failed: left out)"; FLOOR=""; fi
}

if wants 1 2 3 4; then
echo "-- generating the corpus in $WORK"
mkdir -p "$WORK/variants" "$WORK/corpus"
$PY - "$ROOT" "$WORK/variants" "$VARIANTS" <<'PYTHON'
import io, json, os, random, sys, contextlib
root, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, os.path.join(root, "Corpus", "generator"))
import render_report as rr
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
for name, fname in rr.FONTS.values():
    pdfmetrics.registerFont(TTFont(name, os.path.join(rr.FONT_DIR, fname)))
with open(rr.DEFAULT_MODEL, encoding="utf-8") as f:
    original = json.load(f)
base = {k: getattr(rr, k) for k in ("INIT_SIZE", "INIT_LEAD", "BODY_SIZE", "BODY_LEAD", "LABEL_FRACTION", "MARGIN_L", "MARGIN_R")}
for seed in range(count):
    rng = random.Random(seed)
    model = json.loads(json.dumps(original))
    body = model["body"]
    if seed:
        # Another text order: the initiatives of each run of consecutive ones shuffled.
        i = 0
        while i < len(body):
            j = i
            while j < len(body) and body[j]["type"] == "initiative":
                j += 1
            if j - i > 1:
                run = body[i:j]; rng.shuffle(run); body[i:j] = run
            i = max(j, i + 1)
        scale = rng.uniform(0.9, 1.15)
        for k in ("INIT_SIZE", "INIT_LEAD", "BODY_SIZE", "BODY_LEAD"):
            setattr(rr, k, base[k] * scale)
        rr.LABEL_FRACTION = base["LABEL_FRACTION"] + rng.uniform(-0.04, 0.04)
        rr.MARGIN_L = base["MARGIN_L"] + rng.uniform(-10, 10)
        rr.MARGIN_R = base["MARGIN_R"] + rng.uniform(-10, 10)
        rr.CONTENT_W = rr.PAGE_W - rr.MARGIN_L - rr.MARGIN_R
    r = rr.Renderer(model, os.path.join(out, "v%02d.pdf" % seed))
    with contextlib.redirect_stdout(io.StringIO()):
        r.run()
    print("  v%02d.pdf: %d pages" % (seed, r.page))
PYTHON
variants=("$WORK"/variants/*.pdf)
for ((i = 0; i < FILES; i++)); do
  v=${variants[i % ${#variants[@]}]}
  d="$WORK/corpus/$(printf '%02d' $((i / 50)))"  # nested folders, as archives are
  mkdir -p "$d"
  f="$d/report-$(printf '%03d' "$i").pdf"
  cp "$v" "$f"
  printf '%% copy %d of %s\n' "$i" "$(basename "$v")" >>"$f"
done
mapfile -t PDFS < <(cd "$WORK" && find corpus -name '*.pdf' | LC_ALL=C sort)
pages=0; bytes=0
for f in "${PDFS[@]}"; do
  pages=$((pages + $(pdfinfo "$WORK/$f" | awk '/^Pages:/ {print $2}')))
  bytes=$((bytes + $(stat -c %s "$WORK/$f")))
done
echo "  corpus: ${#PDFS[@]} PDFs in 4 folders, $pages pages, $((bytes / 1024)) KiB"

# The 1,000-page PDF: the corpus report BIG_COPIES times over (one document,
# one page tree); the 10-page one: its first 10 pages.
REPORT="$ROOT/Corpus/statusredegoerelse-2009-bif.pdf"
big_args=()
for ((i = 0; i < BIG_COPIES; i++)); do big_args+=("$REPORT"); done
qpdf --empty --pages "${big_args[@]}" -- "$WORK/big.pdf"
qpdf --empty --pages "$REPORT" 1-10 -- "$WORK/ten.pdf"
echo "  big.pdf: $(pdfinfo "$WORK/big.pdf" | awk '/^Pages:/ {print $2}') pages, $(($(stat -c %s "$WORK/big.pdf") / 1024)) KiB; ten.pdf: $(pdfinfo "$WORK/ten.pdf" | awk '/^Pages:/ {print $2}') pages"
fi

# The text: the seed pdftotext output repeated to TEXT_MB MB.
seed="$ROOT/Corpus/statusredegoerelse-2009-bif.txt"
seed_bytes=$(stat -c %s "$seed")
copies=$(((TEXT_MB * 1000000 + seed_bytes - 1) / seed_bytes))
for ((i = 0; i < copies; i++)); do cat "$seed"; done >"$WORK/big.txt"
text_bytes=$(stat -c %s "$WORK/big.txt")
echo "  big.txt: $copies copies of the seed text, $text_bytes bytes"

# ---------------------------------------------------------------- timing helpers
# seconds COMMAND...: wall seconds of one run (output discarded), to stdout.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || { echo "benchmark: failed: $*" >&2; return 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
median() { printf '%s\n' "$@" | LC_ALL=C sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
ratio() { echo "scale=3; $1 / $2" | bc -l | sed 's/^\./0./'; }
verdict() { if [[ $(echo "$1" | bc -l) == 1 ]]; then echo PASS; else echo MISS; fi; }
fmt() { printf '%.2f' "$1"; }

pdftotext_loop() {
  rm -rf "$WORK/txt"; mkdir -p "$WORK/txt"
  cd "$WORK"
  for f in "${PDFS[@]}"; do pdftotext "$f" "$WORK/txt/${f//\//_}.txt"; done
}
# The loop under /usr/bin/time: its CPU seconds (the pdftotext processes
# included) land in $WORK/cpu like a batch's, for figure 1 on a loaded machine.
pdftotext_loop_timed() {
  /usr/bin/time -f '%U %S' -o "$WORK/cpu" bash -c "$(declare -p WORK PDFS); $(declare -f pdftotext_loop); pdftotext_loop"
}
indsats_batch() {  # jobs
  rm -rf "$WORK/json"
  cd "$WORK" && /usr/bin/time -f '%U %S' -o "$WORK/cpu" "$INDSATS" extract corpus --output-dir "$WORK/json" --jobs "$1" --quiet
}
cpu() { awk '{printf "%.2f", $1 + $2}' "$WORK/cpu"; }  # user + system seconds of the last batch, its workers included
# What the machine gives two CPU-bound processes now, as a control for figure 2:
# sha256sum of big.txt 4 times one after the other, against 2 x 2 times side by side.
hash_serial() { for i in 1 2 3 4; do sha256sum "$WORK/big.txt"; done; }
hash_parallel() { (sha256sum "$WORK/big.txt"; sha256sum "$WORK/big.txt") & sha256sum "$WORK/big.txt"; sha256sum "$WORK/big.txt"; wait; }
indsats_big() {  # jobs
  rm -rf "$WORK/json-big"
  cd "$WORK" && "$INDSATS" extract big.pdf --output-dir "$WORK/json-big" --jobs "$1" --quiet
}

if wants 1 2; then
# A warm-up, and a check that the batch converts everything.
indsats_batch 2
converted=$(find "$WORK/json/corpus" -name '*.pdf.json' | wc -l)
[[ $converted == "${#PDFS[@]}" ]] || { echo "benchmark: only $converted of ${#PDFS[@]} converted" >&2; exit 1; }
pdftotext_loop

echo "-- 1, 2: ${#PDFS[@]} PDFs ($REPEAT rounds, each: pdftotext loop, --jobs 1, --jobs 2)"
p=(); pc=(); j1=(); j2=(); c1=(); c2=(); hs=(); hp=(); pf=()
for ((r = 1; r <= REPEAT; r++)); do
  p+=("$(seconds pdftotext_loop_timed)"); pc+=("$(cpu)")
  floor_seconds pf "${PDFS[@]/#/$WORK/}"
  j1+=("$(seconds indsats_batch 1)"); c1+=("$(cpu)")
  j2+=("$(seconds indsats_batch 2)"); c2+=("$(cpu)")
  hs+=("$(seconds hash_serial)"); hp+=("$(seconds hash_parallel)")
  echo "  round $r: pdftotext $(fmt "${p[-1]}") s (CPU ${pc[-1]} s), --jobs 1 $(fmt "${j1[-1]}") s (CPU ${c1[-1]} s), --jobs 2 $(fmt "${j2[-1]}") s (CPU ${c2[-1]} s); control: 2 hashers $(ratio "${hs[-1]}" "${hp[-1]}")x faster side by side${FLOOR:+; poppler alone $(fmt "${pf[-1]}") s}; load $(cut -d' ' -f1 /proc/loadavg)"
done
P=$(median "${p[@]}"); PC=$(median "${pc[@]}"); J1=$(median "${j1[@]}"); J2=$(median "${j2[@]}")
PF=""; if [[ -n $FLOOR ]]; then PF=$(median "${pf[@]}"); fi
C1=$(median "${c1[@]}"); C2=$(median "${c2[@]}"); HS=$(median "${hs[@]}"); HP=$(median "${hp[@]}")
fi

if wants 3; then
echo "-- 3: big.pdf ($REPEAT rounds, each: pdftotext, --jobs 2, --jobs 1${FLOOR:+, poppler alone})"
bp=(); b2=(); b1=(); bf=()
for ((r = 1; r <= REPEAT; r++)); do
  bp+=("$(seconds pdftotext "$WORK/big.pdf" "$WORK/big.txt.out")")
  b2+=("$(seconds indsats_big 2)")
  b1+=("$(seconds indsats_big 1)")
  floor_seconds bf "$WORK/big.pdf"
  echo "  round $r: pdftotext $(fmt "${bp[-1]}") s, --jobs 2 $(fmt "${b2[-1]}") s, --jobs 1 $(fmt "${b1[-1]}") s${FLOOR:+, poppler alone $(fmt "${bf[-1]}") s}; load $(cut -d' ' -f1 /proc/loadavg)"
done
BP=$(median "${bp[@]}"); B2=$(median "${b2[@]}"); B1=$(median "${b1[@]}")
BF=""; if [[ -n $FLOOR ]]; then BF=$(median "${bf[@]}"); fi
fi

if wants 4; then
echo "-- 4: peak RSS of indsats extract FILE (one process, in-process poppler)"
rss() { /usr/bin/time -f %M -o "$WORK/rss" "$INDSATS" extract "$1" >/dev/null 2>&1; cat "$WORK/rss"; }
rss_big=(); rss_ten=()
for ((r = 1; r <= REPEAT; r++)); do rss_ten+=("$(rss "$WORK/ten.pdf")"); rss_big+=("$(rss "$WORK/big.pdf")"); done
RT=$(median "${rss_ten[@]}"); RB=$(median "${rss_big[@]}")
# And a batch worker's, for the record: the largest process of the batch (the worker).
/usr/bin/time -f %M -o "$WORK/rss" "$INDSATS" extract "$WORK/big.pdf" --output-dir "$WORK/json-rss" --jobs 1 --quiet >/dev/null 2>&1
RBATCH=$(cat "$WORK/rss")
echo "  ten.pdf $RT KiB, big.pdf $RB KiB (batch of big.pdf, largest process: $RBATCH KiB)"
fi

if wants 5; then
echo "-- 5: text input, big.txt ($REPEAT runs)"
t=()
for ((r = 1; r <= REPEAT; r++)); do
  t+=("$(seconds "$INDSATS" extract "$WORK/big.txt" --compact)")
  echo "  run $r: $(fmt "${t[-1]}") s"
done
T=$(median "${t[@]}")
MBS=$(echo "scale=2; $text_bytes / 1000000 / $T" | bc -l | sed 's/^\./0./')
fi

echo
echo "== results (medians of $REPEAT; $(date -u '+%Y-%m-%d %H:%M UTC'); load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
if wants 1 2; then r1=$(ratio "$J1" "$P"); r2=$(ratio "$J1" "$J2"); fi
if wants 3; then r3=$(ratio "$BP" "$B2"); fi
if wants 4; then r4=$(ratio "$RB" "$RT"); fi
wants 1 && printf '1. --jobs 1 / pdftotext loop, %d PDFs:  %6s x  (%s s / %s s)        target <= 1.1  %s\n' "${#PDFS[@]}" "$r1" "$(fmt "$J1")" "$(fmt "$P")" "$(verdict "$r1 <= 1.1")"
wants 1 && printf '   (CPU seconds --jobs 1 / pdftotext loop: %s x (%s s / %s s): the same comparison, less exposed to other load)\n' "$(ratio "$C1" "$PC")" "$C1" "$PC"
if wants 1 && [[ -n $PF ]]; then
  printf '   (poppler alone, reading every page through the glyph collector of indsats and nothing else, one process for all: %s x the pdftotext loop (%s s):\n    figure 1 cannot be below that, whatever indsats does after poppler)\n' "$(ratio "$PF" "$P")" "$(fmt "$PF")"
fi
wants 2 && printf '2. --jobs 1 / --jobs 2 (speed-up):      %6s x  (%s s / %s s)        target >= 1.8  %s\n' "$r2" "$(fmt "$J1")" "$(fmt "$J2")" "$(verdict "$r2 >= 1.8")"
wants 2 && printf '   (CPU seconds --jobs 2 / --jobs 1: %s; the machine gave 2 CPU-bound processes %sx at the time: the ceiling of figure 2 under this load)\n' "$(ratio "$C2" "$C1")" "$(ratio "$HS" "$HP")"
wants 3 && printf '3. pdftotext / --jobs 2, big.pdf:       %6s x  (%s s / %s s; --jobs 1 %s s)  target >= 1.6  %s\n' "$r3" "$(fmt "$BP")" "$(fmt "$B2")" "$(fmt "$B1")" "$(verdict "$r3 >= 1.6")"
if wants 3 && [[ -n $BF ]]; then
  printf '   (poppler alone on it, through the glyph collector of indsats and nothing else: %s x pdftotext (%s s); so on 2 cores figure 3\n    cannot be above %s x, whatever indsats does after poppler)\n' "$(ratio "$BF" "$BP")" "$(fmt "$BF")" "$(ratio "$(echo "2 * $BP" | bc -l)" "$BF")"
fi
wants 4 && printf '4. peak RSS big.pdf / ten.pdf:          %6s x  (%s KiB / %s KiB)    target <= 1.2  %s\n' "$r4" "$RB" "$RT" "$(verdict "$r4 <= 1.2")"
wants 5 && printf '5. text input:                          %6s MB/s (%s bytes in %s s)  target >= 50   %s\n' "$MBS" "$text_bytes" "$(fmt "$T")" "$(verdict "$MBS >= 50")"
exit 0
