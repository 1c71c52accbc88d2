/* Scratchpad space for one kernel call: buffers taken in turn from the bottom of the tile's
 * scratchpad. Each starts on a bank row (SPAD_ALIGN), so an operand row of up to a bank row's
 * bytes is one bank access; spad_bytes() is what a buffer costs, for sizing blocks. */
#ifndef KERNELS_SPAD_H
#define KERNELS_SPAD_H

#include <stdint.h>

#define SPAD_ALIGN 16u /* the default bank width; a larger one only costs a little conflict */

static inline uint32_t spad_bytes(uint32_t bytes) {
  return (bytes + SPAD_ALIGN - 1) & ~(SPAD_ALIGN - 1);
}

struct spad {
  uint32_t next; /* global address of the next free byte */
};

static inline uint32_t spad_take(struct spad* s, uint32_t bytes) {
  uint32_t at = s->next;
  s->next += spad_bytes(bytes);
  return at;
}

#endif
