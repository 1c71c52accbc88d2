# Arms the CLINT timer and sleeps in wfi; the interrupt re-enters the image (mtvec is its
# start) with mcause telling why, and it exits with the interrupt's cause.
  csrr t0, mcause
  bltz t0, interrupted
  li   t0, 0x02000000        # CLINT
  li   t1, 0xbff8
  add  t1, t0, t1
  lw   t2, 0(t1)             # mtime
  addi t2, t2, 20
  li   t1, 0x4000
  add  t1, t0, t1
  sw   t2, 0(t1)             # mtimecmp, hart 0
  sw   zero, 4(t1)
  li   t1, 0x80
  csrs mie, t1               # MTIE
  csrsi mstatus, 8           # MIE
1:
  wfi
  j    1b
interrupted:
  csrr t1, time
  csrr t1, cycle
  li   t0, 0x10001000
  sw   t0, 0x100(t0)         # TEST_EXIT
