#ifndef INDSATS_POPPLER_H
#define INDSATS_POPPLER_H
/* The C face of poppler's core that indsats reads PDFs through: open a
 * document from bytes, and per page the characters as drawn, each with the
 * box poppler's text layout gives it, its font and size. */
#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif

/* One character as drawn, in points from the top left of the rotated page. */
typedef struct {
    /* A Unicode code point as the PDF maps the glyph (not always a valid scalar). */
    uint32_t code_point;
    /* Index into the page's font names. */
    int32_t font;
    double x0, y0, x1, y1;
    double font_size;
} indsats_glyph;

/* One page: valid until the next page is read or the document is closed. */
typedef struct {
    double width, height;
    const indsats_glyph *glyphs;
    size_t glyph_count;
    const char *const *font_names;
    size_t font_count;
} indsats_page;

typedef struct indsats_document indsats_document;

typedef struct {
    /* Whether the document is encrypted and the password missing or wrong. */
    int encrypted;
    /* Poppler's reason otherwise, worded as poppler-glib words it. */
    const char *message;
} indsats_open_error;

/* Where poppler's messages go, formatted as poppler-glib formats them
 * ("Syntax error at position 12: …"); on the thread that caused them. */
void indsats_set_log(void (*log)(const char *message));

/* Opens the PDF in `bytes`, which must outlive the document (no copy is made).
 * NULL on failure, with `*error` set. */
indsats_document *indsats_open(const void *bytes, size_t length, const char *password, indsats_open_error *error);
int indsats_page_count(const indsats_document *document);
/* Reads page `number` (1-based) into `*page`; 0 when poppler has no such page. */
int indsats_read_page(indsats_document *document, int number, indsats_page *page);
/* The next page read is drawn as in a document just opened: with poppler's
 * drawing state (a Gfx, its fonts and content-stream state) made anew, not
 * carried over from the pages read before. A document kept open for several
 * page ranges calls it before each, so that each reads as from a fresh open. */
void indsats_start_range(indsats_document *document);
void indsats_close(indsats_document *document);

#ifdef __cplusplus
}
#endif
#endif
