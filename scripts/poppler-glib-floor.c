/* The floor of the PDF figures through poppler-glib: per page, the three calls
 * indsats makes (the text, a box per character, the font runs) and nothing
 * else. scripts/benchmark.sh times it beside pdftotext on the same file, so
 * that what poppler-glib itself costs is told from what indsats adds.
 *
 *   cc -O2 -o floor scripts/poppler-glib-floor.c $(pkg-config --cflags --libs poppler-glib)
 *   ./floor report.pdf
 */
#include <poppler.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s FILE.pdf\n", argv[0]); return 2; }
    GError *error = NULL;
    gchar *uri = g_filename_to_uri(argv[1], NULL, &error);
    PopplerDocument *document = uri ? poppler_document_new_from_file(uri, NULL, &error) : NULL;
    if (!document) { fprintf(stderr, "%s: %s\n", argv[1], error ? error->message : "cannot open"); return 1; }
    long characters = 0;
    for (int i = 0; i < poppler_document_get_n_pages(document); i++) {
        PopplerPage *page = poppler_document_get_page(document, i);
        if (!page) continue;
        gchar *text = poppler_page_get_text(page);
        PopplerRectangle *boxes = NULL;
        guint count = 0;
        poppler_page_get_text_layout(page, &boxes, &count);
        GList *runs = poppler_page_get_text_attributes(page);
        characters += count;
        poppler_page_free_text_attributes(runs);
        g_free(boxes);
        g_free(text);
        g_object_unref(page);
    }
    printf("%ld characters\n", characters);
    g_object_unref(document);
    g_free(uri);
    return 0;
}
