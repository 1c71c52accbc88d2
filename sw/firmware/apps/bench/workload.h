/* One benchmark iteration: CRC-32, matrix multiply and sort over data seeded by `seed`.
 * Portable C with no firmware dependencies, so the host can compute golden digests. */
#ifndef BENCH_WORKLOAD_H
#define BENCH_WORKLOAD_H

#include <stdbool.h>
#include <stdint.h>

struct bench_digest {
  uint32_t crc;
  uint32_t matrix;
  uint32_t sorted;
};

/* False, with *failed naming the kernel, when a kernel disagrees with its own check. */
bool bench_iteration(uint32_t seed, struct bench_digest* digest, const char** failed);

#endif
