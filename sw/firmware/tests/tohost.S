/* The riscv-tests host convention, as compliance suites use it: the result goes to the
 * 64-bit tohost word (1 for pass, testnum << 1 | 1 for a failure) and the program spins;
 * the simulator must end the run on it. Deliberately no system-controller exit. */
#include "fw/asm_test.inc"

TEST_BEGIN
  TEST_RR 1, add, 0x00000005, 2, 3
  TEST_RR 2, sub, 0xfffffffe, 1, 3
  TEST_RI 3, slli, 0x00000100, 1, 8
  TEST_RR 4, mul, 0x0000002a, 6, 7
TEST_END
  /* Pass (a0 = 0) and fail (a0 = testnum) both encode as a0 << 1 | 1. */
  slli a0, a0, 1
  ori a0, a0, 1
  la t0, tohost
1:
  sw a0, 0(t0)
  sw zero, 4(t0)
  j 1b

  .section .tohost, "aw", @progbits
  .balign 64
  .globl tohost
tohost:
  .dword 0
  .balign 64
  .globl fromhost
fromhost:
  .dword 0
