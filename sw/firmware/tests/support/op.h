/* An op of the kernel library run on every tile, as the runtime would: each tile's hart runs
 * its rank's share; the manager measures the cycles, sums the engines' statistics and prints
 * them (kernels/stats.h). A share that fails prints its fault and fails the test. */
#ifndef SUPPORT_OP_H
#define SUPPORT_OP_H

#include <stdint.h>

#include "drivers/engine.h"
#include "kernels/kernel.h"
#include "kernels/stats.h"

typedef int (*op_kernel)(const void* args, const struct kernel_part* part,
                         struct engine_fault* fault);

/* kernel_gemm and kernel_conv, for op_kernel. */
int op_gemm(const void* args, const struct kernel_part* part, struct engine_fault* fault);
int op_conv(const void* args, const struct kernel_part* part, struct engine_fault* fault);

struct op {
  const char* name;
  op_kernel kernel;
  const void* args;
  enum engine_wait wait;
};

/* Runs the op on all tiles (harness.h), prints its line of statistics, and returns them. */
void op_run_on_tiles(const struct op* op, struct kernel_stats* stats);

/* False when the MXUs only time their work (mxu.timing_only): results are then not computed,
 * and a test can report its cycles but not check its outputs. */
int op_outputs_computed(void);

/* Runs one share on the calling hart, checking it succeeds (for single-hart tests). */
void op_run_share(const struct op* op, const struct kernel_part* part);

#endif
