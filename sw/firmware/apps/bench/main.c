/* CPU-bound integer benchmark: repeats CRC-32, matrix multiply and heapsort, each checked
 * against an independent computation, and reports retired instructions and cycles. */
#include <inttypes.h>
#include <stdio.h>

#include "crc32.h"
#include "fw/clint.h"
#include "fw/csr.h"
#include "workload.h"

/* About 1.6 million instructions each: the default runs roughly 200 million. */
#ifndef BENCH_ITERATIONS
#define BENCH_ITERATIONS 125
#endif

/* The standard CRC-32 check value, CRC of "123456789". */
#define CRC32_CHECK_VALUE 0xCBF43926u

/* Digests of the first iteration (seed 1), from workload.c and its kernels compiled with the
 * host gcc: they catch an error that both halves of a kernel's self-check would share. */
static const struct bench_digest golden_first = {
    .crc = 0xf6cc87feu, .matrix = 0x7b0f8dc3u, .sorted = 0x3200feb7u};

static int fail(const char* what, uint32_t iteration) {
  printf("bench: FAILED: %s, iteration %" PRIu32 "\n", what, iteration);
  return 1;
}

int main(void) {
  crc32_init_table();
  static const uint8_t check_input[] = "123456789";
  if (crc32_table_driven(check_input, 9) != CRC32_CHECK_VALUE ||
      crc32_bitwise(check_input, 9) != CRC32_CHECK_VALUE)
    return fail("crc32 check value", 0);

  uint64_t mtime_start = clint_mtime();
  uint64_t cycles_start = csr_read64(mcycle);
  uint64_t instret_start = csr_read64(minstret);
  for (uint32_t iteration = 0; iteration < BENCH_ITERATIONS; iteration++) {
    struct bench_digest digest;
    const char* failed;
    if (!bench_iteration(iteration + 1, &digest, &failed)) return fail(failed, iteration);
    if (iteration == 0 && (digest.crc != golden_first.crc || digest.matrix != golden_first.matrix ||
                           digest.sorted != golden_first.sorted))
      return fail("golden digest", iteration);
  }
  uint64_t instructions = csr_read64(minstret) - instret_start;
  uint64_t cycles = csr_read64(mcycle) - cycles_start;
  uint64_t ticks = clint_mtime() - mtime_start;

  printf("bench: %d iterations ok: %llu instructions, %llu cycles, %llu mtime ticks\n",
         BENCH_ITERATIONS, (unsigned long long)instructions, (unsigned long long)cycles,
         (unsigned long long)ticks);
  return 0;
}
