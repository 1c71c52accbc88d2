/* Splitting work into parts: by rank over tiles, by blocks within a tile's share. */
#ifndef KERNELS_PARTITION_H
#define KERNELS_PARTITION_H

#include <stdint.h>

struct range {
  uint32_t begin, end;
};

static inline uint32_t div_up(uint32_t a, uint32_t b) {
  return (a + b - 1) / b;
}

static inline uint32_t round_up(uint32_t a, uint32_t b) {
  return div_up(a, b) * b;
}

static inline uint32_t min_u32(uint32_t a, uint32_t b) {
  return a < b ? a : b;
}

static inline uint32_t max_u32(uint32_t a, uint32_t b) {
  return a > b ? a : b;
}

/* [0, total) cut into `parts` contiguous parts of whole units of `unit` (the last unit may be
 * short: a part's bounds are multiples of `unit`, so that it fills whole MXU tiles), the parts'
 * unit counts differing by at most one, larger first. Made once, so that taking a part costs
 * no division (32 extra cycles each on the cores). */
struct splitter {
  uint32_t total, unit;
  uint32_t base, extra; /* units per part, and parts with one more */
};

static inline struct splitter splitter_make(uint32_t total, uint32_t unit, uint32_t parts) {
  uint32_t units = div_up(total, unit);
  return (struct splitter){total, unit, units / parts, units % parts};
}

static inline struct range splitter_part(const struct splitter* s, uint32_t index) {
  uint32_t begin = index * s->base + min_u32(index, s->extra);
  uint32_t end = begin + s->base + (index < s->extra ? 1u : 0u);
  return (struct range){min_u32(begin * s->unit, s->total), min_u32(end * s->unit, s->total)};
}

/* Part `index` of `parts` of [0, units), for a split taken once. */
static inline struct range split(uint32_t units, uint32_t parts, uint32_t index) {
  struct splitter s = splitter_make(units, 1, parts);
  return splitter_part(&s, index);
}

#endif
