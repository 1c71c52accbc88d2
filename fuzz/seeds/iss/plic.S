# Raises the system controller's test interrupt through the PLIC, claims and completes it.
  csrr t0, mcause
  bltz t0, interrupted
  li   t0, 0x0c000000        # PLIC
  li   t1, 1
  sw   t1, 8(t0)             # priority of source 2 (the test line)
  li   t2, 0x2000
  add  t2, t0, t2
  li   t1, 4
  sw   t1, 0(t2)             # enable source 2 for context 0
  li   t2, 0x200000
  add  t2, t0, t2
  sw   zero, 0(t2)           # threshold
  li   t1, 0x800
  csrs mie, t1               # MEIE
  csrsi mstatus, 8
  li   t3, 0x10001000
  li   t1, 1
  sw   t1, 0x10c(t3)         # TEST_IRQ up
1:
  wfi
  j    1b
interrupted:
  li   t0, 0x0c200004        # claim, context 0
  lw   t1, 0(t0)
  li   t3, 0x10001000
  sw   zero, 0x10c(t3)       # TEST_IRQ down
  sw   t1, 0(t0)             # complete
  li   t0, 0x0c001000
  lw   t1, 0(t0)             # pending bits
  sw   t1, 0x100(t3)
