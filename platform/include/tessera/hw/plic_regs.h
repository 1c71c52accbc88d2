/* PLIC: SiFive-compatible layout. One context per hart (machine mode): context h belongs to
 * hart h. Sources are level-triggered; source 0 does not exist. */
#ifndef TESSERA_HW_PLIC_REGS_H
#define TESSERA_HW_PLIC_REGS_H

#define PLIC_PRIORITY(src) (0x000000u + 4u * (unsigned)(src)) /* 0 = never interrupts */
#define PLIC_PENDING(word) (0x001000u + 4u * (unsigned)(word)) /* RO: bit per source */
#define PLIC_ENABLE(ctx, word) (0x002000u + 0x80u * (unsigned)(ctx) + 4u * (unsigned)(word))
#define PLIC_THRESHOLD(ctx) (0x200000u + 0x1000u * (unsigned)(ctx))
#define PLIC_CLAIM(ctx) (0x200004u + 0x1000u * (unsigned)(ctx)) /* read: claim; write: complete */

#define PLIC_NUM_SOURCES 64u /* ids 1..63 */
#define PLIC_MAX_PRIORITY 7u

/* Interrupt sources. */
#define PLIC_SOURCE_UART 1u
#define PLIC_SOURCE_TEST 2u /* driven by SYSCTRL_TEST_IRQ, for firmware tests */

#endif
