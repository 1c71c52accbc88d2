/* In-place heapsort of int32 values: signed compares, data-dependent branches, no recursion. */
#ifndef BENCH_SORT_H
#define BENCH_SORT_H

#include <stddef.h>
#include <stdint.h>

void heapsort_i32(int32_t* values, size_t count);

#endif
