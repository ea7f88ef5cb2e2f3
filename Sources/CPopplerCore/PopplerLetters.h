#ifndef INDSATS_POPPLER_LETTERS_H
#define INDSATS_POPPLER_LETTERS_H
#include <cstdint>

// Whether poppler's text layout counts `u` as a letter or digit (PopplerLetters.cc).
bool isPopplerLetterOrDigit(uint32_t u);

#endif
