/* xorshift32: deterministic pseudo-random numbers, the same sequence on the host that computes
 * golden values. Any non-zero seed. */
#ifndef FW_XORSHIFT_H
#define FW_XORSHIFT_H

#include <stdint.h>

static inline uint32_t xorshift32(uint32_t* state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

#endif
