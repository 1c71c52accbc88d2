/* System controller: chip identity, configuration discovery and the test-exit register. */
#ifndef TESSERA_HW_SYSCTRL_REGS_H
#define TESSERA_HW_SYSCTRL_REGS_H

#define SYSCTRL_CHIP_ID 0x000     /* RO: SYSCTRL_CHIP_ID_VALUE */
#define SYSCTRL_VERSION 0x004     /* RO: model version, major << 16 | minor */
#define SYSCTRL_NUM_HARTS 0x008   /* RO: harts in the chip (manager + tile cores) */
#define SYSCTRL_CLOCK_MHZ 0x00C   /* RO: core clock in MHz */
#define SYSCTRL_TIMEBASE_HZ 0x010 /* RO: frequency of CLINT mtime */
#define SYSCTRL_DRAM_SIZE 0x014   /* RO: device DRAM bytes (0 means 4 GiB wrap, never used) */
#define SYSCTRL_TEST_EXIT 0x100   /* WO: ends the simulation; the value written is the exit code */

#define SYSCTRL_CHIP_ID_VALUE 0x54534552u /* "TSER" */
#define SYSCTRL_VERSION_VALUE 0x00010000u

#endif
