# A program for the trace tests (debug.trace*): a few instructions of each kind at addresses
# fixed by its own link (text at the DRAM base), so trace_demo*.expected can list the trace
# exactly. It takes an ecall, returns from the handler, and ends with a tohost write.
  .option norvc
  .option norelax
  .text
  .globl _start
_start:
  la    t0, trap_handler
  csrw  mtvec, t0
  li    a0, 5
  la    a1, scratch
  sw    a0, 4(a1)
  .option rvc  # two compressed instructions, so the rest stays 4-byte aligned
  c.lw  a2, 4(a1)
  c.add a2, a0
  .option norvc
  sb    a0, 1(a1)
  amoadd.w a3, a0, (a1)
  mul   a4, a0, a0
  ecall
  li    t1, 1
  la    t2, tohost
  sw    t1, 0(t2)
1:
  j     1b

trap_handler:
  csrr  t0, mepc
  addi  t0, t0, 4
  csrw  mepc, t0
  mret

  .data
  .balign 4
scratch:
  .word 0, 0

  .section .tohost, "aw"
  .balign 4
  .globl tohost
tohost:
  .word 0
