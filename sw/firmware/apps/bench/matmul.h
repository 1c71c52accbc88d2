/* Square int32 matrix multiply, and a cheap check of its result. */
#ifndef BENCH_MATMUL_H
#define BENCH_MATMUL_H

#include <stdbool.h>
#include <stdint.h>

#define MATMUL_N 32

typedef int32_t matrix[MATMUL_N][MATMUL_N];

void matmul(const matrix a, const matrix b, matrix c);

/* Freivalds with the all-ones vector: every row sum of C must equal A times B's row sums.
 * O(n^2), independent of the O(n^3) product it checks. */
bool matmul_verify(const matrix a, const matrix b, const matrix c);

#endif
