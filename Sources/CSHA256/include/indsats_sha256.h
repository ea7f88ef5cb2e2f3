#ifndef INDSATS_SHA256_H
#define INDSATS_SHA256_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256's 64 round constants (FIPS 180-4, 4.2.2), for the portable code too.
const uint32_t *indsats_sha256_constants(void);

/// Whether this CPU has the SHA extensions (x86-64 SHA-NI, with SSE4.1).
int indsats_sha256_hardware(void);

/// Compresses `blocks` 64-byte blocks of `data` into `state` (SHA-256's
/// eight words, FIPS 180-4) with the SHA extensions. Only when
/// `indsats_sha256_hardware()` says so.
void indsats_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
