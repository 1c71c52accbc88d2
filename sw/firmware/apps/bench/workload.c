#include "workload.h"

#include "crc32.h"
#include "matmul.h"
#include "fw/xorshift.h"
#include "sort.h"

#define CRC_BYTES 4096
#define SORT_COUNT 4096

static uint8_t crc_buffer[CRC_BYTES];
static matrix mat_a, mat_b, mat_c;
static int32_t sort_values[SORT_COUNT];

/* Position-weighted, so that a permutation of correct values still changes the digest. */
static uint32_t weighted_sum(const int32_t* values, uint32_t count) {
  uint32_t sum = 0;
  for (uint32_t i = 0; i < count; i++) sum += (uint32_t)values[i] * (i + 1);
  return sum;
}

static bool run_crc(uint32_t* state, uint32_t* digest) {
  for (uint32_t i = 0; i < CRC_BYTES; i++) crc_buffer[i] = (uint8_t)xorshift32(state);
  *digest = crc32_table_driven(crc_buffer, CRC_BYTES);
  return *digest == crc32_bitwise(crc_buffer, CRC_BYTES);
}

static bool run_matmul(uint32_t* state, uint32_t* digest) {
  /* Entries in [-512, 511] keep every sum, and the check's sums, inside int32. */
  for (int i = 0; i < MATMUL_N; i++) {
    for (int j = 0; j < MATMUL_N; j++) {
      mat_a[i][j] = (int32_t)(xorshift32(state) % 1024) - 512;
      mat_b[i][j] = (int32_t)(xorshift32(state) % 1024) - 512;
    }
  }
  matmul(mat_a, mat_b, mat_c);
  *digest = weighted_sum(&mat_c[0][0], MATMUL_N * MATMUL_N);
  return matmul_verify(mat_a, mat_b, mat_c);
}

/* Sorted order plus unchanged sum and xor: the output is an ordered permutation. */
static bool run_sort(uint32_t* state, uint32_t* digest) {
  uint32_t sum = 0, xor = 0;
  for (uint32_t i = 0; i < SORT_COUNT; i++) {
    sort_values[i] = (int32_t)xorshift32(state);
    sum += (uint32_t)sort_values[i];
    xor ^= (uint32_t)sort_values[i];
  }
  heapsort_i32(sort_values, SORT_COUNT);
  for (uint32_t i = 0; i < SORT_COUNT; i++) {
    if (i > 0 && sort_values[i - 1] > sort_values[i]) return false;
    sum -= (uint32_t)sort_values[i];
    xor ^= (uint32_t)sort_values[i];
  }
  *digest = weighted_sum(sort_values, SORT_COUNT);
  return sum == 0 && xor == 0;
}

bool bench_iteration(uint32_t seed, struct bench_digest* digest, const char** failed) {
  uint32_t state = seed;
  if (!run_crc(&state, &digest->crc)) {
    *failed = "crc32";
    return false;
  }
  if (!run_matmul(&state, &digest->matrix)) {
    *failed = "matmul";
    return false;
  }
  if (!run_sort(&state, &digest->sorted)) {
    *failed = "sort";
    return false;
  }
  return true;
}
