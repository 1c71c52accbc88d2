/* System controller: chip identity, configuration discovery, hart release and the
 * test-exit register. Harts are numbered 0 (the manager core) then 1 + t for tile t. */
#ifndef TESSERA_HW_SYSCTRL_REGS_H
#define TESSERA_HW_SYSCTRL_REGS_H

#define SYSCTRL_CHIP_ID 0x000       /* RO: SYSCTRL_CHIP_ID_VALUE */
#define SYSCTRL_VERSION 0x004       /* RO: model version, major << 16 | minor */
#define SYSCTRL_NUM_HARTS 0x008     /* RO: harts in the chip (manager + tile cores) */
#define SYSCTRL_CLOCK_MHZ 0x00C     /* RO: core clock in MHz */
#define SYSCTRL_TIMEBASE_HZ 0x010   /* RO: frequency of CLINT mtime */
#define SYSCTRL_DRAM_SIZE 0x014     /* RO: device DRAM bytes (0 means 4 GiB wrap, never used) */
#define SYSCTRL_NUM_TILES 0x018     /* RO: tiles in the mesh */
#define SYSCTRL_MESH_X 0x01C        /* RO: mesh columns */
#define SYSCTRL_MESH_Y 0x020        /* RO: mesh rows */
#define SYSCTRL_SRAM_BYTES 0x024    /* RO: scratchpad bytes per tile */
#define SYSCTRL_SRAM_BANKS 0x028    /* RO: scratchpad banks per tile */
#define SYSCTRL_DRAM_CHANNELS 0x02C /* RO: device DRAM channels */

#define SYSCTRL_TEST_EXIT 0x100    /* WO: ends the simulation; the value written is the exit code */
#define SYSCTRL_HART_RELEASE 0x104 /* WO: writing hart id h takes hart h out of reset */
#define SYSCTRL_HART_RUNNING 0x108 /* RO: bit h set once hart h (h < 32) is out of reset */
#define SYSCTRL_TEST_IRQ 0x10C     /* RW: bit 0 drives PLIC source PLIC_SOURCE_TEST (a level) */

/* Tile t's hart id, and its mesh coordinates. */
#define SYSCTRL_TILE_HART(t) (1u + (unsigned)(t))

#define SYSCTRL_CHIP_ID_VALUE 0x54534552u /* "TSER" */
#define SYSCTRL_VERSION_VALUE 0x00010000u

#endif
