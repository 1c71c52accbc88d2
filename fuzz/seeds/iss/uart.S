# Prints over the UART, reads the system controller's identity registers, exits with 0.
  li   t0, 0x10000000        # UART
  li   t1, 0x80
  sb   t1, 3(t0)             # LCR: DLAB
  sb   zero, 0(t0)           # divisor
  sb   zero, 3(t0)
  la   a0, message
1:
  lbu  t1, 0(a0)
  beqz t1, 2f
  lbu  t2, 5(t0)             # LSR
  andi t2, t2, 0x20
  beqz t2, 1b
  sb   t1, 0(t0)
  addi a0, a0, 1
  j    1b
2:
  li   t0, 0x10001000        # system controller
  lw   t1, 0(t0)
  lw   t1, 8(t0)
  lw   t1, 0x108(t0)
  sw   zero, 0x100(t0)       # TEST_EXIT
message:
  .asciz "fuzz\n"
