#include "fw/check.h"

#include <stdio.h>
#include <stdlib.h>

void check_failed(const char* file, int line, const char* expr) {
  printf("%s:%d: CHECK(%s) failed\n", file, line, expr);
  exit(CHECK_EXIT_CODE);
}

void check_eq_failed(const char* file, int line, const char* a_expr, const char* b_expr, uint64_t a,
                     uint64_t b) {
  printf("%s:%d: CHECK_EQ(%s, %s) failed: 0x%llx != 0x%llx\n", file, line, a_expr, b_expr,
         (unsigned long long)a, (unsigned long long)b);
  exit(CHECK_EXIT_CODE);
}
