#include "kernels/conv.h"

#include "drivers/dma.h"
#include "drivers/mxu.h"
#include "kernels/columns.h"
#include "kernels/kernel_setup.h"
#include "kernels/output.h"
#include "kernels/partition.h"
#include "kernels/pipeline.h"
#include "kernels/spad.h"

/* Blocks a call's rows are split into at least (if it has that many): enough for the input
 * DMA and the output stage to hide behind the MXU on the blocks in between. */
#define CONV_MIN_BLOCKS 8u

/* One call's work: its output rows in `blocks` blocks of up to `h` rows, for each of `chunks`
 * chunks of up to `nc` output channels. */
struct conv_plan {
  struct range rows;
  uint32_t h, blocks;
  uint32_t nc, chunks;
  struct splitter block_rows; /* the call's rows into blocks */
};

struct conv_call {
  const struct conv_args* c;
  struct tile_engines* te;
  struct conv_plan plan;
  struct output_stage out;
  struct column_tables tables;
  uint32_t out_width;
  uint32_t pitch;         /* bytes of a padded input row */
  struct range channels;  /* the current chunk's */
  uint32_t in[2], acc[2]; /* scratchpad: padded input rows, int32 results */
  uint32_t weights;
  uint32_t padding; /* scratchpad: a padded row's worth of the input zero point */
};

/* Input rows a block of h output rows reads. */
static uint32_t input_rows(const struct conv_args* c, uint32_t h) {
  return (h - 1) * c->stride + c->kernel_h;
}

static uint32_t scratch_bytes(const struct conv_call* call, uint32_t h, uint32_t nc) {
  const struct conv_args* c = call->c;
  uint32_t pixels = h * call->out_width;
  return spad_bytes(call->pitch) + 2 * spad_bytes(input_rows(c, h) * call->pitch) +
         2 * spad_bytes(4 * pixels * nc) + output_scratch(&c->requant, pixels, nc) +
         spad_bytes(c->kernel_h * c->kernel_w * c->in_channels * nc) +
         column_tables_scratch(&c->quant, &c->requant, nc);
}

/* The most rows per block that fit with all output channels at once, else with half as many
 * (whole column tiles), and so on. False if one row of one column tile does not fit. */
static int size_blocks(struct conv_call* call, uint32_t budget) {
  struct conv_plan* p = &call->plan;
  uint32_t rows = p->rows.end - p->rows.begin, unit = call->te->mxu_cols;
  p->nc = call->c->out_channels;
  for (;;) {
    for (p->h = rows; p->h > 0 && scratch_bytes(call, p->h, p->nc) > budget; p->h--) continue;
    if (p->h > 0) break;
    if (p->nc <= unit) return 0;
    p->nc = round_up(div_up(p->nc, 2), unit);
  }
  p->chunks = div_up(div_up(call->c->out_channels, unit), div_up(p->nc, unit));
  p->blocks = max_u32(div_up(rows, p->h), min_u32(rows, CONV_MIN_BLOCKS));
  p->h = div_up(rows, p->blocks);
  p->block_rows = splitter_make(rows, 1, p->blocks);
  return 1;
}

static struct range block_rows(const struct conv_call* call, uint32_t block) {
  const struct conv_plan* p = &call->plan;
  struct range r = splitter_part(&p->block_rows, block);
  return (struct range){p->rows.begin + r.begin, p->rows.begin + r.end};
}

/* Queues a fill of `rows` rows (pitch apart) of `width` bytes at dst with the zero point: a
 * DMA from the padding row, read again for every row (source stride 0), so that the core
 * spends no time on it (a byte loop costs it several cycles a byte). */
static int fill_padding(const struct conv_call* call, uint32_t dst, uint32_t width, uint32_t rows,
                        struct engine_fault* fault) {
  const struct dma_copy copy = {.dst = dst,
                                .dst_stride = call->pitch,
                                .src = call->padding,
                                .src_stride = 0,
                                .width = width,
                                .height = rows};
  return dma_submit(&call->te->dma, &copy, fault);
}

/* The padding row: its first bank row by the core, the rest by the DMA from that one; then
 * from it the left and right padding of every input row slot of both buffers (the DMA of input
 * rows writes only between them). The DMA runs its queue in order: each fill finds the
 * padding row done. */
static int pad_columns(const struct conv_call* call, struct engine_fault* fault) {
  const struct conv_args* c = call->c;
  volatile uint32_t* seed = (volatile uint32_t*)(uintptr_t)call->padding;
  for (uint32_t i = 0; i < SPAD_ALIGN / 4; i++)
    seed[i] = (uint8_t)c->quant.a_zero_point * 0x01010101u;
  const struct dma_copy rest = {.dst = call->padding + SPAD_ALIGN,
                                .dst_stride = SPAD_ALIGN,
                                .src = call->padding,
                                .src_stride = 0,
                                .width = SPAD_ALIGN,
                                .height = spad_bytes(call->pitch) / SPAD_ALIGN - 1};
  int error = rest.height ? dma_submit(&call->te->dma, &rest, fault) : 0;
  uint32_t left = c->pad * c->in_channels, right = left + c->width * c->in_channels;
  uint32_t rows = input_rows(c, call->plan.h);
  for (int b = 0; b < 2 && !error && left; b++) {
    error = fill_padding(call, call->in[b], left, rows, fault);
    if (!error) error = fill_padding(call, call->in[b] + right, call->pitch - right, rows, fault);
  }
  return error;
}

static int load(void* ctx, uint32_t s, uint32_t buffer, struct engine_fault* fault) {
  const struct conv_call* call = ctx;
  const struct conv_args* c = call->c;
  struct range rows = block_rows(call, s);
  uint32_t row_bytes = c->width * c->in_channels, count = input_rows(c, rows.end - rows.begin);
  /* Input rows top .. top + count, some of them padding above or below the image. */
  int32_t top = (int32_t)(rows.begin * c->stride) - (int32_t)c->pad;
  int32_t first = top < 0 ? 0 : top;
  int32_t end =
      top + (int32_t)count < (int32_t)c->height ? top + (int32_t)count : (int32_t)c->height;
  if (first >= end) return fill_padding(call, call->in[buffer], call->pitch, count, fault);
  uint32_t above = (uint32_t)(first - top), below = (uint32_t)(top + (int32_t)count - end);
  int error = 0;
  if (above) error = fill_padding(call, call->in[buffer], call->pitch, above, fault);
  if (!error && below)
    error = fill_padding(call, call->in[buffer] + (count - below) * call->pitch, call->pitch, below,
                         fault);
  if (error) return error;
  const struct dma_copy copy = {
      .dst = call->in[buffer] + (uint32_t)(first - top) * call->pitch + c->pad * c->in_channels,
      .dst_stride = call->pitch,
      .src = c->input + (uint32_t)first * row_bytes,
      .src_stride = row_bytes,
      .width = row_bytes,
      .height = (uint32_t)(end - first)};
  return dma_submit(&call->te->dma, &copy, fault);
}

static int compute(void* ctx, uint32_t s, uint32_t buffer, struct engine_fault* fault) {
  const struct conv_call* call = ctx;
  const struct conv_args* c = call->c;
  struct range rows = block_rows(call, s);
  uint32_t nc = call->channels.end - call->channels.begin;
  uint32_t k = c->kernel_w * c->in_channels;
  mxu_gemm_desc_t desc = {
      .a_addr = call->in[buffer],
      .b_addr = call->weights,
      .c_addr = call->acc[s & 1],
      .m = (rows.end - rows.begin) * call->out_width,
      .n = nc,
      .k = k,
      .a_row_stride = c->stride * c->in_channels,
      .b_row_stride = nc,
      .c_row_stride = 4 * nc,
      .a_group_rows = call->out_width,
      .a_group_stride = c->stride * call->pitch,
      .zero_points = MXU_ZERO_POINTS(c->quant.a_zero_point, c->quant.b_zero_point),
      .b_zp_addr = call->tables.zero_points};
  for (uint32_t ky = 0; ky < c->kernel_h; ky++) {
    desc.control = kernel_mxu_flags(&c->quant) | (ky ? MXU_FLAG_ACCUMULATE : 0);
    int error = mxu_gemm(&call->te->mxu, &desc, fault);
    if (error) return error;
    desc.a_addr += call->pitch;
    desc.b_addr += k * nc;
  }
  return 0;
}

static int store(void* ctx, uint32_t s, uint32_t buffer, struct engine_fault* fault) {
  const struct conv_call* call = ctx;
  const struct conv_args* c = call->c;
  struct range rows = block_rows(call, s);
  uint32_t elem = kernel_out_bytes(&c->requant);
  const struct output_block block = {
      .results = call->acc[buffer],
      .rows = (rows.end - rows.begin) * call->out_width,
      .cols = call->channels.end - call->channels.begin,
      .params = call->tables.params,
      .dst = c->output +
             (rows.begin * call->out_width * c->out_channels + call->channels.begin) * elem,
      .dst_stride = c->out_channels * elem,
      .buffer = buffer};
  return output_store(&call->out, &block, fault);
}

/* Queues the DMA of the chunk's weights and per-channel tables (the pipeline's first wait
 * covers it; the previous chunk's pipeline has drained). */
static int load_chunk(const struct conv_call* call, struct engine_fault* fault) {
  const struct conv_args* c = call->c;
  uint32_t first = call->channels.begin, nc = call->channels.end - first;
  const struct dma_copy weights = {.dst = call->weights,
                                   .dst_stride = nc,
                                   .src = c->weights + first,
                                   .src_stride = c->out_channels,
                                   .width = nc,
                                   .height = c->kernel_h * c->kernel_w * c->in_channels};
  int error = dma_submit(&call->te->dma, &weights, fault);
  return error ? error : column_tables_load(&call->tables, &call->te->dma, first, nc, fault);
}

static int args_valid(const struct conv_args* c) {
  return c->height && c->width && c->in_channels && c->out_channels && c->kernel_h && c->kernel_w &&
         c->stride && c->height + 2 * c->pad >= c->kernel_h &&
         c->width + 2 * c->pad >= c->kernel_w && kernel_quant_valid(&c->quant) &&
         kernel_requant_valid(&c->requant);
}

int kernel_conv(const struct conv_args* c, const struct kernel_part* part,
                struct engine_fault* fault) {
  if (!args_valid(c) || part->rank >= part->ranks) return KERNEL_ERR_ARGS;
  struct tile_engines te;
  struct spad spad;
  uint32_t budget;
  if (kernel_open(&te, part, &spad, &budget)) return KERNEL_ERR_ARGS;

  struct conv_call call = {.c = c,
                           .te = &te,
                           .out_width = conv_out(c->width, c->kernel_w, c->stride, c->pad),
                           .pitch = (c->width + 2 * c->pad) * c->in_channels};
  struct conv_plan* p = &call.plan;
  p->rows = split(conv_out(c->height, c->kernel_h, c->stride, c->pad), part->ranks, part->rank);
  if (p->rows.begin == p->rows.end) return KERNEL_OK;
  if (!size_blocks(&call, budget)) return KERNEL_ERR_ARGS;

  uint32_t pixels = p->h * call.out_width;
  for (int i = 0; i < 2; i++) {
    call.in[i] = spad_take(&spad, input_rows(c, p->h) * call.pitch);
    call.acc[i] = spad_take(&spad, 4 * pixels * p->nc);
  }
  output_setup(&call.out, &te, &c->requant, &spad, pixels, p->nc);
  call.weights = spad_take(&spad, c->kernel_h * c->kernel_w * c->in_channels * p->nc);
  call.padding = spad_take(&spad, call.pitch);
  column_tables_setup(&call.tables, &c->quant, &c->requant, &spad, p->nc);

  const struct pipeline pipeline = {.te = &te,
                                    .steps = p->blocks,
                                    .load = load,
                                    .compute = compute,
                                    .store = store,
                                    .ctx = &call};
  int error = pad_columns(&call, fault);
  struct splitter chunks = splitter_make(c->out_channels, te.mxu_cols, p->chunks);
  for (uint32_t chunk = 0; chunk < p->chunks && !error; chunk++) {
    call.channels = splitter_part(&chunks, chunk);
    error = load_chunk(&call, fault);
    if (!error) error = pipeline_run(&pipeline, fault);
  }
  return kernel_finish(&te, error);
}
