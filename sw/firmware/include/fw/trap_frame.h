/* Layout of the register frame that trap_entry pushes, shared by the assembly and C. */
#ifndef FW_TRAP_FRAME_H
#define FW_TRAP_FRAME_H

#define TRAP_FRAME_X(n) ((n)*4)
#define TRAP_FRAME_MEPC 128
#define TRAP_FRAME_MCAUSE 132
#define TRAP_FRAME_MTVAL 136
#define TRAP_FRAME_MSTATUS 140
#define TRAP_FRAME_SIZE 144 /* a multiple of 16: the ABI's stack alignment */

#endif
