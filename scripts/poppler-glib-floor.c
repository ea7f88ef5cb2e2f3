/* The floor of the PDF figures through poppler-glib: for each file, read into
 * memory and opened from a stream as indsats opens it, per page the three
 * calls indsats makes (the text, a box per character, the font runs) and
 * nothing else. scripts/benchmark.sh times it beside pdftotext on the same
 * files, one process for all of them as an indsats batch worker, so that
 * what poppler-glib itself costs is told from what indsats adds.
 *
 *   cc -O2 -o floor scripts/poppler-glib-floor.c $(pkg-config --cflags --libs poppler-glib gio-2.0)
 *   ./floor report.pdf [more.pdf ...]
 */
#include <poppler.h>
#include <stdio.h>

static int read_file(const char *path, long *characters) {
    gchar *contents = NULL;
    gsize length = 0;
    GError *error = NULL;
    if (!g_file_get_contents(path, &contents, &length, &error)) {
        fprintf(stderr, "%s: %s\n", path, error->message);
        g_error_free(error);
        return 1;
    }
    GBytes *bytes = g_bytes_new_take(contents, length);
    GInputStream *stream = g_memory_input_stream_new_from_bytes(bytes);
    PopplerDocument *document = poppler_document_new_from_stream(stream, (goffset)length, NULL, NULL, &error);
    if (!document) {
        fprintf(stderr, "%s: %s\n", path, error ? error->message : "cannot open");
        g_clear_error(&error);
        g_object_unref(stream);
        g_bytes_unref(bytes);
        return 1;
    }
    for (int i = 0; i < poppler_document_get_n_pages(document); i++) {
        PopplerPage *page = poppler_document_get_page(document, i);
        if (!page) continue;
        gchar *text = poppler_page_get_text(page);
        PopplerRectangle *boxes = NULL;
        guint count = 0;
        poppler_page_get_text_layout(page, &boxes, &count);
        GList *runs = poppler_page_get_text_attributes(page);
        *characters += count;
        poppler_page_free_text_attributes(runs);
        g_free(boxes);
        g_free(text);
        g_object_unref(page);
    }
    g_object_unref(document);
    g_object_unref(stream);
    g_bytes_unref(bytes);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s FILE.pdf [FILE.pdf ...]\n", argv[0]); return 2; }
    long characters = 0;
    int failed = 0;
    for (int i = 1; i < argc; i++) failed |= read_file(argv[i], &characters);
    printf("%ld characters\n", characters);
    return failed;
}
