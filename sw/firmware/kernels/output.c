#include "kernels/output.h"

#include "drivers/dma.h"
#include "drivers/vpu.h"

void output_setup(struct output_stage* out, struct tile_engines* te,
                  const struct kernel_requant* requant, struct spad* spad, uint32_t rows,
                  uint32_t cols) {
  out->te = te;
  out->requant = requant;
  out->staging[0] = out->staging[1] = 0;
  if (!requant->params) return;
  out->staging[0] = spad_take(spad, rows * cols);
  out->staging[1] = spad_take(spad, rows * cols);
}

static int requantize(const struct output_stage* out, const struct output_block* block,
                      struct engine_fault* fault) {
  const struct kernel_requant* rq = out->requant;
  const vpu_requantize_desc_t desc = {.control = VPU_OP_REQUANTIZE | rq->flags,
                                      .in_addr = block->results,
                                      .out_addr = out->staging[block->buffer],
                                      .params_addr = block->params,
                                      .rows = block->rows,
                                      .channels = block->cols,
                                      .in_row_stride = 4 * block->cols,
                                      .out_row_stride = block->cols,
                                      .out_zero_point = rq->zero_point,
                                      .clamp_min = rq->clamp_min,
                                      .clamp_max = rq->clamp_max};
  struct engine* vpu = &out->te->vpu;
  int error = vpu_submit(vpu, &desc, fault);
  return error ? error : engine_wait(vpu, vpu->submitted, fault);
}

int output_store(const struct output_stage* out, const struct output_block* block,
                 struct engine_fault* fault) {
  struct dma_copy copy = {.dst = block->dst,
                          .dst_stride = block->dst_stride,
                          .src = block->results,
                          .src_stride = 4 * block->cols,
                          .width = 4 * block->cols,
                          .height = block->rows};
  if (out->requant->params) {
    int error = requantize(out, block, fault);
    if (error) return error;
    copy.src = out->staging[block->buffer];
    copy.src_stride = copy.width = block->cols;
  }
  return dma_submit(&out->te->dma, &copy, fault);
}
