# Reads the host interface, writes a reply and an MSI, and starts a DMA from DRAM to the host
# memory the fuzz chip registers (0x1_0000_0000), then polls for it to finish.
  li   t0, 0x10002000        # host interface
  lw   t1, 0(t0)             # doorbells
  lw   t1, 0x10(t0)          # mailbox 0
  li   t1, 0x1234
  sw   t1, 0x40(t0)          # reply 0
  sw   t1, 0x80(t0)          # MSI
  sw   zero, 0x100(t0)       # host address, low
  li   t1, 1
  sw   t1, 0x104(t0)         # host address, high
  li   t1, 0x80000000
  sw   t1, 0x108(t0)         # device address
  li   t1, 256
  sw   t1, 0x10c(t0)         # length
  li   t1, 3
  sw   t1, 0x110(t0)         # start, device to host
1:
  lw   t1, 0x114(t0)
  andi t1, t1, 1
  bnez t1, 1b
  lw   t1, 0x114(t0)
  li   t3, 0x10001000
  sw   t1, 0x100(t3)
