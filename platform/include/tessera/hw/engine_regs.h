/* The programming model shared by a tile's engines (MXU, VPU, DMA): a register block at the
 * start of each engine's window (TESSERA_TILE_*_OFFSET) and a ring of descriptors in memory.
 *
 * Queue: firmware writes descriptors into a ring of ENGINE_QUEUE_ENTRIES slots at
 * ENGINE_QUEUE_BASE (a global address; the MXU and VPU read their ring from their own tile's
 * scratchpad, the DMA from anywhere), then writes ENGINE_QUEUE_TAIL one past the last: the
 * doorbell. The engine runs the slots from ENGINE_QUEUE_HEAD in order and advances HEAD as each
 * completes, so a slot may be reused once HEAD has passed it. The ring is empty when
 * HEAD == TAIL, so it holds at most ENTRIES - 1 descriptors.
 *
 * Completion: a descriptor with ENGINE_DESC_INTERRUPT sets STATUS.DONE when it completes;
 * ENGINE_COMPLETED counts completed slots. Errors: the engine stops at a descriptor it cannot
 * run, sets STATUS.ERROR, ERROR_CODE, ERROR_DESC (the descriptor's address) and ERROR_ADDR (the
 * address at fault, for ENGINE_ERR_ADDRESS), and runs nothing until firmware clears ERROR, which
 * also discards the slots still queued (HEAD jumps to TAIL).
 * Interrupt: the engine's PLIC source (PLIC_SOURCE_MXU/VPU/DMA(t)) is high while
 * STATUS & IRQ_ENABLE has DONE or ERROR set; writing the bit back to STATUS clears it.
 *
 * All registers are 32-bit except the 64-bit counters, which read whole or as 32-bit halves
 * (low half first; they change only when a descriptor completes). An access to an offset that
 * is not a register, or a write to a read-only one, is a bus error. */
#ifndef TESSERA_HW_ENGINE_REGS_H
#define TESSERA_HW_ENGINE_REGS_H

#define ENGINE_ID 0x000            /* RO: ENGINE_ID_MXU, ENGINE_ID_VPU or ENGINE_ID_DMA */
#define ENGINE_STATUS 0x004        /* BUSY (RO), DONE and ERROR (write 1 to clear) */
#define ENGINE_IRQ_ENABLE 0x008    /* RW: ENGINE_STATUS_DONE | ENGINE_STATUS_ERROR */
#define ENGINE_ERROR_CODE 0x00C    /* RO: ENGINE_ERR_* of the descriptor that failed */
#define ENGINE_ERROR_DESC 0x010    /* RO: its address */
#define ENGINE_ERROR_ADDR 0x014    /* RO: the operand address at fault (ENGINE_ERR_ADDRESS) */
#define ENGINE_QUEUE_BASE 0x018    /* RW while idle: the ring's address, 4-byte aligned */
#define ENGINE_QUEUE_ENTRIES 0x01C /* RW while idle: slots, 1..ENGINE_QUEUE_MAX_ENTRIES */
#define ENGINE_QUEUE_HEAD 0x020    /* RO: the next slot to complete */
#define ENGINE_QUEUE_TAIL 0x024    /* RW: one past the last slot submitted (the doorbell) */
#define ENGINE_COMPLETED 0x028     /* RO: slots completed since reset (wraps) */
#define ENGINE_STATS_CLEAR 0x02C   /* WO: writing 1 zeroes every statistics counter */
#define ENGINE_BUSY_CYCLES 0x040   /* RO 64-bit: cycles spent on descriptors, fetch included */
#define ENGINE_UNIT_REGS 0x100     /* the engine's own registers start here */

#define ENGINE_STATUS_BUSY (1u << 0) /* slots are queued or running (and no error stops them) */
#define ENGINE_STATUS_DONE (1u << 1)
#define ENGINE_STATUS_ERROR (1u << 2)

#define ENGINE_QUEUE_MAX_ENTRIES 4096u

#define ENGINE_ID_MXU 0x4D5855u /* "MXU" */
#define ENGINE_ID_VPU 0x565055u /* "VPU" */
#define ENGINE_ID_DMA 0x444D41u /* "DMA" */

/* Every descriptor starts with a control word: the opcode in bits 7:0, ENGINE_DESC_INTERRUPT,
 * and the engine's own flags from bit 9 up. Bits an engine does not define must be zero. */
#define ENGINE_DESC_OPCODE(control) ((control)&0xFFu)
#define ENGINE_DESC_INTERRUPT (1u << 8) /* set STATUS.DONE when this descriptor completes */

#define ENGINE_ERR_NONE 0u
#define ENGINE_ERR_DESCRIPTOR 1u /* the descriptor is unreadable: misaligned or out of reach */
#define ENGINE_ERR_OPCODE 2u     /* unknown opcode */
#define ENGINE_ERR_ADDRESS 3u    /* an operand is out of reach or misaligned (ERROR_ADDR) */
#define ENGINE_ERR_LENGTH 4u     /* a size is zero or runs past the 32-bit address space */
#define ENGINE_ERR_FIELD 5u      /* another field is invalid (reserved bits, a shift, strides) */

/* An ENGINE_ERR_* code's name ("address"), for firmware messages and the models' traces. */
static inline const char* engine_error_name(unsigned code) {
  static const char* const names[] = {"none", "descriptor", "opcode", "address", "length", "field"};
  return code < sizeof names / sizeof names[0] ? names[code] : "unknown";
}

/* Descriptor layouts are C structs of 32-bit fields (no padding); their sizes are checked. */
#ifdef __cplusplus
#define TESSERA_CHECK_SIZE(type, bytes) static_assert(sizeof(type) == (bytes), #type)
#else
#define TESSERA_CHECK_SIZE(type, bytes) _Static_assert(sizeof(type) == (bytes), #type)
#endif

#endif
