#include "GlyphCollector.h"
#include <poppler/GfxFont.h>
#include <poppler/GfxState.h>
#include <poppler/UTF.h>
#include <cmath>
#include <cstring>

namespace {

// Thresholds of poppler's TextPage, in ems of the word's font size.
constexpr double duplicateAlong = 0.1, duplicateAcross = 0.2; // a character drawn twice
constexpr double overlapBreak = 0.2, spaceBreak = 0.1;         // start a new word
constexpr double combiningMiddle = 0.3, combiningBase = 0.4;   // an accent over a letter
constexpr int tinyCharacterLimit = 50000;

bool isWhiteSpace(uint32_t u) {
    return (u >= 0x09 && u <= 0x0D) || u == 0x20 || u == 0x85 || u == 0xA0 || u == 0x1680 || (u >= 0x2000 && u <= 0x200A)
        || u == 0x2028 || u == 0x2029 || u == 0x202F || u == 0x205F || u == 0x3000;
}

// A spacing accent as the combining mark poppler joins to the letter under it.
uint32_t combiningMark(uint32_t u) {
    switch (u) {
    case 0x60: return 0x300; case 0xA8: return 0x308; case 0xAF: return 0x304; case 0xB4: return 0x301;
    case 0xB8: return 0x327; case 0x2C6: return 0x302; case 0x2C7: return 0x30C; case 0x2C9: return 0x304;
    case 0x2CA: return 0x301; case 0x2CB: return 0x300; case 0x2D8: return 0x306; case 0x2D9: return 0x307;
    case 0x2DA: return 0x30A; case 0x2DB: return 0x328; case 0x2DC: return 0x303; case 0x2DD: return 0x30B;
    default: return (u >= 0x300 && u <= 0x36F) ? u : 0;
    }
}

// Type 3 glyph units are unknown before rendering; poppler guesses the size
// from the width of an "m" (or any letter, or any glyph).
double type3Scale(const Gfx8BitFont *font) {
    int m = -1, letter = -1, any = -1;
    for (int code = 0; code < 256; code++) {
        const char *name = font->getCharName(code);
        bool single = name && name[0] != '\0' && name[1] == '\0';
        if (single && name[0] == 'm') m = code;
        if (letter < 0 && single && ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z'))) letter = code;
        if (any < 0 && name && font->getWidth(code) > 0) any = code;
    }
    double scale = 1, width;
    if (m >= 0 && (width = font->getWidth(m)) > 0) scale = width / 0.6;
    else if (letter >= 0 && (width = font->getWidth(letter)) > 0) scale = width / 0.5;
    else if (any >= 0 && (width = font->getWidth(any)) > 0) scale = width / 0.5;
    const double *matrix = font->getFontMatrix();
    if (matrix[0] != 0) scale *= std::fabs(matrix[3] / matrix[0]);
    return scale;
}

} // namespace

void GlyphCollector::startPage(int, GfxState *state, XRef *) {
    pageWidth = state ? state->getPageWidth() : 0;
    pageHeight = state ? state->getPageHeight() : 0;
    glyphs.clear();
    fontNames.clear();
    fontIndex.clear();
    pageFonts.clear();
    word = Word();
    lastOverlapped = false;
    fontSize = 0;
    tinyCharacters = 0;
    actualText.reset();
}

void GlyphCollector::updateFont(GfxState *state) {
    fontSize = state->getTransformedFontSize();
    const GfxFont *font = state->getFont().get();
    if (font && font->getType() == fontType3) fontSize *= type3Scale(static_cast<const Gfx8BitFont *>(font));
}

void GlyphCollector::beginActualText(GfxState *, const GooString *text) {
    actualText = text ? text->toStr() : std::string();
    actualTextStarted = false;
}

void GlyphCollector::endActualText(GfxState *state) {
    if (actualText && actualTextStarted) {
        Unicode *codePoints = nullptr;
        int length = TextStringToUCS4(*actualText, &codePoints);
        addCharacter(state, actualX0, actualY0, actualX1 - actualX0, actualY1 - actualY0, 0, codePoints, length);
        gfree(codePoints);
    }
    actualText.reset();
    actualTextStarted = false;
}

void GlyphCollector::drawChar(GfxState *state, double x, double y, double dx, double dy, double, double, CharCode code,
                              int, const Unicode *u, int uLen) {
    if (!actualText) { addCharacter(state, x, y, dx, dy, code, u, uLen); return; }
    if (!actualTextStarted) { actualX0 = x; actualY0 = y; actualTextStarted = true; }
    actualX1 = x + dx;
    actualY1 = y + dy;
}

void GlyphCollector::addCharacter(GfxState *state, double x, double y, double dx, double dy, CharCode code,
                                  const Unicode *u, int uLen) {
    // The advance without character and word spacing, in page space.
    double spacing = state->getCharSpace() + (code == (CharCode)0x20 ? state->getWordSpace() : 0);
    double spacingX, spacingY, w, h, px, py;
    state->textTransformDelta(spacing * state->getHorizScaling(), 0, &spacingX, &spacingY);
    state->transformDelta(dx - spacingX, dy - spacingY, &w, &h);
    state->transform(x, y, &px, &py);
    if (px + w < 0 || px > pageWidth || py + h < 0 || py > pageHeight || std::isnan(px) || std::isnan(py) || std::isnan(w) || std::isnan(h))
        return;
    if (std::fabs(w) < 3 && std::fabs(h) < 3 && ++tinyCharacters > tinyCharacterLimit) return;
    if (uLen == 1 && isWhiteSpace(u[0])) { word.open = false; return; }
    if (uLen == 0) return;

    const GfxFont *font = state->getFont().get();
    if (word.open) {
        bool horizontal = word.rotation == 0 || word.rotation == 2;
        double base = horizontal ? py : px;
        double position = horizontal ? px : py;
        bool forward = word.rotation == 0 || word.rotation == 1;
        double gap = forward ? position - word.end : word.end - position;
        double delta = forward ? position - word.lastStart : word.lastStart - position;
        if (uLen == 1 && addCombining(u[0], px, py, w, h, font)) return;
        bool overlap = std::fabs(delta) < duplicateAlong * word.fontSize && std::fabs(base - word.base) < duplicateAcross * word.fontSize;
        int writingMode = font ? font->getWMode() : 0;
        if (overlap || lastOverlapped || gap < -overlapBreak * word.fontSize || gap > spaceBreak * word.fontSize
            || std::fabs(base - word.base) > 0.5 || fontSize != word.fontSize || writingMode != word.writingMode)
            word.open = false;
        lastOverlapped = overlap;
    } else {
        lastOverlapped = false;
    }
    if (!word.open) beginWord(state, px, py);
    // Text drawn backwards (page rotation, mirrored matrices) is boxed character by character.
    int r = word.rotation;
    if ((r == 0 && w < 0) || (r == 1 && h < 0) || (r == 2 && w > 0) || (r == 3 && h > 0)) {
        px += w; py += h; w = -w; h = -h;
        beginWord(state, px, py);
    }
    int32_t index = fontOf(state->getFont());
    w /= uLen;
    h /= uLen;
    for (int i = 0; i < uLen; i++) append(u[i], px + i * w, py + i * h, w, h, index);
}

void GlyphCollector::beginWord(GfxState *state, double x, double y) {
    const GfxFont *font = state->getFont().get();
    double m[4];
    state->getFontTransMat(&m[0], &m[1], &m[2], &m[3]);
    if (font && font->getType() == fontType3) {
        const double *f = font->getFontMatrix();
        double t[4] = { f[0] * m[0] + f[1] * m[2], f[0] * m[1] + f[1] * m[3], f[2] * m[0] + f[3] * m[2], f[2] * m[1] + f[3] * m[3] };
        std::memcpy(m, t, sizeof m);
    }
    int rotation = std::fabs(m[0] * m[3]) > std::fabs(m[1] * m[2]) ? ((m[0] > 0 || m[3] < 0) ? 0 : 2) : (m[2] > 0 ? 1 : 3);
    int writingMode = font ? font->getWMode() : 0;
    if (writingMode) rotation = (rotation + 1) & 3;
    double ascent = (font ? font->getAscent() : 0.95) * fontSize;
    double descent = (font ? font->getDescent() : -0.35) * fontSize;

    word = Word();
    word.open = true;
    word.rotation = rotation;
    word.writingMode = writingMode;
    word.fontSize = fontSize;
    word.first = glyphs.size();
    bool horizontal = rotation == 0 || rotation == 2;
    double base = horizontal ? y : x;
    switch (rotation) {
    case 0: word.low = y - ascent; word.high = y - descent; break;
    case 1: word.low = x + descent; word.high = x + ascent; break;
    case 2: word.low = y + descent; word.high = y + ascent; break;
    default: word.low = x - ascent; word.high = x - descent; break;
    }
    if (word.low == word.high) { word.low = base; word.high = base + 1; }
    word.base = base;
    word.end = horizontal ? x : y;
}

void GlyphCollector::append(uint32_t codePoint, double x, double y, double dx, double dy, int32_t font) {
    bool horizontal = word.rotation == 0 || word.rotation == 2;
    double start = horizontal ? x : y;
    double end = start + (horizontal ? dx : dy);
    word.end = end;
    word.lastStart = start;
    word.lastEnd = end;
    push(codePoint, start, end, font);
}

void GlyphCollector::push(uint32_t codePoint, double start, double end, int32_t font) {
    indsats_glyph glyph;
    glyph.code_point = codePoint;
    glyph.font = font;
    glyph.font_size = word.fontSize;
    double low = std::fmin(start, end), high = std::fmax(start, end);
    if (word.rotation == 0 || word.rotation == 2) {
        glyph.x0 = low; glyph.x1 = high; glyph.y0 = word.low; glyph.y1 = word.high;
    } else {
        glyph.y0 = low; glyph.y1 = high; glyph.x0 = word.low; glyph.x1 = word.high;
    }
    glyphs.push_back(glyph);
}

// An accent centred over the word's last character is one with it: the
// character keeps the first half of its advance, the mark the second.
bool GlyphCollector::addCombining(uint32_t codePoint, double x, double y, double dx, double dy, const GfxFont *font) {
    if (glyphs.size() == word.first || word.writingMode != 0 || (font && font->getWMode() != 0)) return false;
    uint32_t mark = combiningMark(codePoint);
    if (mark == 0) return false;
    bool horizontal = word.rotation == 0 || word.rotation == 2;
    double middle = (word.lastStart + word.lastEnd) / 2;
    double markMiddle = horizontal ? x + dx / 2 : y + dy / 2;
    double markBase = horizontal ? y : x;
    if (std::fabs(markMiddle - middle) >= std::fabs(word.lastEnd - word.lastStart) * combiningMiddle
        || std::fabs(markBase - word.base) >= (word.high - word.low) * combiningBase)
        return false;
    indsats_glyph &base = glyphs.back();
    double start = word.lastStart, end = word.lastEnd;
    if (horizontal) { base.x0 = std::fmin(start, middle); base.x1 = std::fmax(start, middle); }
    else { base.y0 = std::fmin(start, middle); base.y1 = std::fmax(start, middle); }
    push(mark, middle, end, base.font);
    word.lastStart = middle;
    return true;
}

int32_t GlyphCollector::fontOf(const std::shared_ptr<GfxFont> &font) {
    auto found = fontIndex.find(font.get());
    if (found != fontIndex.end()) return found->second;
    std::string name = font && font->getName() ? *font->getName() : std::string();
    int32_t index = -1;
    for (size_t i = 0; i < fontNames.size(); i++)
        if (fontNames[i] == name) index = (int32_t)i;
    if (index < 0) {
        fontNames.push_back(name);
        index = (int32_t)fontNames.size() - 1;
    }
    fontIndex[font.get()] = index;
    pageFonts.push_back(font);
    return index;
}
