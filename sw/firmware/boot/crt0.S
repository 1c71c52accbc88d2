/* Reset entry for every hart (the boot ROM jumps here). Hart 0 arrives first and alone: it
 * clears bss, runs the constructors and main. Any other hart arrives only when firmware
 * releases it (smp_release), when bss and data are live and must not be cleared again: it
 * calls secondary_main(hartid), and returning from that finishes it as exit(0) would. Each
 * hart gets its own stack and its own TLS block. */

  .section .text.crt0, "ax", @progbits
  .globl _start
_start:
  /* gp must be loaded before relaxation may start using it. */
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop

  la t0, trap_entry
  csrw mtvec, t0

  /* s0 = hart id, kept across the calls below. A hart beyond the stack and TLS areas parks
   * without either. */
  csrr s0, mhartid
  lui t1, %hi(__max_harts)
  addi t1, t1, %lo(__max_harts)
  bgeu s0, t1, park

  /* sp = __stacks_start + (hartid + 1) * __hart_stack_size: the top of this hart's stack. */
  lui t1, %hi(__hart_stack_size)
  addi t1, t1, %lo(__hart_stack_size)
  addi t2, s0, 1
  mul t1, t1, t2
  la sp, __stacks_start
  add sp, sp, t1

  bnez s0, tls

  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, tls
  sw zero, 0(t0)
  addi t0, t0, 4
  j 1b

  /* tp = __tls_blocks + hartid * __tls_block_size, filled by picolibc's _init_tls from the
   * .tdata/.tbss template. Every hart, hart 0 included, gets a copy: the template stays
   * pristine for harts released later. */
tls:
  lui t1, %hi(__tls_block_size)
  addi t1, t1, %lo(__tls_block_size)
  mul t1, t1, s0
  la tp, __tls_blocks
  add tp, tp, t1
  mv a0, tp
  call _init_tls

  bnez s0, secondary
  call __libc_init_array
  li a0, 0
  li a1, 0
  call main
  call exit

secondary:
  mv a0, s0
  call secondary_main
  li a0, 0
  call _exit

park:
  wfi
  j park
