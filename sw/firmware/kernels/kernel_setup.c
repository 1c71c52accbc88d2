#include "kernels/kernel_setup.h"

#include "tessera/hw/mxu_regs.h"
#include "tessera/hw/vpu_regs.h"

static int in_type(int32_t value, int is_unsigned) {
  return is_unsigned ? value >= 0 && value <= 255 : value >= -128 && value <= 127;
}

int kernel_quant_valid(const struct kernel_quant* q) {
  if (q->types & ~(MXU_FLAG_A_UNSIGNED | MXU_FLAG_B_UNSIGNED)) return 0;
  return in_type(q->a_zero_point, q->types & MXU_FLAG_A_UNSIGNED) &&
         (q->b_zero_points || in_type(q->b_zero_point, q->types & MXU_FLAG_B_UNSIGNED));
}

int kernel_requant_valid(const struct kernel_requant* r) {
  if (!r->params) return 1;
  if (r->flags & ~(VPU_FLAG_ROUND_HALF_EVEN | VPU_FLAG_CLAMP | VPU_FLAG_OUT_UNSIGNED)) return 0;
  if ((r->flags & VPU_FLAG_CLAMP) && r->clamp_min > r->clamp_max) return 0;
  return in_type(r->zero_point, r->flags & VPU_FLAG_OUT_UNSIGNED);
}

int kernel_open(struct tile_engines* te, const struct kernel_part* part, struct spad* spad,
                uint32_t* budget) {
  if (tile_engines_open(te, part->tile, part->wait)) return KERNEL_ERR_ARGS;
  spad->next = te->sram_base;
  *budget = te->sram_free;
  if (part->scratch_bytes && part->scratch_bytes < *budget) *budget = part->scratch_bytes;
  return KERNEL_OK;
}

int kernel_finish(struct tile_engines* te, int error) {
  if (!error) return KERNEL_OK;
  tile_engines_quiesce(te);
  return KERNEL_ERR_ENGINE;
}

uint32_t kernel_mxu_flags(const struct kernel_quant* q) {
  return MXU_OP_GEMM | q->types | (q->b_zero_points ? MXU_FLAG_B_ZP_PER_COLUMN : 0);
}
