/* Test data: deterministic pseudo-random bytes, and requantization parameters that bring sums
 * of a given depth into the 8-bit range (some saturating). */
#ifndef SUPPORT_DATA_H
#define SUPPORT_DATA_H

#include <stdint.h>

#include "tessera/hw/vpu_regs.h"

void data_fill(void* buffer, uint32_t bytes, uint32_t seed);

/* n channels for sums of `depth` products of 8-bit operands. */
void data_requant_params(vpu_channel_params_t* params, uint32_t n, uint32_t depth, uint32_t seed);

#endif
