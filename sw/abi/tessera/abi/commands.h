/* Command lists: the work the host driver writes into device DRAM and the runtime firmware on
 * the manager core executes, op by op, writing a status record back. Shared by the firmware
 * (C, RV32) and the driver (C++, 64-bit host): fixed-width fields only, 64-bit fields at
 * 8-byte offsets, so both compilers lay the structs out alike (the asserts below check it).
 *
 * In device DRAM, 8-byte aligned:
 *   struct tsr_list_header, then `count` struct tsr_command (64 bytes each);
 *   at header.status_addr: struct tsr_status, then `count` struct tsr_op_record. */
#ifndef TESSERA_ABI_COMMANDS_H
#define TESSERA_ABI_COMMANDS_H

#include <stdint.h>

#ifdef __cplusplus
#define TSR_STATIC_ASSERT static_assert
#else
#define TSR_STATIC_ASSERT _Static_assert
#endif

/* Bumped whenever a layout or a meaning below changes; the firmware reports its own at boot. */
#define TSR_ABI_VERSION 1u

/* Opcodes, X(name, value). Operands are device buffers {addr, bytes}: [0] the output, then the
 * inputs. Tile ops run on the tiles of the command's tile_mask, each tile a contiguous share;
 * manager ops run on the manager core and need tile_mask 0.
 *   NOP             manager  nothing: a marker (events are NOP lists)
 *   COPY            tiles    [0] = [1] (equal sizes), staged through each tile's scratchpad
 *   FILL            tiles    every 32-bit word of [0] = params[0] (4-byte aligned, whole words)
 *   ADD_I32         tiles    [0] = [1] + [2], int32 elementwise, wrapping (equal sizes, words)
 *   HANG            tiles    never completes: for timeout and reset tests
 *   FAULT           tiles    loads from an unmapped address: for device-fault tests
 *   COPY_FROM_HOST  manager  [0] = host memory at params[0] | params[1] << 32 (host DMA)
 *   COPY_TO_HOST    manager  host memory at params[0] | params[1] << 32 = [0] (host DMA)
 *   GEMM_I8         tiles    [0] C = [1] A x [2] B, 8-bit operands, int32 or requantized C;
 *                            [3] struct tsr_gemm_args (kernel_args.h): sizes, quantization
 *   CONV_I8         tiles    [0] out = conv([1] input NHWC, [2] weights HWIO), batch 1;
 *                            [3] struct tsr_conv_args (kernel_args.h)
 *   MAXPOOL_8       tiles    [0] out = max pool of [1], both NHWC int8/uint8, batch 1; params:
 *                            [0] height, [1] width, [2] channels, [3] TSR_POOL_WINDOW,
 *                            [4] TSR_POOL_PADDING, [5] 1 if uint8
 * Values are ABI: never renumber one; a new op takes a free value below TSR_OP_LIMIT. */
#define TSR_OPCODES(X) \
  X(NOP, 0)            \
  X(COPY, 1)           \
  X(FILL, 2)           \
  X(ADD_I32, 3)        \
  X(HANG, 4)           \
  X(FAULT, 5)          \
  X(COPY_FROM_HOST, 6) \
  X(COPY_TO_HOST, 7)   \
  X(GEMM_I8, 16)       \
  X(CONV_I8, 17)       \
  X(MAXPOOL_8, 18)

enum tsr_opcode {
#define TSR_OPCODE_ENUM(name, value) TSR_OP_##name = value,
  TSR_OPCODES(TSR_OPCODE_ENUM)
#undef TSR_OPCODE_ENUM
};
#define TSR_OP_LIMIT 256u /* opcodes are below it: the size of the firmware's op table */

#define TSR_OPERANDS 4
#define TSR_PARAMS 6

struct tsr_operand {
  uint32_t addr;  /* device address */
  uint32_t bytes; /* 0: operand unused */
};

struct tsr_command {
  uint16_t opcode;
  uint16_t flags;     /* none defined: must be 0 */
  uint32_t tile_mask; /* bit t: tile t takes a share; 0 for manager ops */
  struct tsr_operand operands[TSR_OPERANDS];
  uint32_t params[TSR_PARAMS]; /* op-specific */
};
TSR_STATIC_ASSERT(sizeof(struct tsr_command) == 64, "tsr_command layout");

#define TSR_LIST_MAGIC 0x4c435354u /* "TSCL" */
#define TSR_LIST_MAX_COMMANDS 4096u

struct tsr_list_header {
  uint32_t magic;
  uint32_t list_id;     /* the driver's name for it: echoed in the status record and the MSI */
  uint32_t count;       /* commands that follow, 1 to TSR_LIST_MAX_COMMANDS */
  uint32_t status_addr; /* where the firmware writes struct tsr_status and the op records */
};
TSR_STATIC_ASSERT(sizeof(struct tsr_list_header) == 16, "tsr_list_header layout");

/* A list ends DONE (every op succeeded), FAILED (at the first op that failed: later ops do not
 * run) or ABORTED (abandoned by a reset, maybe before it started). */
enum tsr_state {
  TSR_STATE_PENDING = 0,
  TSR_STATE_DONE = 1,
  TSR_STATE_FAILED = 2,
  TSR_STATE_ABORTED = 3,
};

/* Why an op or a list failed, and what tsr_status.detail then holds. */
enum tsr_error {
  TSR_OK = 0,
  TSR_ERR_BAD_LIST = 1,        /* wrong magic or count: detail {magic, count} */
  TSR_ERR_UNSUPPORTED_OP = 2,  /* no such op in this firmware: detail {opcode} */
  TSR_ERR_INVALID_COMMAND = 3, /* detail {enum tsr_invalid} */
  TSR_ERR_TILE_FAULT = 4,   /* a tile trapped in the kernel: detail {tile, mcause, mepc, mtval} */
  TSR_ERR_HOST_DMA = 5,     /* the host DMA failed: detail {host lo, host hi, device, bytes} */
  TSR_ERR_ABORTED = 6,      /* abandoned by a reset */
  TSR_ERR_TILE_OFFLINE = 7, /* the tile mask names a tile that is offline: detail {offline} */
  TSR_ERR_ENGINE_FAULT = 8, /* a tile engine (MXU, VPU, DMA) stopped on an error in a kernel */
};

enum tsr_invalid {
  TSR_INVALID_FLAGS = 1,     /* flags not 0 */
  TSR_INVALID_TILE_MASK = 2, /* 0 for a tile op, not 0 for a manager op, or beyond the chip */
  TSR_INVALID_OPERANDS = 3,  /* the kernel refused the operand sizes or alignment */
};

struct tsr_status {
  uint32_t list_id;
  uint32_t state;      /* enum tsr_state: written last, after everything else here */
  uint32_t error;      /* enum tsr_error of the op that failed */
  uint32_t failed_op;  /* its index; ops before it ran and have records */
  uint32_t detail[4];  /* see enum tsr_error */
  uint64_t start_time; /* CLINT mtime when the list started */
  uint64_t end_time;   /* and when it ended */
};
TSR_STATIC_ASSERT(sizeof(struct tsr_status) == 48, "tsr_status layout");

struct tsr_op_record {
  uint64_t start_cycle; /* the manager core's mcycle when it dispatched the op */
  uint64_t cycles;      /* from dispatch until the last of its tiles finished */
  uint32_t tiles;       /* the tiles that ran it */
  uint32_t error;       /* enum tsr_error */
};
TSR_STATIC_ASSERT(sizeof(struct tsr_op_record) == 24, "tsr_op_record layout");

#define TSR_STATUS_BYTES(count) (sizeof(struct tsr_status) + (count) * sizeof(struct tsr_op_record))

#endif
