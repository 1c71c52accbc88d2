# Loads and stores of every width through the mesh to both scratchpads and DRAM (meant to run
# without DMI, flags bit 0), across DRAM's interleave granule; then a misaligned and an
# unmapped access, which trap back to the start: mcause ends the run.
  csrr t0, mcause
  bnez t0, trapped
  li   s0, 0x40000000        # tile 0 scratchpad
  li   s1, 0x41000000        # tile 1 scratchpad
  li   s2, 0x800000fc        # DRAM, 4 bytes below a 256-byte granule
  li   t1, 0x12345678
  sw   t1, 0(s0)
  sh   t1, 6(s1)
  sb   t1, 3(s2)
  sw   t1, 4(s2)
  lw   t2, 0(s0)
  lhu  t2, 6(s1)
  lh   t2, 6(s1)
  lb   t2, 3(s2)
  lbu  t2, 4(s2)
  lw   t2, 4(s2)
  lw   t2, 1(s0)             # misaligned: traps
trapped:
  li   t1, 4
  bne  t0, t1, 1f
  li   t2, 0x20000000
  lw   t2, 0(t2)             # unmapped: an access fault
1:
  li   t3, 0x10001000
  sw   t0, 0x100(t3)
