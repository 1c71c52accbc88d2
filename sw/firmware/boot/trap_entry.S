/* Direct-mode trap entry: push a struct trap_frame, let trap_dispatch pick the handler,
 * then return to the (possibly edited) frame->mepc with frame->mstatus. */
#include "fw/trap_frame.h"

  .section .text.trap, "ax", @progbits
  .balign 4
  .globl trap_entry
trap_entry:
  addi sp, sp, -TRAP_FRAME_SIZE
  .irp n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
  sw x\n, TRAP_FRAME_X(\n)(sp)
  .endr
  addi t0, sp, TRAP_FRAME_SIZE
  sw t0, TRAP_FRAME_X(2)(sp)
  csrr t0, mepc
  sw t0, TRAP_FRAME_MEPC(sp)
  csrr t0, mcause
  sw t0, TRAP_FRAME_MCAUSE(sp)
  csrr t0, mtval
  sw t0, TRAP_FRAME_MTVAL(sp)
  csrr t0, mstatus
  sw t0, TRAP_FRAME_MSTATUS(sp)

  mv a0, sp
  call trap_dispatch

  lw t0, TRAP_FRAME_MEPC(sp)
  csrw mepc, t0
  lw t0, TRAP_FRAME_MSTATUS(sp)
  csrw mstatus, t0
  .irp n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
  lw x\n, TRAP_FRAME_X(\n)(sp)
  .endr
  addi sp, sp, TRAP_FRAME_SIZE
  mret
