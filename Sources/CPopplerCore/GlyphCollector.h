// An output device that keeps each character poppler draws, boxed as
// poppler's own text layout (TextOutputDev) boxes it, without building that
// layout: the boxes and font sizes are what poppler-glib reported, at about
// half of poppler's cost per page (README, "Why poppler's core").
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

private:
    // The word being built: poppler boxes a character from its advance along
    // the line and its word's ascent and descent across it.
    struct Word {
        bool open = false;
        int rotation = 0, writingMode = 0;
        double fontSize = 0, base = 0, low = 0, high = 0, end = 0;
        double lastStart = 0, lastEnd = 0;
        size_t first = 0;
    };
    Word word;
    bool lastOverlapped = false;
    double pageWidth = 0, pageHeight = 0, fontSize = 0;
    int tinyCharacters = 0;
    std::map<const GfxFont *, int32_t> fontIndex;
    // Held for the page so that no font's address is reused by another.
    std::vector<std::shared_ptr<GfxFont>> pageFonts;

    // A /Span with /ActualText: its glyphs' extent, then its text spread over it.
    std::optional<std::string> actualText;
    bool actualTextStarted = false;
    double actualX0 = 0, actualY0 = 0, actualX1 = 0, actualY1 = 0;

    void addCharacter(GfxState *state, double x, double y, double dx, double dy, CharCode code, const Unicode *u, int uLen);
    void beginWord(GfxState *state, double x, double y);
    void append(uint32_t codePoint, double x, double y, double dx, double dy, int32_t font);
    void push(uint32_t codePoint, double start, double end, int32_t font);
    bool addCombining(uint32_t codePoint, double x, double y, double dx, double dy, const GfxFont *font);
    int32_t fontOf(const std::shared_ptr<GfxFont> &font);
};

#endif
