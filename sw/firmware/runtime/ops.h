/* The ops the runtime runs, and the one table that says how each opcode runs: on the tiles of
 * its tile mask (a kernel, once per tile, each on its share) or on the manager core itself.
 * Adding an op: its opcode in tessera/abi/commands.h, its function, its entry in ops.c. */
#ifndef RUNTIME_OPS_H
#define RUNTIME_OPS_H

#include <stdint.h>

#include "tessera/abi/commands.h"

/* One tile's part of a command: share `rank` of `ranks`. */
struct tile_job {
  const struct tsr_command* command;
  uint32_t tile; /* the tile running it: its scratchpad starts at TESSERA_TILE_ADDR(tile) */
  uint32_t rank;
  uint32_t ranks;
};

/* A kernel returns an enum tsr_error (TSR_ERR_INVALID_COMMAND when it refuses the operands).
 * A reset may abandon it at any instruction, so it holds no lock and leaves nothing behind
 * that the next job depends on; its outputs are then undefined. */
typedef uint32_t (*tile_kernel)(const struct tile_job* job);

/* An op the manager runs itself; fills detail (see enum tsr_error) when it fails. */
typedef uint32_t (*manager_op)(const struct tsr_command* command, uint32_t detail[4]);

struct op {
  tile_kernel on_tiles;
  manager_op on_manager;
};

/* Indexed by opcode: an entry with neither function is an unsupported op. */
extern const struct op runtime_ops[TSR_OP_LIMIT];
/* Indexed by opcode: the ABI's name ("GEMM_I8"), 0 for an opcode the ABI lacks. */
extern const char* const runtime_op_names[TSR_OP_LIMIT];

#endif
