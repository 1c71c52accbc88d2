#include "kernels/columns.h"

#include "drivers/dma.h"
#include "tessera/hw/vpu_regs.h"

uint32_t column_tables_scratch(const struct kernel_quant* quant,
                               const struct kernel_requant* requant, uint32_t cols) {
  return (requant->params ? spad_bytes(cols * sizeof(vpu_channel_params_t)) : 0) +
         (quant->b_zero_points ? spad_bytes(cols) : 0);
}

void column_tables_setup(struct column_tables* t, const struct kernel_quant* quant,
                         const struct kernel_requant* requant, struct spad* spad, uint32_t cols) {
  t->quant = quant;
  t->requant = requant;
  t->params = requant->params ? spad_take(spad, cols * sizeof(vpu_channel_params_t)) : 0;
  t->zero_points = quant->b_zero_points ? spad_take(spad, cols) : 0;
}

static int load_row(struct engine* dma, uint32_t dst, uint32_t src, uint32_t bytes,
                    struct engine_fault* fault) {
  const struct dma_copy copy = {.dst = dst, .src = src, .width = bytes, .height = 1};
  return dma_submit(dma, &copy, fault);
}

int column_tables_load(const struct column_tables* t, struct engine* dma, uint32_t first,
                       uint32_t cols, struct engine_fault* fault) {
  const uint32_t entry = sizeof(vpu_channel_params_t);
  int error = 0;
  if (t->params)
    error = load_row(dma, t->params, t->requant->params + first * entry, cols * entry, fault);
  if (!error && t->zero_points)
    error = load_row(dma, t->zero_points, t->quant->b_zero_points + first, cols, fault);
  return error;
}
