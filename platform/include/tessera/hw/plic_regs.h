/* PLIC: SiFive-compatible layout. One context per hart (machine mode): context h belongs to
 * hart h. Sources are level-triggered; source 0 does not exist. */
#ifndef TESSERA_HW_PLIC_REGS_H
#define TESSERA_HW_PLIC_REGS_H

#define PLIC_PRIORITY(src) (0x000000u + 4u * (unsigned)(src))  /* 0 = never interrupts */
#define PLIC_PENDING(word) (0x001000u + 4u * (unsigned)(word)) /* RO: bit per source */
#define PLIC_ENABLE(ctx, word) (0x002000u + 0x80u * (unsigned)(ctx) + 4u * (unsigned)(word))
#define PLIC_THRESHOLD(ctx) (0x200000u + 0x1000u * (unsigned)(ctx))
#define PLIC_CLAIM(ctx) (0x200004u + 0x1000u * (unsigned)(ctx)) /* read: claim; write: complete */

#define PLIC_MAX_SOURCES 1024u /* the layout's limit; the chip has PLIC_NUM_SOURCES(tiles) */
#define PLIC_MAX_PRIORITY 7u

/* Interrupt sources. */
#define PLIC_SOURCE_UART 1u
#define PLIC_SOURCE_TEST 2u /* driven by SYSCTRL_TEST_IRQ, for firmware tests */
#define PLIC_SOURCE_HOST 3u /* host-interface doorbell */

/* Each tile's engines raise their own sources: unit 0 MXU, 1 VPU, 2 DMA. */
#define PLIC_TILE_UNITS 3u
#define PLIC_SOURCE_TILE(t, unit) (8u + PLIC_TILE_UNITS * (unsigned)(t) + (unsigned)(unit))
#define PLIC_SOURCE_MXU(t) PLIC_SOURCE_TILE(t, 0)
#define PLIC_SOURCE_VPU(t) PLIC_SOURCE_TILE(t, 1)
#define PLIC_SOURCE_DMA(t) PLIC_SOURCE_TILE(t, 2)
#define PLIC_NUM_SOURCES(tiles) PLIC_SOURCE_TILE(tiles, 0)

#endif
