#!/bin/sh
# Builds the libFuzzer targets in Fuzz/ into Fuzz/.build/, and their seed
# corpora (drawn from Corpus/ and Grammars/) into Fuzz/.build/seeds/.
#
#   Fuzz/build.sh     # then Fuzz/run.sh tokens|text|grammar|amounts|pdf
#
# SwiftPM cannot build them (an executable target renames the entry point
# libFuzzer needs), so this compiles IndsatsKit's sources together with the
# targets in one module with swiftc, against Yams (from SwiftPM's checkout)
# and poppler (CPopplerCore's C++ compiled with clang++; CSHA256's C with
# clang). How to run them:
# Fuzz/README.md.
#
# SANITIZERS=fuzzer Fuzz/build.sh builds Fuzz/.build/fuzz-indsats-noasan
# without AddressSanitizer: about twice the executions a second, for the
# long runs; Swift's own checks (overflow, bounds, force-unwraps) still trap.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/Fuzz/.build"
sanitizers=${SANITIZERS:-fuzzer,address}
case $sanitizers in
    fuzzer,address) binary=fuzz-indsats; yamsdir="$out/yams"; cflags="-fsanitize=address -fsanitize=fuzzer-no-link" ;;
    fuzzer) binary=fuzz-indsats-noasan; yamsdir="$out/yams-noasan"; cflags="-fsanitize=fuzzer-no-link" ;;
    *) echo "SANITIZERS must be 'fuzzer,address' (the default) or 'fuzzer'" >&2; exit 2 ;;
esac
mkdir -p "$yamsdir"

[ -d .build/checkouts/Yams/Sources ] || swift package resolve
yams=.build/checkouts/Yams/Sources

# Yams: its C part (libyaml) with clang, its Swift part as a module.
if [ ! -f "$yamsdir/Yams.swiftmodule" ]; then
    for c in "$yams"/CYaml/src/*.c; do
        # shellcheck disable=SC2086
        clang -c -O1 -g $cflags -I "$yams/CYaml/include" \
            -o "$yamsdir/$(basename "$c" .c).o" "$c"
    done
    (cd "$yamsdir" && swiftc -parse-as-library -O -g -sanitize="$sanitizers" \
        -D SWIFT_PACKAGE -module-name Yams -emit-module -emit-object -wmo -I "$root/$yams/CYaml/include" \
        "$root/$yams"/Yams/*.swift)
fi

# IndsatsKit without DocumentSchema.swift, which needs SwiftPM's resource bundle.
kit=$(find Sources/IndsatsKit -name '*.swift' ! -name DocumentSchema.swift | sort)

# CPopplerCore: its C++ with clang++, and a module map for its C header.
coredir="$out/poppler-core-$binary"
mkdir -p "$coredir"
for cc in Sources/CPopplerCore/*.cc; do
    # shellcheck disable=SC2086
    clang++ -std=c++17 -c -O1 -g $cflags $(pkg-config --cflags poppler) -I Sources/CPopplerCore/include \
        -o "$coredir/$(basename "$cc" .cc).o" "$cc"
done
printf 'module CPopplerCore {\n    header "%s"\n    export *\n}\n' "$root/Sources/CPopplerCore/include/indsats_poppler.h" > "$coredir/module.modulemap"

# CSHA256: its C with clang, and a module map of its own.
shadir="$out/sha256-$binary"
mkdir -p "$shadir"
# shellcheck disable=SC2086
clang -c -O1 -g $cflags -I Sources/CSHA256/include -o "$shadir/sha256.o" Sources/CSHA256/sha256.c
printf 'module CSHA256 {\n    header "%s"\n    export *\n}\n' "$root/Sources/CSHA256/include/indsats_sha256.h" > "$shadir/module.modulemap"

seeds() {
    mkdir -p "$out/seeds/text" "$out/seeds/tokens" "$out/seeds/grammar" "$out/seeds/amounts" "$out/seeds/pdf"
    # The seed report in chunks of 60 lines, so mutations meet every part of it.
    split -l 60 -d -a 3 Corpus/statusredegoerelse-2009-bif.txt "$out/seeds/text/seed-"
    cp "$out"/seeds/text/seed-* "$out/seeds/tokens/"
    cp Grammars/*.yaml "$out/seeds/grammar/"
    # The fixture PDFs (a few KB each; the encrypted ones test the password path's refusal).
    cp Corpus/fixtures/*.pdf "$out/seeds/pdf/"
    # Every line of the seed that mentions kroner, as an economy text.
    grep -E 'kr\.?|kroner|mio|mia' Corpus/statusredegoerelse-2009-bif.txt | head -200 \
        | awk -v dir="$out/seeds/amounts" '{ f = sprintf("%s/line-%03d", dir, NR); print > f; close(f) }'
}

seeds
echo "building $out/$binary"
# Fuzz/ by absolute path: the text target finds the shipped grammar from its #filePath.
# shellcheck disable=SC2086
swiftc -parse-as-library -O -g -sanitize="$sanitizers" -module-name IndsatsKit \
    -I "$yamsdir" -I "$yams/CYaml/include" -I "$coredir" -I "$shadir" -use-ld=lld \
    $kit "$root"/Fuzz/*.swift "$yamsdir"/*.o "$coredir"/*.o "$shadir"/*.o -lpoppler -lstdc++ -o "$out/$binary"
