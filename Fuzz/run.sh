#!/bin/sh
# Runs one fuzz target built by Fuzz/build.sh, growing its corpus in
# Fuzz/.build/corpus/TARGET from the seeds; a crash is written to
# Fuzz/.build/crash-TARGET-*. Extra arguments go to libFuzzer.
#
#   Fuzz/run.sh tokens -runs=10000000
#   Fuzz/run.sh text -runs=10000000
#   Fuzz/run.sh grammar -max_total_time=600
#   Fuzz/run.sh amounts -runs=10000000
#   FUZZ_BINARY=fuzz-indsats-noasan Fuzz/run.sh amounts -runs=10000000   # built with SANITIZERS=fuzzer
set -eu
cd "$(dirname "$0")/.build"
target=${1:?usage: Fuzz/run.sh tokens|text|grammar|amounts|pdf [libFuzzer options]}
shift
case $target in
    tokens|text) max_len=8192 ;;
    grammar) max_len=4096 ;;
    amounts) max_len=256 ;;
    pdf) max_len=65536 ;;
    *) echo "unknown target '$target' (tokens, text, grammar, amounts, pdf)" >&2; exit 2 ;;
esac
mkdir -p "corpus/$target"
INDSATS_FUZZ_TARGET=$target exec "./${FUZZ_BINARY:-fuzz-indsats}" -max_len="$max_len" -timeout=30 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="crash-$target-" "$@" "corpus/$target" "seeds/$target"
