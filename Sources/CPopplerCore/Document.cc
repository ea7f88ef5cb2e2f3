// Opening a PDF with poppler's core and reading its pages through GlyphCollector.
#include "indsats_poppler.h"
#include "GlyphCollector.h"
#include "PageDrawer.h"
#include <poppler/Error.h>
#include <poppler/ErrorCodes.h>
#include <poppler/GlobalParams.h>
#include <poppler/PDFDoc.h>
#include <poppler/Page.h>
#include <poppler/Stream.h>
#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
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
    // Last, so that it is destroyed first: its Gfx draws into the collector from the document.
    std::unique_ptr<PageDrawer> drawer;
};

extern "C" void indsats_set_log(void (*log)(const char *message)) {
    logSink.store(log);
    initialise();
}

namespace {

// A password as poppler-glib passes it first: Latin-1, which older (RC4 and
// AES-128) encryption expects; as given when it has characters beyond Latin-1.
std::string latin1(const char *utf8) {
    std::string out;
    for (const unsigned char *p = reinterpret_cast<const unsigned char *>(utf8); *p;) {
        uint32_t c = *p;
        int extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
        if (extra < 0) return utf8;
        c &= extra == 0 ? 0x7F : extra == 1 ? 0x1F : extra == 2 ? 0x0F : 0x07;
        p++;
        for (int i = 0; i < extra; i++, p++) {
            if ((*p & 0xC0) != 0x80) return utf8;
            c = c << 6 | (*p & 0x3F);
        }
        if (c > 0xFF) return utf8;
        out.push_back(static_cast<char>(c));
    }
    return out;
}

std::unique_ptr<PDFDoc> openDocument(const void *bytes, size_t length, const std::optional<std::string> &password) {
    std::optional<GooString> secret;
    if (password) secret = GooString(*password);
    auto stream = new MemStream(static_cast<const char *>(bytes), 0, (Goffset)length, Object(objNull));
    return std::make_unique<PDFDoc>(stream, secret, secret);
}

} // namespace

extern "C" indsats_document *indsats_open(const void *bytes, size_t length, const char *password, indsats_open_error *error) {
    indsats_open_error ignored;
    if (!error) error = &ignored;
    *error = indsats_open_error { 0, "Failed to load document" };
    try {
        initialise();
        auto document = std::make_unique<indsats_document>();
        document->pdf = openDocument(bytes, length, password ? std::optional<std::string>(latin1(password)) : std::nullopt);
        // As poppler-glib does: a wrong Latin-1 password may be a right UTF-8 one (AES-256).
        if (password && !document->pdf->isOk() && document->pdf->getErrorCode() == errEncrypted)
            document->pdf = openDocument(bytes, length, std::string(password));
        if (!document->pdf->isOk()) {
            int code = document->pdf->getErrorCode();
            error->encrypted = code == errEncrypted;
            error->message = code == errDamaged ? "PDF document is damaged"
                           : code == errBadCatalog ? "Failed to read the document catalog"
                           : code == errEncrypted ? "Document is encrypted"
                           : "Failed to load document";
            return nullptr;
        }
        document->drawer = std::make_unique<PageDrawer>(document->pdf.get(), &document->collector);
        return document.release();
    } catch (...) {
        return nullptr;
    }
}

extern "C" int indsats_page_count(const indsats_document *document) {
    return document->pdf->getNumPages();
}

extern "C" int indsats_read_page(indsats_document *document, int number, indsats_page *page) {
    try {
        Page *source = document->pdf->getPage(number);
        if (!source) return 0;
        auto &collector = document->collector;
        document->drawer->draw(source, number);
        collector.finishPage();
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
    } catch (...) {
        return 0;
    }
}

extern "C" void indsats_start_range(indsats_document *document) { document->drawer->restart(); }

extern "C" void indsats_close(indsats_document *document) { delete document; }
