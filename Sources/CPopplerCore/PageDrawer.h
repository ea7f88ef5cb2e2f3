// Draws a document's pages into a GlyphCollector. Poppler makes a Gfx's
// resources anew for every Gfx, its fonts included (each embedded font
// program and ToUnicode map read and parsed again): about a fifth of the time
// of a typical report, page after page the same fonts. Pages that can share
// one Gfx are drawn with the same one: same boxes and rotation, resources
// that are entry for entry the same objects, no optional content (a page
// ending inside hidden content would hide the next), and the page before
// left the graphics state as it found it (poppler's display restores it;
// checked all the same). What a shared Gfx still carries from page to page:
// a BX never closed by EX, which silences poppler's "Unknown operator"
// messages for the pages after it.
#ifndef INDSATS_PAGE_DRAWER_H
#define INDSATS_PAGE_DRAWER_H
#include <memory>

class Gfx;
class GfxState;
class GlyphCollector;
class Page;
class PDFDoc;

class PageDrawer {
public:
    PageDrawer(PDFDoc *document, GlyphCollector *collector);
    ~PageDrawer();
    PageDrawer(const PageDrawer &) = delete;
    PageDrawer &operator=(const PageDrawer &) = delete;

    // Draws `page` (number `number`, 1-based) into the collector.
    void draw(Page *page, int number);

private:
    PDFDoc *document;
    GlyphCollector *collector;
    std::unique_ptr<Gfx> gfx;
    // The page `gfx` was made for, and its state and matrix as made: a page
    // that returns to that state leaves `gfx` fit for the next.
    Page *madeFor = nullptr;
    GfxState *initialState = nullptr;
    double initialMatrix[6] = {};
    bool reusable = false;

    bool fits(Page *page) const;
    void forget();
};

#endif
