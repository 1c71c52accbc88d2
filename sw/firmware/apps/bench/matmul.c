#include "matmul.h"

void matmul(const matrix a, const matrix b, matrix c) {
  for (int i = 0; i < MATMUL_N; i++) {
    for (int j = 0; j < MATMUL_N; j++) {
      int32_t sum = 0;
      for (int k = 0; k < MATMUL_N; k++) sum += a[i][k] * b[k][j];
      c[i][j] = sum;
    }
  }
}

bool matmul_verify(const matrix a, const matrix b, const matrix c) {
  int32_t b_row_sums[MATMUL_N];
  for (int k = 0; k < MATMUL_N; k++) {
    b_row_sums[k] = 0;
    for (int j = 0; j < MATMUL_N; j++) b_row_sums[k] += b[k][j];
  }
  for (int i = 0; i < MATMUL_N; i++) {
    int32_t expected = 0, actual = 0;
    for (int k = 0; k < MATMUL_N; k++) expected += a[i][k] * b_row_sums[k];
    for (int j = 0; j < MATMUL_N; j++) actual += c[i][j];
    if (expected != actual) return false;
  }
  return true;
}
