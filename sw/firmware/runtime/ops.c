#include "ops.h"

#include "basic_kernels.h"
#include "host_ops.h"
#include "model_kernels.h"

const char* const runtime_op_names[TSR_OP_LIMIT] = {
#define OP_NAME(name, value) [value] = #name,
    TSR_OPCODES(OP_NAME)
#undef OP_NAME
};

const struct op runtime_ops[TSR_OP_LIMIT] = {
    [TSR_OP_NOP] = {.on_manager = op_nop},
    [TSR_OP_COPY] = {.on_tiles = kernel_copy},
    [TSR_OP_FILL] = {.on_tiles = kernel_fill},
    [TSR_OP_ADD_I32] = {.on_tiles = kernel_add_i32},
    [TSR_OP_HANG] = {.on_tiles = kernel_hang},
    [TSR_OP_FAULT] = {.on_tiles = kernel_fault},
    [TSR_OP_COPY_FROM_HOST] = {.on_manager = op_copy_from_host},
    [TSR_OP_COPY_TO_HOST] = {.on_manager = op_copy_to_host},
    [TSR_OP_GEMM_I8] = {.on_tiles = kernel_gemm_i8},
    [TSR_OP_CONV_I8] = {.on_tiles = kernel_conv_i8},
    [TSR_OP_MAXPOOL_8] = {.on_tiles = kernel_maxpool_8},
};
