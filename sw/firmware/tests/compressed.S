/* C extension: every RV32C instruction form except c.ebreak (see traps.c), written out
 * explicitly so that the assembler cannot pick the 32-bit encoding. The CL/CS/CA/CB forms
 * reach only x8-x15, hence s0/s1 and a0-a5. */
#include "fw/asm_test.inc"

  .option rvc

TEST_BEGIN
  c.addi16sp sp, -32
  c.swsp ra, 12(sp)
  c.swsp s0, 8(sp)
  c.swsp s1, 4(sp)

  li TESTNUM, 1
  c.li a0, -7
  CHECK_REG a0, -7

  li TESTNUM, 2
  c.addi a0, 10
  CHECK_REG a0, 3

  li TESTNUM, 3
  c.lui a1, 0x12
  CHECK_REG a1, 0x12000

  li TESTNUM, 4
  c.lui a2, 0xfffff /* the 6-bit immediate is sign-extended */
  CHECK_REG a2, 0xfffff000

  li TESTNUM, 5
  c.mv a2, a1
  c.add a2, a0
  CHECK_REG a2, 0x12003

  li TESTNUM, 6
  c.sub a2, a0
  CHECK_REG a2, 0x12000

  li TESTNUM, 7
  c.li s0, 0x0c
  c.li s1, 0x0a
  c.and s0, s1
  CHECK_REG s0, 0x08

  li TESTNUM, 8
  c.li s0, 0x0c
  c.or s0, s1
  CHECK_REG s0, 0x0e

  li TESTNUM, 9
  c.li s0, 0x0c
  c.xor s0, s1
  CHECK_REG s0, 0x06

  li TESTNUM, 10
  c.li a3, -1
  c.andi a3, -16
  CHECK_REG a3, 0xfffffff0

  li TESTNUM, 11
  c.slli a3, 4
  CHECK_REG a3, 0xffffff00

  li TESTNUM, 12
  c.srai a3, 4
  CHECK_REG a3, 0xfffffff0

  li TESTNUM, 13
  c.srli a3, 28
  CHECK_REG a3, 0x0000000f

  li TESTNUM, 14
  c.addi4spn a4, sp, 16
  addi t0, sp, 16
  CHECK_REGS a4, t0

  li TESTNUM, 15
  c.li a5, 21
  c.sw a5, 4(a4)
  c.lw a0, 4(a4)
  CHECK_REG a0, 21

  li TESTNUM, 16
  c.lwsp a1, 8(sp) /* the saved s0 */
  lw t0, 8(sp)
  CHECK_REGS a1, t0

  li TESTNUM, 17
  c.li a2, 0
  c.bnez a2, 1f
  c.beqz a2, 2f
1:
  j fail
2:

  li TESTNUM, 18
  c.li a2, 1
  c.beqz a2, 1f
  c.bnez a2, 2f
1:
  j fail
2:

  li TESTNUM, 19
  c.j 1f
  j fail
1:

  li TESTNUM, 20 /* c.jal links pc + 2 */
  c.jal 2f
1:
  j fail
2:
  la t0, 1b
  CHECK_REGS ra, t0

  li TESTNUM, 21
  la a0, 2f
  c.jr a0
  j fail
2:

  li TESTNUM, 22 /* c.jalr links pc + 2 */
  la a0, 2f
  c.jalr a0
1:
  j fail
2:
  la t0, 1b
  CHECK_REGS ra, t0

  li TESTNUM, 23
  c.li a0, 5
  c.nop
  c.addi a0, -5
  CHECK_REG a0, 0
TEST_END
  c.lwsp s1, 4(sp)
  c.lwsp s0, 8(sp)
  c.lwsp ra, 12(sp)
  c.addi16sp sp, 32
  c.jr ra
