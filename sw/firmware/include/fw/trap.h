/* Trap handling: trap_entry saves every register into a frame and calls the handler
 * installed for the cause. The trap returns to frame->mepc with frame->mstatus, so a
 * handler resumes elsewhere (or skips the faulting instruction) by editing the frame.
 * A trap without a handler prints mcause/mepc/mtval and exits with TRAP_EXIT_UNEXPECTED. */
#ifndef FW_TRAP_H
#define FW_TRAP_H

#include <stddef.h>
#include <stdint.h>

#include "fw/trap_frame.h"

#define TRAP_EXIT_UNEXPECTED 64 /* clear of the simulator's own 2 (bad input) and 3 (limit) */

struct trap_frame {
  uint32_t x[32]; /* x[0] is unused; x[2] is sp at the time of the trap */
  uint32_t mepc;
  uint32_t mcause;
  uint32_t mtval;
  uint32_t mstatus;
};

_Static_assert(offsetof(struct trap_frame, mepc) == TRAP_FRAME_MEPC, "frame layout");
_Static_assert(offsetof(struct trap_frame, mcause) == TRAP_FRAME_MCAUSE, "frame layout");
_Static_assert(offsetof(struct trap_frame, mtval) == TRAP_FRAME_MTVAL, "frame layout");
_Static_assert(offsetof(struct trap_frame, mstatus) == TRAP_FRAME_MSTATUS, "frame layout");
_Static_assert(sizeof(struct trap_frame) == TRAP_FRAME_SIZE, "frame layout");

typedef void (*trap_handler)(struct trap_frame* frame);

/* What a trap without a handler does: prints mcause/mepc/mtval and exits with
 * TRAP_EXIT_UNEXPECTED. For a handler that serves some harts and must not serve others. */
_Noreturn void trap_unexpected(const struct trap_frame* frame);

/* The direct-mode entry that crt0 puts in mtvec. */
void trap_entry(void);

/* mcause is the full value: MCAUSE_INTERRUPT | IRQ_* for interrupts. NULL uninstalls. */
void trap_set_handler(uint32_t mcause, trap_handler handler);

/* The instruction at pc: 16 bits for a compressed one, else 32. */
static inline uint32_t insn_at(uint32_t pc) {
  const volatile uint16_t* half = (const volatile uint16_t*)pc;
  uint32_t low = half[0];
  return (low & 3u) == 3u ? low | (uint32_t)half[1] << 16 : low;
}

static inline uint32_t insn_length(uint32_t insn) {
  return (insn & 3u) == 3u ? 4u : 2u;
}

static inline void trap_skip_instruction(struct trap_frame* frame) {
  frame->mepc += insn_length(insn_at(frame->mepc));
}

/* For tests that provoke an exception: trap_catch(cause) makes that exception record
 * itself in trap_caught and resume after the faulting instruction. */
struct trap_record {
  uint32_t count;
  uint32_t mcause;
  uint32_t mepc;
  uint32_t mtval;
};
extern volatile struct trap_record trap_caught;
void trap_catch(uint32_t mcause);

/* Runs the instruction(s) in the asm string `insn`, whose input operands start at %1, and
 * evaluates to the address of the first one: what mepc must be if it traps. */
#define EXEC_AT(insn, ...)                                                               \
  ({                                                                                     \
    uint32_t exec_at_;                                                                   \
    __asm__ volatile("la %0, 1f\n1:\t" insn : "=&r"(exec_at_) : __VA_ARGS__ : "memory"); \
    exec_at_;                                                                            \
  })

#endif
