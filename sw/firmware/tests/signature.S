/* Compliance-style signature: results go to memory between begin_signature and
 * end_signature, which the simulator dumps with --signature for comparison against
 * signature.signature. Exits non-zero only if it wrote other than every slot once. */

.macro SIG_RR op, a, b
  li t1, \a
  li t2, \b
  \op t0, t1, t2
  sw t0, 0(a1)
  addi a1, a1, 4
.endm

.macro SIG_LOAD op, offset
  la t1, load_data
  \op t0, \offset(t1)
  sw t0, 0(a1)
  addi a1, a1, 4
.endm

  .text
  .globl main
main:
  la a1, begin_signature
  SIG_RR add, 0x7fffffff, 1
  SIG_RR sub, 0, 1
  SIG_RR sra, 0x80000000, 4
  SIG_RR srl, 0x80000000, 4
  SIG_RR sll, 0x12345678, 4
  SIG_RR slt, 0xffffffff, 1
  SIG_RR sltu, 0xffffffff, 1
  SIG_RR xor, 0x12345678, 0xffffffff
  SIG_RR mul, 0x12345678, 0x9abcdef0
  SIG_RR mulh, 0x12345678, 0x9abcdef0
  SIG_RR mulhu, 0x12345678, 0x9abcdef0
  SIG_RR div, -100, 7
  SIG_RR rem, -100, 7
  SIG_RR divu, 0xffffffff, 7
  SIG_LOAD lb, 0
  SIG_LOAD lhu, 2

  la t0, end_signature
  sub a0, a1, t0
  ret

  .data
load_data:
  .byte 0x80, 0x00, 0x01, 0x80

  .balign 16
  .globl begin_signature
begin_signature:
  .fill 16, 4, 0xdeadbeef
  .globl end_signature
end_signature:
