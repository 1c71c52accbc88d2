/* Ops the manager core runs itself: NOP, and the copies between host memory and device DRAM
 * through the host interface's DMA. */
#ifndef RUNTIME_HOST_OPS_H
#define RUNTIME_HOST_OPS_H

#include "ops.h"

uint32_t op_nop(const struct tsr_command* command, uint32_t detail[4]);
uint32_t op_copy_from_host(const struct tsr_command* command, uint32_t detail[4]);
uint32_t op_copy_to_host(const struct tsr_command* command, uint32_t detail[4]);

#endif
