// An output device that keeps each character poppler draws, boxed as
// poppler's own text layout (TextOutputDev's TextPage) boxes it, without
// building that layout: words as TextPage starts and ends them, a character
// from its start to the next one's along the line and its word's ascent to
// descent across it, accents joined to their letter, duplicated words (fake
// bold, shadows) dropped, characters whose middle is off the page left out.
// Not reproduced: TextLine joining words that follow each other in the
// content (it decides with the whole page's layout), right-to-left reordering,
// leaving out some zero-width glyphs (Type 3 fonts, symbol fonts);
// GlyphParityTests lists where that shows.
#ifndef INDSATS_GLYPH_COLLECTOR_H
#define INDSATS_GLYPH_COLLECTOR_H
#include "indsats_poppler.h"
#include <poppler/OutputDev.h>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class GfxFont;

class GlyphCollector : public OutputDev {
public:
    std::vector<indsats_glyph> glyphs;
    std::vector<std::string> fontNames;

    bool upsideDown() override { return true; }
    bool useDrawChar() override { return true; }
    bool interpretType3Chars() override { return false; }
    bool needNonText() override { return false; }

    void startPage(int pageNum, GfxState *state, XRef *xref) override;
    void updateFont(GfxState *state) override;
    void drawChar(GfxState *state, double x, double y, double dx, double dy, double originX, double originY,
                  CharCode code, int nBytes, const Unicode *u, int uLen) override;
    void beginActualText(GfxState *state, const GooString *text) override;
    void endActualText(GfxState *state) override;

    // After the page is drawn: the last word closed, duplicates and off-page characters dropped.
    void finishPage();

private:
    // The word being built, as TextWord keeps it: edges[i] to edges[i + 1] is
    // character i along the line; low to high its extent across it.
    struct Word {
        bool open = false;
        int rotation = 0, writingMode = 0;
        double fontSize = 0, base = 0, low = 0, high = 0;
        std::vector<double> edges;
        size_t first = 0;
        size_t length() const { return edges.empty() ? 0 : edges.size() - 1; }
    };
    // A finished word, for finding duplicates.
    struct WordSpan {
        size_t first, length;
        int rotation;
        double base, fontSize, xMin, yMin, xMax, yMax;
        std::vector<double> edges;
        double low, high;
    };
    Word word;
    std::vector<WordSpan> words;
    bool lastOverlapped = false;
    double pageWidth = 0, pageHeight = 0, fontSize = 0;
    int tinyCharacters = 0;
    std::map<const GfxFont *, int32_t> fontIndex;
    const GfxFont *lastFont = nullptr;
    int32_t lastFontIndex = -1;
    // Held for the page so that no font's address is reused by another.
    std::vector<std::shared_ptr<GfxFont>> pageFonts;

    // A /Span with /ActualText: its glyphs' extent, then its text spread over it.
    std::optional<std::string> actualText;
    bool actualTextStarted = false;
    double actualX0 = 0, actualY0 = 0, actualX1 = 0, actualY1 = 0;

    void addCharacter(GfxState *state, double x, double y, double dx, double dy, CharCode code, const Unicode *u, int uLen);
    void beginWord(GfxState *state);
    void setInitialBounds(const GfxFont *font, double x, double y);
    void closeWord();
    void append(uint32_t codePoint, double x, double y, double dx, double dy, int32_t font);
    bool addCombining(GfxState *state, uint32_t codePoint, double x, double y, double dx, double dy);
    void dropDuplicateWords();
    void boxGlyphs();
    void dropOffPage();
    int32_t fontOf(const std::shared_ptr<GfxFont> &font);
};

#endif
