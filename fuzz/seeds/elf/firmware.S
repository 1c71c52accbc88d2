# A minimal firmware image: code, initialised data and zero-filled data (.bss), with the
# symbols the platform looks up (tohost, begin_signature, end_signature).
  .text
  .globl _start
_start:
  la   t0, tohost
  li   t1, 1
  sw   t1, 0(t0)
1:
  j    1b

  .data
  .globl tohost, begin_signature, end_signature
  .balign 4
tohost:
  .word 0
begin_signature:
  .word 0x12345678, 0x9abcdef0
end_signature:

  .bss
buffer:
  .zero 256
