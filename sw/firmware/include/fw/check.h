/* Test assertions: a failed check prints file:line and the values, then exits with
 * CHECK_EXIT_CODE. CHECK_EQ evaluates each argument once and compares them in their own
 * types, so mixed signedness draws the usual compiler warning. */
#ifndef FW_CHECK_H
#define FW_CHECK_H

#include <stdint.h>

#define CHECK_EXIT_CODE 1

_Noreturn void check_failed(const char* file, int line, const char* expr);
_Noreturn void check_eq_failed(const char* file, int line, const char* a_expr, const char* b_expr,
                               uint64_t a, uint64_t b);

#define CHECK(cond) ((cond) ? (void)0 : check_failed(__FILE__, __LINE__, #cond))

#define CHECK_EQ(a, b)                                                                     \
  do {                                                                                     \
    __typeof__(a) check_a_ = (a);                                                          \
    __typeof__(b) check_b_ = (b);                                                          \
    if (!(check_a_ == check_b_))                                                           \
      check_eq_failed(__FILE__, __LINE__, #a, #b, (uint64_t)check_a_, (uint64_t)check_b_); \
  } while (0)

#endif
