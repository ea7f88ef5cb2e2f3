// Draws a document's pages into a GlyphCollector. Poppler makes a Gfx's
// resources anew for every Gfx, its fonts included (each embedded font
// program and ToUnicode map read and parsed again): about a fifth of the time
// of a typical report, page after page the same fonts. Pages that can share
// one Gfx are drawn with the same one: same boxes and rotation, resources
// that are entry for entry the same objects, no optional content (a page
// ending inside hidden content would hide the next), and the page before
// left the graphics state as it found it (poppler's display restores it;
// checked all the same); the current point, path and text line position,
// which restoring keeps, are put back. What a shared Gfx still carries from
// page to page, all in poppler's messages only: a font's warnings come once
// for the pages that share it instead of once a page; a BX never closed
// silences "Unknown operator" on the pages after it; marked content opened
// on one page and closed on the next is no "Mismatched EMC".
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
    // The next page gets a Gfx of its own, as the first page after opening does.
    void restart() { forget(); }

private:
    PDFDoc *document;
    GlyphCollector *collector;
    std::unique_ptr<Gfx> gfx;
    // The page `gfx` was made for, and its state and matrix as made: a page
    // that returns to that state leaves `gfx` fit for the next.
    Page *madeFor = nullptr;
    GfxState *initialState = nullptr;
    double initialMatrix[6] = {};
    double initialX = 0, initialY = 0, initialLineX = 0, initialLineY = 0;
    bool reusable = false;

    bool fits(Page *page) const;
    void forget();
};

#endif
