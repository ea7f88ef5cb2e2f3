// The floor of the PDF figures: poppler reading every page through the same
// glyph collector indsats uses (Sources/CPopplerCore), and nothing after it.
// scripts/benchmark.sh times it beside pdftotext on the same files, one
// process for all of them as an indsats batch worker, so that what poppler
// itself costs is told from what indsats adds.
//
//   c++ -std=c++17 -O2 $(pkg-config --cflags poppler) -ISources/CPopplerCore/include \
//       -o floor scripts/poppler-floor.cc Sources/CPopplerCore/*.cc $(pkg-config --libs poppler)
//   ./floor report.pdf [more.pdf ...]
#include "indsats_poppler.h"
#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

int main(int argc, char **argv) {
    if (argc < 2) { std::fprintf(stderr, "usage: %s FILE.pdf [FILE.pdf ...]\n", argv[0]); return 2; }
    long glyphs = 0;
    int failed = 0;
    for (int i = 1; i < argc; i++) {
        std::ifstream file(argv[i], std::ios::binary);
        std::vector<char> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        indsats_open_error error {};
        indsats_document *document = file ? indsats_open(bytes.data(), bytes.size(), nullptr, &error) : nullptr;
        if (!document) { std::fprintf(stderr, "%s: cannot open\n", argv[i]); failed = 1; continue; }
        indsats_page page {};
        for (int number = 1; number <= indsats_page_count(document); number++)
            if (indsats_read_page(document, number, &page)) glyphs += (long)page.glyph_count;
        indsats_close(document);
    }
    std::printf("%ld glyphs\n", glyphs);
    return failed;
}
