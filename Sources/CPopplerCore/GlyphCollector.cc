#include "GlyphCollector.h"
#include "PopplerLetters.h"
#include <poppler/GfxFont.h>
#include <poppler/GfxState.h>
#include <poppler/UTF.h>
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>

namespace {

// TextPage's thresholds, in ems of the word's font size.
constexpr double duplicateAlong = 0.1, duplicateAcross = 0.2; // a character or word drawn twice
constexpr double overlapBreak = 0.2, spaceBreak = 0.1;         // start a new word
constexpr double combiningMiddle = 0.3, combiningBase = 0.4;   // an accent over a letter
constexpr double baseShiftBreak = 0.5;                         // points
constexpr double poolStep = 4;                                 // points of baseline per bucket
constexpr int tinyCharacterLimit = 50000;

bool isWhiteSpace(uint32_t u) {
    return (u >= 0x09 && u <= 0x0D) || u == 0x20 || u == 0x85 || u == 0xA0 || u == 0x1680 || (u >= 0x2000 && u <= 0x200A)
        || u == 0x2028 || u == 0x2029 || u == 0x202F || u == 0x205F || u == 0x3000;
}

// The spacing accents TextPage joins to a letter, as the combining marks they become.
uint32_t combiningMark(uint32_t u) {
    switch (u) {
    case 0x0060: return 0x0300; case 0x00A8: return 0x0308; case 0x00AF: return 0x0304; case 0x00B4: return 0x0301;
    case 0x00B8: return 0x0327; case 0x02C6: return 0x0302; case 0x02C7: return 0x030C; case 0x02D8: return 0x0306;
    case 0x02D9: return 0x0307; case 0x02DA: return 0x030A; case 0x02DC: return 0x0303; case 0x02DD: return 0x030B;
    default: return 0;
    }
}

// Type 3 glyph units are unknown before rendering; TextPage guesses the size
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

// A font's name as poppler-glib reports it: without a subset tag ("ABCDEF+"), "Default" for none.
std::string reportedName(const GfxFont *font) {
    std::string name = font && font->getName() ? *font->getName() : std::string();
    if (name.empty()) return "Default";
    size_t capitals = 0;
    while (capitals < name.size() && name[capitals] >= 'A' && name[capitals] <= 'Z') capitals++;
    if (capitals > 0 && capitals < name.size() && name[capitals] == '+') name.erase(0, capitals + 1);
    return name;
}

// Along the line: a character's start and end for its word's rotation.
void along(int rotation, int writingMode, double fontSize, double x, double y, double dx, double dy, double &start, double &end) {
    bool horizontal = rotation == 0 || rotation == 2;
    if (writingMode) {
        double at = horizontal ? x : y;
        start = (rotation == 0 || rotation == 1) ? at - fontSize : at + fontSize;
        end = at;
    } else {
        start = horizontal ? x : y;
        end = start + (horizontal ? dx : dy);
    }
}

} // namespace

void GlyphCollector::startPage(int, GfxState *state, XRef *) {
    pageWidth = state ? state->getPageWidth() : 0;
    pageHeight = state ? state->getPageHeight() : 0;
    glyphs.clear();
    words.clear();
    fontNames.clear();
    fontIndex.clear();
    pageFonts.clear();
    lastFont = nullptr;
    lastFontIndex = -1;
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
    if (uLen == 1 && isWhiteSpace(u[0])) { closeWord(); return; }
    if (uLen == 1 && u[0] == 0) return;
    if (word.open && uLen == 1 && addCombining(state, u[0], px, py, w, h)) return;

    const GfxFont *font = state->getFont().get();
    size_t length = word.length();
    if (word.open && length > 0) {
        bool horizontal = word.rotation == 0 || word.rotation == 2;
        bool forward = word.rotation == 0 || word.rotation == 1;
        double base = horizontal ? py : px, position = horizontal ? px : py;
        double gap = forward ? position - word.edges[length] : word.edges[length] - position;
        double delta = forward ? position - word.edges[length - 1] : word.edges[length - 1] - position;
        bool overlap = std::fabs(delta) < duplicateAlong * word.fontSize && std::fabs(base - word.base) < duplicateAcross * word.fontSize;
        int writingMode = font ? font->getWMode() : 0;
        if (overlap || lastOverlapped || gap < -overlapBreak * word.fontSize || gap > spaceBreak * word.fontSize
            || std::fabs(base - word.base) > baseShiftBreak || fontSize != word.fontSize || writingMode != word.writingMode)
            closeWord();
        lastOverlapped = overlap;
    } else {
        lastOverlapped = false;
    }
    // A character that maps to no text still ends the word it does not fit.
    if (uLen == 0) return;
    if (!word.open) beginWord(state);
    // Text drawn backwards (page rotation, mirrored matrices) is boxed character by character.
    int r = word.rotation;
    if ((r == 0 && w < 0) || (r == 1 && h < 0) || (r == 2 && w > 0) || (r == 3 && h > 0)) {
        closeWord();
        beginWord(state);
        px += w; py += h; w = -w; h = -h;
    }
    int32_t index = fontOf(state->getFont());
    w /= uLen;
    h /= uLen;
    for (int i = 0; i < uLen; i++) {
        if (word.length() == 0) setInitialBounds(font, px + i * w, py + i * h);
        append(u[i], px + i * w, py + i * h, w, h, index);
    }
}

void GlyphCollector::beginWord(GfxState *state) {
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
    word = Word();
    word.open = true;
    word.rotation = rotation;
    word.writingMode = writingMode;
    word.fontSize = fontSize;
    word.first = glyphs.size();
}

// The word's extent across the line and its baseline, from its first character.
void GlyphCollector::setInitialBounds(const GfxFont *font, double x, double y) {
    double size = word.fontSize;
    double ascent = (font ? font->getAscent() : 0.95) * size;
    double descent = (font ? font->getDescent() : -0.35) * size;
    bool horizontal = word.rotation == 0 || word.rotation == 2;
    word.base = horizontal ? y : x;
    if (word.writingMode) {
        switch (word.rotation) {
        case 0: word.low = y - size; word.high = y; break;
        case 1: word.low = x; word.high = x + size; break;
        case 2: word.low = y; word.high = y + size; break;
        default: word.low = x - size; word.high = x; break;
        }
        return;
    }
    switch (word.rotation) {
    case 0: word.low = y - ascent; word.high = y - descent; break;
    case 1: word.low = x + descent; word.high = x + ascent; break;
    case 2: word.low = y + descent; word.high = y + ascent; break;
    default: word.low = x - ascent; word.high = x - descent; break;
    }
    // TextWord's guard against an empty extent.
    if (word.low == word.high) { word.low = word.base; word.high = word.base + 1; }
}

// A character runs from its start to where the next one starts.
void GlyphCollector::append(uint32_t codePoint, double x, double y, double dx, double dy, int32_t font) {
    double start, end;
    along(word.rotation, word.writingMode, word.fontSize, x, y, dx, dy, start, end);
    if (word.edges.empty()) word.edges.push_back(start); else word.edges.back() = start;
    word.edges.push_back(end);
    indsats_glyph glyph {};
    glyph.code_point = codePoint;
    glyph.font = font;
    glyphs.push_back(glyph);
}

// An accent centred over the letter before it (or a letter under the accent
// before it) becomes the letter followed by a combining mark, the letter's
// advance shared out between the two.
bool GlyphCollector::addCombining(GfxState *state, uint32_t codePoint, double x, double y, double dx, double dy) {
    const GfxFont *font = state->getFont().get();
    size_t length = word.length();
    if (length == 0 || word.writingMode != 0 || (font && font->getWMode() != 0)) return false;
    indsats_glyph &previous = glyphs[word.first + length - 1];
    uint32_t current = combiningMark(codePoint), before = combiningMark(previous.code_point);
    double middle = (word.edges[length - 1] + word.edges[length]) / 2;
    bool horizontal = word.rotation == 0 || word.rotation == 2;
    double charMiddle = horizontal ? x + dx / 2 : y + dy / 2;
    double charBase = horizontal ? y : x;

    if (current != 0 && isPopplerLetterOrDigit(previous.code_point)) {
        double maxMiddle = std::fabs(word.edges[length] - word.edges[length - 1]) * combiningMiddle;
        double maxBase = (word.high - word.low) * combiningBase;
        if (std::fabs(charMiddle - middle) >= maxMiddle || std::fabs(charBase - word.base) >= maxBase) return false;
        double end = word.edges[length];
        word.edges[length] = (end + word.edges[length - 1]) / 2;
        word.edges.push_back(end);
        indsats_glyph mark {};
        mark.code_point = current;
        mark.font = fontOf(state->getFont());
        glyphs.push_back(mark);
        return true;
    }
    if (before != 0 && isPopplerLetterOrDigit(codePoint)) {
        double ascent = font ? font->getAscent() : 0.95, descent = font ? font->getDescent() : -0.35;
        double maxBase = (ascent - descent) * fontSize * combiningBase;
        double maxMiddle = std::fabs((horizontal ? dx : dy) * combiningMiddle);
        if (std::fabs(charMiddle - middle) >= maxMiddle || std::fabs(charBase - word.base) >= maxBase) return false;
        word.fontSize = fontSize;
        indsats_glyph mark {};
        mark.code_point = before;
        mark.font = previous.font;
        previous.code_point = codePoint;
        previous.font = fontOf(state->getFont());
        glyphs.push_back(mark);
        if (length == 1) setInitialBounds(font, x, y);
        double start, end;
        along(word.rotation, 0, word.fontSize, x, y, dx, dy, start, end);
        word.edges[length - 1] = start;
        word.edges.push_back(end);
        word.edges[length] = (start + end) / 2;
        return true;
    }
    return false;
}

void GlyphCollector::closeWord() {
    if (!word.open) return;
    word.open = false;
    size_t length = word.length();
    if (length == 0) return;
    // TextPool drops a word whose baseline is beyond its bucket numbers.
    double bucketIndex = word.base / poolStep;
    if (std::isnan(bucketIndex) || std::fabs(bucketIndex) >= (double)(INT_MAX - 128)) {
        glyphs.resize(word.first);
        return;
    }
    bool horizontal = word.rotation == 0 || word.rotation == 2;
    double a = std::fmin(word.edges.front(), word.edges.back()), b = std::fmax(word.edges.front(), word.edges.back());
    WordSpan span { word.first, length, word.rotation, word.base, word.fontSize, 0, 0, 0, 0, std::move(word.edges), word.low, word.high };
    if (horizontal) { span.xMin = a; span.xMax = b; span.yMin = word.low; span.yMax = word.high; }
    else { span.yMin = a; span.yMax = b; span.xMin = word.low; span.xMax = word.high; }
    words.push_back(std::move(span));
}

void GlyphCollector::finishPage() {
    closeWord();
    dropDuplicateWords();
    boxGlyphs();
    dropOffPage();
}

// Fake bold and drop shadows draw a word twice, a little apart: of two words
// with the same text whose boxes differ by less than 0.1 em along the line and
// 0.2 em across it, TextPage keeps the first in its order (baseline bucket,
// then position along the line).
void GlyphCollector::dropDuplicateWords() {
    if (words.size() < 2) return;
    auto bucket = [](double base) { return (int)(base / poolStep); };
    auto primary = [](const WordSpan &w) {
        switch (w.rotation) { case 0: return w.xMin; case 1: return w.yMin; case 2: return -w.xMax; default: return -w.yMax; }
    };
    // Sort keys computed once per word rather than in every comparison.
    struct Key { int rotation, bucket; double primary; size_t index; };
    std::vector<Key> keys(words.size());
    for (size_t i = 0; i < words.size(); i++) keys[i] = { words[i].rotation, bucket(words[i].base), primary(words[i]), i };
    std::sort(keys.begin(), keys.end(), [](const Key &p, const Key &q) {
        if (p.rotation != q.rotation) return p.rotation < q.rotation;
        if (p.bucket != q.bucket) return p.bucket < q.bucket;
        if (p.primary != q.primary) return p.primary < q.primary;
        return p.index < q.index;
    });
    std::vector<size_t> order(words.size());
    for (size_t i = 0; i < order.size(); i++) order[i] = keys[i].index;
    auto sameText = [&](const WordSpan &p, const WordSpan &q) {
        if (p.length != q.length) return false;
        for (size_t i = 0; i < p.length; i++)
            if (glyphs[p.first + i].code_point != glyphs[q.first + i].code_point) return false;
        return true;
    };
    std::vector<bool> dropped(words.size(), false);
    for (size_t i = 0; i < order.size(); i++) {
        const WordSpan &w0 = words[order[i]];
        if (dropped[order[i]]) continue;
        double pri = duplicateAlong * w0.fontSize, sec = duplicateAcross * w0.fontSize;
        int first = bucket(w0.base);
        int last = bucket(w0.base + sec);
        for (size_t j = i + 1; j < order.size(); j++) {
            const WordSpan &w2 = words[order[j]];
            if (w2.rotation != w0.rotation || bucket(w2.base) > last) break;
            if (dropped[order[j]] || bucket(w2.base) < first || !sameText(w0, w2)) continue;
            bool horizontal = w0.rotation == 0 || w0.rotation == 2;
            double dx = horizontal ? pri : sec, dy = horizontal ? sec : pri;
            if (std::fabs(w0.xMin - w2.xMin) < dx && std::fabs(w0.xMax - w2.xMax) < dx
                && std::fabs(w0.yMin - w2.yMin) < dy && std::fabs(w0.yMax - w2.yMax) < dy)
                dropped[order[j]] = true;
        }
    }
    if (std::find(dropped.begin(), dropped.end(), true) == dropped.end()) return;
    std::vector<bool> keep(glyphs.size(), true);
    for (size_t i = 0; i < words.size(); i++)
        if (dropped[i]) std::fill(keep.begin() + words[i].first, keep.begin() + words[i].first + words[i].length, false);
    std::vector<WordSpan> kept;
    for (size_t i = 0; i < words.size(); i++) if (!dropped[i]) kept.push_back(std::move(words[i]));
    words.swap(kept);
    size_t out = 0;
    for (size_t i = 0; i < glyphs.size(); i++) if (keep[i]) glyphs[out++] = glyphs[i];
    // Word spans index the glyphs: shift them with the compaction.
    std::vector<size_t> shift(keep.size() + 1, 0);
    for (size_t i = 0; i < keep.size(); i++) shift[i + 1] = shift[i] + (keep[i] ? 1 : 0);
    for (auto &w : words) w.first = shift[w.first];
    glyphs.resize(out);
}

// Each character from its edges along the line, its word's extent across it.
void GlyphCollector::boxGlyphs() {
    for (const auto &w : words) {
        bool horizontal = w.rotation == 0 || w.rotation == 2;
        for (size_t i = 0; i < w.length; i++) {
            indsats_glyph &glyph = glyphs[w.first + i];
            double a = std::fmin(w.edges[i], w.edges[i + 1]), b = std::fmax(w.edges[i], w.edges[i + 1]);
            if (horizontal) { glyph.x0 = a; glyph.x1 = b; glyph.y0 = w.low; glyph.y1 = w.high; }
            else { glyph.y0 = a; glyph.y1 = b; glyph.x0 = w.low; glyph.x1 = w.high; }
            glyph.font_size = w.fontSize;
        }
    }
}

// poppler-glib's text of a whole page holds the characters whose middle along
// the line lies on the page.
void GlyphCollector::dropOffPage() {
    std::vector<bool> keep(glyphs.size(), true);
    for (const auto &w : words) {
        bool horizontal = w.rotation == 0 || w.rotation == 2;
        double extent = horizontal ? pageWidth : pageHeight;
        for (size_t i = w.first; i < w.first + w.length; i++) {
            const indsats_glyph &g = glyphs[i];
            double middle = horizontal ? (g.x0 + g.x1) / 2 : (g.y0 + g.y1) / 2;
            if (middle < 0 || middle > extent) keep[i] = false;
        }
    }
    size_t out = 0;
    for (size_t i = 0; i < glyphs.size(); i++) if (keep[i]) glyphs[out++] = glyphs[i];
    glyphs.resize(out);
}

int32_t GlyphCollector::fontOf(const std::shared_ptr<GfxFont> &font) {
    // Runs of characters share a font: the last one answers most look-ups.
    if (font.get() == lastFont && lastFontIndex >= 0) return lastFontIndex;
    auto found = fontIndex.find(font.get());
    if (found != fontIndex.end()) { lastFont = font.get(); lastFontIndex = found->second; return found->second; }
    std::string name = reportedName(font.get());
    int32_t index = -1;
    for (size_t i = 0; i < fontNames.size(); i++)
        if (fontNames[i] == name) index = (int32_t)i;
    if (index < 0) {
        fontNames.push_back(name);
        index = (int32_t)fontNames.size() - 1;
    }
    fontIndex[font.get()] = index;
    pageFonts.push_back(font);
    lastFont = font.get();
    lastFontIndex = index;
    return index;
}
