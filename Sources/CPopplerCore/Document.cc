// Opening a PDF with poppler's core and reading its pages through GlyphCollector.
#include "indsats_poppler.h"
#include "GlyphCollector.h"
#include <poppler/Error.h>
#include <poppler/ErrorCodes.h>
#include <poppler/Gfx.h>
#include <poppler/GlobalParams.h>
#include <poppler/PDFDoc.h>
#include <poppler/Page.h>
#include <poppler/Stream.h>
#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <memory>
#include <mutex>
#include <vector>

namespace {

std::atomic<void (*)(const char *)> logSink { nullptr };

// As poppler-glib words them, so messages read the same whichever library logged.
void forward(ErrorCategory category, Goffset position, const char *message) {
    static const char *const categories[] = { "Syntax warning", "Syntax error", nullptr, nullptr, "IO error", nullptr, "Unimplemented feature", "Internal error" };
    auto sink = logSink.load();
    if (!sink || category == errConfig || category == errCommandLine || category == errNotAllowed) return;
    char line[1024];
    std::snprintf(line, sizeof line, "%s at position %" PRId64 ": %s", categories[category], (int64_t)position, message ? message : "");
    sink(line);
}

// Poppler's global state, made once and never released: poppler-glib (which
// the tests use beside indsats) releases it when its last document closes,
// unless someone else holds it too.
void initialise() {
    static std::once_flag once;
    std::call_once(once, [] {
        static GlobalParamsIniter *holder = new GlobalParamsIniter(forward);
        (void)holder;
        setErrorCallback(forward);
    });
}

} // namespace

struct indsats_document {
    std::unique_ptr<PDFDoc> pdf;
    GlyphCollector collector;
    std::vector<const char *> fontNames;
};

extern "C" void indsats_set_log(void (*log)(const char *message)) {
    logSink.store(log);
    initialise();
}

extern "C" indsats_document *indsats_open(const void *bytes, size_t length, const char *password, indsats_open_error *error) {
    initialise();
    std::optional<GooString> secret;
    if (password) secret = GooString(password);
    auto stream = new MemStream(static_cast<const char *>(bytes), 0, (Goffset)length, Object(objNull));
    auto document = std::make_unique<indsats_document>();
    document->pdf = std::make_unique<PDFDoc>(stream, secret, secret);
    if (!document->pdf->isOk()) {
        int code = document->pdf->getErrorCode();
        error->encrypted = code == errEncrypted;
        error->message = code == errDamaged ? "PDF document is damaged"
                       : code == errBadCatalog ? "Failed to read the document catalog"
                       : code == errEncrypted ? "Document is encrypted"
                       : "Failed to load document";
        return nullptr;
    }
    return document.release();
}

extern "C" int indsats_page_count(const indsats_document *document) {
    return document->pdf->getNumPages();
}

extern "C" int indsats_read_page(indsats_document *document, int number, indsats_page *page) {
    Page *source = document->pdf->getPage(number);
    if (!source) return 0;
    auto &collector = document->collector;
    // The page's content only, as poppler-glib reads text: no annotations or form fields.
    std::unique_ptr<Gfx> gfx(source->createGfx(&collector, 72, 72, 0, false, true, -1, -1, -1, -1, false, nullptr, nullptr));
    source->display(gfx.get());
    bool turned = source->getRotate() == 90 || source->getRotate() == 270;
    page->width = turned ? source->getCropHeight() : source->getCropWidth();
    page->height = turned ? source->getCropWidth() : source->getCropHeight();
    page->glyphs = collector.glyphs.data();
    page->glyph_count = collector.glyphs.size();
    document->fontNames.clear();
    for (const auto &name : collector.fontNames) document->fontNames.push_back(name.c_str());
    page->font_names = document->fontNames.data();
    page->font_count = document->fontNames.size();
    return 1;
}

extern "C" void indsats_close(indsats_document *document) { delete document; }
