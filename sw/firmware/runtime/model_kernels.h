/* Tile kernels of the model ops the host's model compiler emits (tessera/abi/commands.h has
 * their operands, tessera/abi/kernel_args.h their argument blocks). */
#ifndef RUNTIME_MODEL_KERNELS_H
#define RUNTIME_MODEL_KERNELS_H

#include "ops.h"

uint32_t kernel_gemm_i8(const struct tile_job* job);
uint32_t kernel_conv_i8(const struct tile_job* job);
uint32_t kernel_maxpool_8(const struct tile_job* job);

#endif
