/* Reset entry for every hart (the boot ROM jumps here). Hart 0 runs the C program; the
 * others get their own stack and park in wfi: nothing releases them yet. */

  .section .text.crt0, "ax", @progbits
  .globl _start
_start:
  /* gp must be loaded before relaxation may start using it. */
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la tp, __tls_base

  la t0, trap_entry
  csrw mtvec, t0

  /* A hart beyond the stack area parks without one. */
  csrr t0, mhartid
  lui t1, %hi(__max_harts)
  addi t1, t1, %lo(__max_harts)
  bgeu t0, t1, park

  lui t1, %hi(__hart_stack_size)
  addi t1, t1, %lo(__hart_stack_size)
  addi t2, t0, 1
  mul t1, t1, t2
  la sp, __stacks_start
  add sp, sp, t1

  bnez t0, park

  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 2f
  sw zero, 0(t0)
  addi t0, t0, 4
  j 1b
2:
  call __libc_init_array
  li a0, 0
  li a1, 0
  call main
  call exit

park:
  wfi
  j park
