#include "support/data.h"

#include "fw/xorshift.h"

void data_fill(void* buffer, uint32_t bytes, uint32_t seed) {
  uint8_t* p = buffer;
  uint32_t state = seed ? seed : 1;
  for (uint32_t i = 0; i < bytes; i++) p[i] = (uint8_t)(xorshift32(&state) >> 24);
}

/* A sum of `depth` products of random bytes spreads like sqrt(depth) * 128 * 128 / 3: scale
 * that to about +-64, so that most outputs land inside the 8-bit range and a few saturate.
 * The multiplier is a 30-bit fraction, the shift what is left of the scale, plus a channel's
 * random 0..3 bits, so that channels differ. */
void data_requant_params(vpu_channel_params_t* params, uint32_t n, uint32_t depth, uint32_t seed) {
  uint32_t spread_log2 = 12; /* 128 * 128 / 3 ~ 2^12 */
  for (uint32_t d = 1; d * d < depth; d *= 2) spread_log2++;
  uint32_t state = seed ? seed : 1;
  for (uint32_t c = 0; c < n; c++) {
    params[c].multiplier = (int32_t)((1u << 29) + (xorshift32(&state) >> 3));
    params[c].shift = 30 + spread_log2 - 6 + (xorshift32(&state) & 3);
    params[c].bias = (int32_t)(xorshift32(&state) % 4096) - 2048;
  }
}
