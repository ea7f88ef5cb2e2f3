#include "PageDrawer.h"
#include "GlyphCollector.h"
#include <poppler/Catalog.h>
#include <poppler/Gfx.h>
#include <poppler/GfxState.h>
#include <poppler/Object.h>
#include <poppler/PDFDoc.h>
#include <poppler/Page.h>
#include <cstring>

namespace {

// Values compared as written, references by number: two pages' resources are
// the same when they name the same objects. Anything nested deeper than a
// resource category's own dictionary, or a stream, counts as different.
bool same(const Object &a, const Object &b, int depth);

// Both ways: a dictionary may repeat a key, so equal lengths and one
// direction could miss a key of the other.
bool sameEntries(Dict *a, Dict *b, int depth) {
    if (a == b) return true;
    if (a->getLength() != b->getLength()) return false;
    for (int i = 0; i < a->getLength(); i++) {
        const Object &other = b->lookupNF(a->getKey(i));
        if (other.isNull() || !same(a->getValNF(i), other, depth)) return false;
        const Object &mine = a->lookupNF(b->getKey(i));
        if (mine.isNull() || !same(b->getValNF(i), mine, depth)) return false;
    }
    return true;
}

bool same(const Object &a, const Object &b, int depth) {
    if (a.getType() != b.getType()) return false;
    switch (a.getType()) {
    case objRef: return a.getRef() == b.getRef();
    case objName: return std::strcmp(a.getName(), b.getName()) == 0;
    case objNull: return true;
    case objBool: return a.getBool() == b.getBool();
    case objInt: return a.getInt() == b.getInt();
    case objInt64: return a.getInt64() == b.getInt64();
    case objReal: return a.getReal() == b.getReal();
    case objString: return a.getString()->cmp(b.getString()) == 0;
    case objArray:
        if (depth >= 2 || a.arrayGetLength() != b.arrayGetLength()) return false;
        for (int i = 0; i < a.arrayGetLength(); i++)
            if (!same(a.arrayGetNF(i), b.arrayGetNF(i), depth + 1)) return false;
        return true;
    case objDict: return depth < 2 && sameEntries(a.getDict(), b.getDict(), depth + 1);
    default: return false;
    }
}

bool sameBox(const PDFRectangle *a, const PDFRectangle *b) {
    return a->x1 == b->x1 && a->y1 == b->y1 && a->x2 == b->x2 && a->y2 == b->y2;
}

} // namespace

PageDrawer::PageDrawer(PDFDoc *documentA, GlyphCollector *collectorA) : document(documentA), collector(collectorA) { }

PageDrawer::~PageDrawer() { forget(); }

void PageDrawer::forget() {
    gfx.reset();
    madeFor = nullptr;
    initialState = nullptr;
    reusable = false;
}

bool PageDrawer::fits(Page *page) const {
    if (!gfx || !reusable || !madeFor) return false;
    if (page->getRotate() != madeFor->getRotate() || !sameBox(page->getMediaBox(), madeFor->getMediaBox())
        || !sameBox(page->getCropBox(), madeFor->getCropBox()))
        return false;
    Dict *mine = page->getResourceDict(), *theirs = madeFor->getResourceDict();
    if (!mine || !theirs) return mine == theirs;
    return sameEntries(mine, theirs, 0);
}

void PageDrawer::draw(Page *page, int number) {
    if (fits(page)) {
        // What the Gfx constructor tells a new page's output device.
        collector->startPage(number, gfx->getState(), document->getXRef());
        collector->updateAll(gfx->getState());
    } else {
        forget();
        // The page's content only, as poppler-glib reads text: no annotations or form fields.
        gfx.reset(page->createGfx(collector, 72, 72, 0, false, true, -1, -1, -1, -1, false, nullptr, nullptr));
        madeFor = page;
        initialState = gfx->getState();
        std::memcpy(initialMatrix, initialState->getCTM(), sizeof initialMatrix);
        initialX = initialState->getCurX();
        initialY = initialState->getCurY();
        initialLineX = initialState->getLineX();
        initialLineY = initialState->getLineY();
    }
    reusable = false;
    page->display(gfx.get());
    // Optional content can hide what follows an unclosed marked-content
    // sequence; poppler's Gfx keeps that to itself, so such documents are
    // drawn with a Gfx a page.
    GfxState *state = gfx->getState();
    reusable = document->getCatalog()->getOptContentConfig() == nullptr && state == initialState
        && std::memcmp(state->getCTM(), initialMatrix, sizeof initialMatrix) == 0 && !state->getFont();
    // Restoring a graphics state keeps the current point, the path and the
    // text line position (q and Q do not save them): put them back as the
    // next page would find them in a Gfx of its own.
    if (reusable) {
        state->textSetPos(initialLineX, initialLineY);
        state->moveTo(initialX, initialY);
        state->clearPath();
    }
}
