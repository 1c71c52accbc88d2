/* Tessera physical memory map: the one place that spells an address.
 * Included by the C firmware and the C++ models alike. */
#ifndef TESSERA_HW_MEMORY_MAP_H
#define TESSERA_HW_MEMORY_MAP_H

#define TESSERA_BOOTROM_BASE 0x00000000u
#define TESSERA_BOOTROM_SIZE 0x00010000u /* 64 KiB */

#define TESSERA_CLINT_BASE 0x02000000u
#define TESSERA_CLINT_SIZE 0x00010000u /* 64 KiB */

#define TESSERA_PLIC_BASE 0x0C000000u
#define TESSERA_PLIC_SIZE 0x00400000u /* 4 MiB */

#define TESSERA_UART_BASE 0x10000000u
#define TESSERA_UART_SIZE 0x00001000u

#define TESSERA_SYSCTRL_BASE 0x10001000u
#define TESSERA_SYSCTRL_SIZE 0x00001000u

#define TESSERA_HOSTIF_BASE 0x10002000u
#define TESSERA_HOSTIF_SIZE 0x00001000u

/* Nothing answers from here up to the tiles: an access is a bus error (tests rely on it). */
#define TESSERA_UNMAPPED_BASE 0x20000000u

/* Tile t occupies a 16 MiB window: scratchpad at +0, engine registers near the top. */
#define TESSERA_TILE_BASE 0x40000000u
#define TESSERA_TILE_STRIDE 0x01000000u
#define TESSERA_TILE_ADDR(t) (TESSERA_TILE_BASE + (unsigned)(t)*TESSERA_TILE_STRIDE)
/* Inside a tile window: the scratchpad at +0 (its size from SYSCTRL_SRAM_BYTES), and each
 * engine's 64 KiB register window near the top. */
#define TESSERA_TILE_MXU_OFFSET 0x00F00000u
#define TESSERA_TILE_VPU_OFFSET 0x00F10000u
#define TESSERA_TILE_DMA_OFFSET 0x00F20000u
#define TESSERA_TILE_ENGINE_SIZE 0x00010000u

#define TESSERA_DRAM_BASE 0x80000000u
#define TESSERA_DRAM_MAX_SIZE 0x80000000u /* up to 2 GiB; the configured size may be less */

#endif
