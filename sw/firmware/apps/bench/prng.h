/* xorshift32: deterministic data, identical on the host that computed the golden values. */
#ifndef BENCH_PRNG_H
#define BENCH_PRNG_H

#include <stdint.h>

static inline uint32_t prng_next(uint32_t* state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *state = x;
  return x;
}

#endif
