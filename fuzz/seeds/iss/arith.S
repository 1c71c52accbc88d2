# M-extension corner cases, compressed instructions, counters and CSRs, and self-modifying
# code made visible with fence.i.
  li   t0, 0x80000000
  li   t1, -1
  div  t2, t0, t1            # overflow
  rem  t2, t0, t1
  divu t2, t0, zero          # by zero
  remu t2, t0, zero
  mulh t2, t0, t1
  mulhsu t2, t0, t1
  mulhu t2, t0, t1
  c.li a0, 5
  c.addi a0, 3
  c.slli a0, 2
  c.mv  a1, a0
  c.add a1, a0
  csrr t2, misa
  csrr t2, mhartid
  csrr t2, instret
  csrw mscratch, t1
  csrrw t2, mscratch, zero
  la   t0, patched
  li   t1, 0x00100513        # li a0, 1
  sw   t1, 0(t0)
  fence.i
patched:
  li   a0, 0
  li   t3, 0x10001000
  sw   a0, 0x100(t3)
