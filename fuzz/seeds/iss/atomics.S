# Two harts (flags bit 1) count to 8 together with lr/sc and AMOs on one DRAM word and one
# scratchpad word; hart 0 then exits.
  csrr a0, mhartid
  li   s0, 0x80010000        # DRAM
  li   s1, 0x40000100        # tile 0 scratchpad
1:
  lr.w t0, (s0)
  addi t0, t0, 1
  sc.w t1, t0, (s0)
  bnez t1, 1b
  li   t2, 1
  amoadd.w t3, t2, (s1)
  amoswap.w t3, t2, (s0)
  amomax.w t3, t2, (s1)
  amoor.w  t3, t2, (s1)
  lw   t0, 0(s0)
  li   t2, 8
  blt  t0, t2, 1b
  bnez a0, 2f
  li   t3, 0x10001000
  sw   zero, 0x100(t3)
2:
  wfi
  j    2b
