/* Tile kernels of the basic ops (tessera/abi/commands.h has their operands). */
#ifndef RUNTIME_BASIC_KERNELS_H
#define RUNTIME_BASIC_KERNELS_H

#include "ops.h"

uint32_t kernel_copy(const struct tile_job* job);
uint32_t kernel_fill(const struct tile_job* job);
uint32_t kernel_add_i32(const struct tile_job* job);
uint32_t kernel_hang(const struct tile_job* job);
uint32_t kernel_fault(const struct tile_job* job);

#endif
