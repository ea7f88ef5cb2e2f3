/* Poppler's core is C++, included by CPopplerCore itself: this module only
 * brings pkg-config's flags for poppler (its header path and library). */
#ifndef INDSATS_CPOPPLER_PRIVATE_H
#define INDSATS_CPOPPLER_PRIVATE_H
#endif
