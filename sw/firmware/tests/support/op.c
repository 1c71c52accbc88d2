#include "support/op.h"

#include <inttypes.h>
#include <stdio.h>

#include "drivers/mxu.h"
#include "fw/check.h"
#include "kernels/conv.h"
#include "kernels/gemm.h"
#include "support/harness.h"

int op_gemm(const void* args, const struct kernel_part* part, struct engine_fault* fault) {
  return kernel_gemm(args, part, fault);
}

int op_conv(const void* args, const struct kernel_part* part, struct engine_fault* fault) {
  return kernel_conv(args, part, fault);
}

int op_outputs_computed(void) {
  return !(mmio_read32(mxu_regs(0) + MXU_FEATURES) & MXU_FEATURE_TIMING_ONLY);
}

void op_run_share(const struct op* op, const struct kernel_part* part) {
  struct engine_fault fault = {0, 0, 0, 0};
  int result = op->kernel(op->args, part, &fault);
  if (result != KERNEL_OK)
    printf("%s: tile %" PRIu32 " rank %" PRIu32 "/%" PRIu32 ": result %d, engine 0x%" PRIx32
           " error %s descriptor 0x%" PRIx32 " address 0x%" PRIx32 "\n",
           op->name, part->tile, part->rank, part->ranks, result, fault.engine_id,
           engine_error_name(fault.code), fault.descriptor, fault.address);
  CHECK_EQ(result, KERNEL_OK);
}

static void share_on_tile(uint32_t rank, uint32_t ranks, void* arg) {
  const struct op* op = arg;
  const struct kernel_part part = {.tile = rank, .rank = rank, .ranks = ranks, .wait = op->wait};
  op_run_share(op, &part);
}

void op_run_on_tiles(const struct op* op, struct kernel_stats* stats) {
  uint32_t tiles = harness_tiles();
  kernel_stats_clear(tiles);
  uint64_t cycles = harness_on_tiles(share_on_tile, (void*)op);
  kernel_stats_collect(stats, tiles, cycles);
  kernel_stats_print(op->name, stats);
}
