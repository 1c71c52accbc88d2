/* CLINT: SiFive-compatible layout. msip and mtimecmp per hart, one shared mtime. */
#ifndef TESSERA_HW_CLINT_REGS_H
#define TESSERA_HW_CLINT_REGS_H

#define CLINT_MSIP(hart) (0x0000u + 4u * (unsigned)(hart))     /* 32-bit, bit 0 */
#define CLINT_MTIMECMP(hart) (0x4000u + 8u * (unsigned)(hart)) /* 64-bit */
#define CLINT_MTIME 0xBFF8u                                    /* 64-bit */
#define CLINT_MAX_HARTS 4095u

#endif
