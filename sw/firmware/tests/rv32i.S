/* RV32I: arithmetic, logic, shifts, compares, upper immediates, branches, jumps, loads with
 * sign/zero extension and sub-word stores. */
#include "fw/asm_test.inc"

.macro TEST_BRANCH num, op, a, b, taken
  li TESTNUM, \num
  li t1, \a
  li t2, \b
  \op t1, t2, 2f
  .if \taken
  j fail
  .else
  j 3f
  .endif
2:
  .if !\taken
  j fail
  .endif
3:
.endm

.macro TEST_LOAD num, op, expect, offset
  li TESTNUM, \num
  la t1, load_data
  \op t0, \offset(t1)
  CHECK_REG t0, \expect
.endm

/* Stores \op of 0x123456ab at store_area+\offset over a zeroed area, then checks the word
 * at store_area+\word. */
.macro TEST_STORE num, op, offset, word, expect
  li TESTNUM, \num
  la t1, store_area
  sw zero, 0(t1)
  sw zero, 4(t1)
  li t2, 0x123456ab
  \op t2, \offset(t1)
  lw t0, \word(t1)
  CHECK_REG t0, \expect
.endm

TEST_BEGIN
  TEST_RR 1, add, 0x00000005, 2, 3
  TEST_RR 2, add, 0x80000000, 0x7fffffff, 1
  TEST_RR 3, add, 0x00000000, 0xffffffff, 1
  TEST_RR 4, sub, 0xffffffff, 0, 1
  TEST_RR 5, sub, 0x7fffffff, 0x80000000, 1
  TEST_RR 6, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f
  TEST_RR 7, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f
  TEST_RR 8, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f
  TEST_RR 9, sll, 0x80000000, 1, 31
  TEST_RR 10, sll, 0x00000002, 1, 33 /* only the low 5 bits of the count are used */
  TEST_RR 11, srl, 0x00000001, 0x80000000, 31
  TEST_RR 12, srl, 0x7fffffff, 0xffffffff, 0xffffffe1
  TEST_RR 13, sra, 0xffffffff, 0x80000000, 31
  TEST_RR 14, sra, 0x3fffffff, 0x7fffffff, 1
  TEST_RR 15, slt, 1, 0xffffffff, 1
  TEST_RR 16, slt, 0, 1, 0xffffffff
  TEST_RR 17, slt, 0, 5, 5
  TEST_RR 18, sltu, 0, 0xffffffff, 1
  TEST_RR 19, sltu, 1, 1, 0xffffffff

  TEST_RI 20, addi, 0x00000000, 1, -1
  TEST_RI 21, addi, 0x800007fe, 0x7fffffff, 0x7ff
  TEST_RI 22, addi, 0x7ffff800, 0x80000000, -0x800
  TEST_RI 23, andi, 0xff00ff00, 0xff00ff00, -1 /* the immediate is sign-extended */
  TEST_RI 24, andi, 0x00000700, 0xff00ff00, 0x7f0
  TEST_RI 25, ori, 0xfffffff0, 0x00000000, -16
  TEST_RI 26, xori, 0x00ff00ff, 0xff00ff00, -1
  TEST_RI 27, slti, 1, 0xffffffff, 0
  TEST_RI 28, slti, 0, 0, -1
  TEST_RI 29, sltiu, 1, 0xfffffffe, -1 /* sign-extended, then compared unsigned */
  TEST_RI 30, sltiu, 0, 0xffffffff, -1
  TEST_RI 31, slli, 0x80000000, 1, 31
  TEST_RI 32, srli, 0x0000ffff, 0xffff0000, 16
  TEST_RI 33, srai, 0xffffff00, 0x80000000, 23
  TEST_RI 34, srai, 0x00000000, 0x7fffffff, 31

  li TESTNUM, 35
  lui t0, 0xfffff
  CHECK_REG t0, 0xfffff000

  li TESTNUM, 36
here:
  auipc t0, 0
  la t1, here
  CHECK_REGS t0, t1

  li TESTNUM, 37 /* writes to x0 are discarded */
  addi zero, zero, 5
  add t0, zero, zero
  CHECK_REG t0, 0

  TEST_BRANCH 40, beq, 7, 7, 1
  TEST_BRANCH 41, beq, 7, 8, 0
  TEST_BRANCH 42, bne, 7, 8, 1
  TEST_BRANCH 43, bne, 7, 7, 0
  TEST_BRANCH 44, blt, 0xffffffff, 1, 1
  TEST_BRANCH 45, blt, 1, 0xffffffff, 0
  TEST_BRANCH 46, blt, 5, 5, 0
  TEST_BRANCH 47, bge, 5, 5, 1
  TEST_BRANCH 48, bge, 1, 0xffffffff, 1
  TEST_BRANCH 49, bge, 0xffffffff, 1, 0
  TEST_BRANCH 50, bltu, 1, 0xffffffff, 1
  TEST_BRANCH 51, bltu, 0xffffffff, 1, 0
  TEST_BRANCH 52, bgeu, 0xffffffff, 1, 1
  TEST_BRANCH 53, bgeu, 1, 0xffffffff, 0
  TEST_BRANCH 54, bgeu, 3, 3, 1

  li TESTNUM, 55 /* a backward branch loop */
  li t0, 5
  li t1, 0
loop:
  addi t1, t1, 1
  addi t0, t0, -1
  bnez t0, loop
  CHECK_REG t1, 5

  li TESTNUM, 60 /* jal links the next instruction */
  jal t0, jal_target
jal_link:
  j fail
jal_target:
  la t1, jal_link
  CHECK_REGS t0, t1

  li TESTNUM, 61 /* jalr adds the offset and clears bit 0 of the target */
  la t1, jalr_target
  addi t1, t1, -7
  jalr t0, 8(t1)
jalr_link:
  j fail
jalr_target:
  la t1, jalr_link
  CHECK_REGS t0, t1

  li TESTNUM, 62 /* jalr with rd == rs1 jumps to the old value */
  la t0, jalr_same_target
  jalr t0, 0(t0)
jalr_same_link:
  j fail
jalr_same_target:
  la t1, jalr_same_link
  CHECK_REGS t0, t1

  TEST_LOAD 70, lb, 0xffffff80, 0
  TEST_LOAD 71, lbu, 0x00000080, 0
  TEST_LOAD 72, lb, 0x0000007f, 1
  TEST_LOAD 73, lb, 0xffffffff, 3
  TEST_LOAD 74, lbu, 0x000000ff, 3
  TEST_LOAD 75, lh, 0x00007f80, 0
  TEST_LOAD 76, lh, 0xffffff01, 2
  TEST_LOAD 77, lhu, 0x0000ff01, 2
  TEST_LOAD 78, lw, 0xff017f80, 0
  TEST_LOAD 79, lw, 0x80001234, 4
  TEST_LOAD 80, lh, 0xffff8000, 6
  TEST_LOAD 81, lhu, 0x00008000, 6

  li TESTNUM, 82 /* negative load offset */
  la t1, load_data + 8
  lw t0, -4(t1)
  CHECK_REG t0, 0x80001234

  TEST_STORE 90, sb, 1, 0, 0x0000ab00
  TEST_STORE 91, sb, 7, 4, 0xab000000
  TEST_STORE 92, sh, 2, 0, 0x56ab0000
  TEST_STORE 93, sh, 4, 4, 0x000056ab
  TEST_STORE 94, sw, 4, 4, 0x123456ab
  TEST_STORE 95, sw, 4, 0, 0x00000000 /* the neighbouring word is untouched */

  li TESTNUM, 96 /* negative store offset */
  la t1, store_area + 8
  sw zero, -4(t1)
  li t2, 0xcafe
  sh t2, -2(t1)
  lw t0, -4(t1)
  CHECK_REG t0, 0xcafe0000
TEST_END
  ret

  .data
  .balign 4
load_data:
  .byte 0x80, 0x7f, 0x01, 0xff
  .byte 0x34, 0x12, 0x00, 0x80
store_area:
  .word 0, 0
