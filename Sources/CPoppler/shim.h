#ifndef INDSATS_CPOPPLER_SHIM_H
#define INDSATS_CPOPPLER_SHIM_H
#include <poppler.h>
#include <gio/gio.h>
#endif
