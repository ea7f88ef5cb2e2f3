#ifndef INDSATS_CPOPPLER_GLIB_H
#define INDSATS_CPOPPLER_GLIB_H
#include <poppler.h>
#include <gio/gio.h>
#endif
