#include "kernels/gemm.h"

#include "drivers/dma.h"
#include "drivers/mxu.h"
#include "kernels/columns.h"
#include "kernels/kernel_setup.h"
#include "kernels/output.h"
#include "kernels/partition.h"
#include "kernels/pipeline.h"
#include "kernels/spad.h"

/* Row blocks a call's rows are split into at least (blocks of at least 2R rows, so that the
 * MXU's weight loads hide behind the rows streaming): enough steps for the input DMA and the
 * output stage to hide behind the MXU on the blocks in between. */
#define GEMM_MIN_BLOCKS 4u

/* One call's work: its region of C in chunks of up to nb columns (whole column tiles); each
 * chunk in row blocks of up to mb rows, each block in K chunks of up to kc (whole folds of the
 * array's R rows). With all of K at once (kchunks 1) the chunk's B stays in the scratchpad and
 * only A streams; else A and B stream together and the MXU accumulates the K chunks. */
struct gemm_plan {
  struct range rows, cols;
  uint32_t mb, nb, kc;
  uint32_t mblocks, nchunks, kchunks;
  struct splitter blocks, ks; /* the region's rows into blocks, K into chunks */
};

struct gemm_call {
  const struct gemm_args* g;
  struct tile_engines* te;
  struct gemm_plan plan;
  struct output_stage out;
  struct column_tables tables;
  struct range cols;         /* the current column chunk */
  uint32_t a[2], b[2], c[2]; /* scratchpad; b[0] alone holds a resident B */
};

static int b_resident(const struct gemm_plan* p) {
  return p->kchunks == 1;
}

/* The grid of regions over the ranks: the factorisation gm x gn that loads the fewest bytes
 * of A and B per call, M / gm * K + K * N / gn, with N cut in whole column tiles. */
static void choose_grid(const struct gemm_args* g, uint32_t unit, uint32_t ranks, uint32_t* gm,
                        uint32_t* gn) {
  uint32_t best = UINT32_MAX, units = div_up(g->n, unit);
  for (uint32_t d = 1; d <= ranks; d++) {
    if (ranks % d) continue;
    uint32_t cost = div_up(g->m, d) + min_u32(div_up(units, ranks / d) * unit, g->n);
    if (cost < best) {
      best = cost;
      *gm = d;
      *gn = ranks / d;
    }
  }
}

static uint32_t scratch_bytes(const struct gemm_args* g, uint32_t mb, uint32_t nb, uint32_t kc) {
  uint32_t b = spad_bytes(kc * nb) * (kc < g->k ? 2 : 1);
  return b + 2 * spad_bytes(mb * spad_bytes(kc)) + 2 * spad_bytes(4 * mb * nb) +
         output_scratch(&g->requant, mb, nb) + column_tables_scratch(&g->quant, &g->requant, nb);
}

/* The largest pieces that fit: all of K and all the region's columns if possible, shrinking
 * the row blocks first (down to R rows), then the column chunks (down to one tile), then K,
 * then the rows further. False if even one row, one tile, one fold does not fit. */
static int size_pieces(const struct gemm_args* g, const struct tile_engines* te, uint32_t budget,
                       struct gemm_plan* p) {
  uint32_t fold = te->mxu_rows, unit = te->mxu_cols;
  uint32_t mr = p->rows.end - p->rows.begin, nr = p->cols.end - p->cols.begin;
  uint32_t mb = min_u32(mr, max_u32(div_up(mr, GEMM_MIN_BLOCKS), 2 * fold));
  uint32_t nb = nr, kc = g->k;
  while (scratch_bytes(g, mb, nb, kc) > budget) {
    if (mb > fold)
      mb = div_up(mb, 2);
    else if (nb > unit)
      nb = round_up(div_up(nb, 2), unit);
    else if (kc > fold)
      kc = round_up(div_up(kc, 2), fold);
    else if (mb > 1)
      mb = div_up(mb, 2);
    else
      return 0;
  }
  p->mblocks = div_up(mr, mb);
  p->nchunks = div_up(div_up(nr, unit), div_up(nb, unit));
  p->kchunks = div_up(g->k, kc);
  p->mb = div_up(mr, p->mblocks);
  p->nb = nb;
  p->kc = kc;
  p->blocks = splitter_make(mr, 1, p->mblocks);
  p->ks = splitter_make(g->k, fold, p->kchunks);
  return 1;
}

/* Step s of a column chunk: row block s / kchunks, K chunk s % kchunks. */
struct gemm_step {
  uint32_t block;
  struct range rows, ks; /* absolute */
  int first, last;       /* K chunk of its block */
};

static struct gemm_step step_of(const struct gemm_call* call, uint32_t s) {
  const struct gemm_plan* p = &call->plan;
  /* All of K at once is the common case: no division then. */
  uint32_t block = p->kchunks == 1 ? s : s / p->kchunks, chunk = s - block * p->kchunks;
  struct range rows = splitter_part(&p->blocks, block);
  return (struct gemm_step){.block = block,
                            .rows = {p->rows.begin + rows.begin, p->rows.begin + rows.end},
                            .ks = splitter_part(&p->ks, chunk),
                            .first = chunk == 0,
                            .last = chunk + 1 == p->kchunks};
}

/* B's rows ks, the chunk's columns, into the scratchpad at dst. */
static int load_b(const struct gemm_call* call, struct range ks, uint32_t dst,
                  struct engine_fault* fault) {
  const struct gemm_args* g = call->g;
  uint32_t n = call->cols.end - call->cols.begin;
  const struct dma_copy b = {.dst = dst,
                             .dst_stride = n,
                             .src = g->b + ks.begin * g->ldb + call->cols.begin,
                             .src_stride = g->ldb,
                             .width = n,
                             .height = ks.end - ks.begin};
  return dma_submit(&call->te->dma, &b, fault);
}

static int load(void* ctx, uint32_t s, uint32_t buffer, struct engine_fault* fault) {
  const struct gemm_call* call = ctx;
  const struct gemm_args* g = call->g;
  struct gemm_step st = step_of(call, s);
  uint32_t k = st.ks.end - st.ks.begin;
  /* Each A row starts on a bank row: the MXU reads a fold's slice of it in one access. */
  const struct dma_copy a = {.dst = call->a[buffer],
                             .dst_stride = spad_bytes(k),
                             .src = g->a + st.rows.begin * g->lda + st.ks.begin,
                             .src_stride = g->lda,
                             .width = k,
                             .height = st.rows.end - st.rows.begin};
  int error = dma_submit(&call->te->dma, &a, fault);
  if (error || b_resident(&call->plan)) return error;
  return load_b(call, st.ks, call->b[buffer], fault);
}

static int compute(void* ctx, uint32_t s, uint32_t buffer, struct engine_fault* fault) {
  const struct gemm_call* call = ctx;
  const struct kernel_quant* q = &call->g->quant;
  struct gemm_step st = step_of(call, s);
  uint32_t k = st.ks.end - st.ks.begin, n = call->cols.end - call->cols.begin;
  const mxu_gemm_desc_t desc = {
      .control = kernel_mxu_flags(q) | (st.first ? 0 : MXU_FLAG_ACCUMULATE),
      .a_addr = call->a[buffer],
      .b_addr = call->b[b_resident(&call->plan) ? 0 : buffer],
      .c_addr = call->c[st.block & 1],
      .m = st.rows.end - st.rows.begin,
      .n = n,
      .k = k,
      .a_row_stride = spad_bytes(k),
      .b_row_stride = n,
      .c_row_stride = 4 * n,
      .zero_points = MXU_ZERO_POINTS(q->a_zero_point, q->b_zero_point),
      .b_zp_addr = call->tables.zero_points};
  return mxu_gemm(&call->te->mxu, &desc, fault);
}

static int store(void* ctx, uint32_t s, uint32_t buffer, struct engine_fault* fault) {
  (void)buffer; /* results alternate by row block, not by step */
  const struct gemm_call* call = ctx;
  const struct gemm_args* g = call->g;
  struct gemm_step st = step_of(call, s);
  if (!st.last) return 0;
  const struct output_block block = {
      .results = call->c[st.block & 1],
      .rows = st.rows.end - st.rows.begin,
      .cols = call->cols.end - call->cols.begin,
      .params = call->tables.params,
      .dst = g->c + st.rows.begin * g->ldc + call->cols.begin * kernel_out_bytes(&g->requant),
      .dst_stride = g->ldc,
      .buffer = st.block & 1};
  return output_store(&call->out, &block, fault);
}

/* Queues the DMA of what the column chunk keeps in the scratchpad: its tables, and its B when
 * resident (the pipeline's first wait covers them; the previous chunk's pipeline drained). */
static int load_chunk(const struct gemm_call* call, struct engine_fault* fault) {
  uint32_t first = call->cols.begin, n = call->cols.end - first;
  int error = column_tables_load(&call->tables, &call->te->dma, first, n, fault);
  if (error || !b_resident(&call->plan)) return error;
  return load_b(call, (struct range){0, call->g->k}, call->b[0], fault);
}

static int args_valid(const struct gemm_args* g) {
  return g->m && g->n && g->k && g->lda >= g->k && g->ldb >= g->n &&
         g->ldc >= g->n * kernel_out_bytes(&g->requant) && kernel_quant_valid(&g->quant) &&
         kernel_requant_valid(&g->requant);
}

int kernel_gemm(const struct gemm_args* g, const struct kernel_part* part,
                struct engine_fault* fault) {
  if (!args_valid(g) || part->rank >= part->ranks) return KERNEL_ERR_ARGS;
  struct tile_engines te;
  struct spad spad;
  uint32_t budget;
  if (kernel_open(&te, part, &spad, &budget)) return KERNEL_ERR_ARGS;

  struct gemm_call call = {.g = g, .te = &te};
  struct gemm_plan* p = &call.plan;
  uint32_t gm = 1, gn = 1;
  choose_grid(g, te.mxu_cols, part->ranks, &gm, &gn);
  p->rows = split(g->m, gm, part->rank / gn);
  struct splitter regions = splitter_make(g->n, te.mxu_cols, gn);
  p->cols = splitter_part(&regions, part->rank % gn);
  if (p->rows.begin == p->rows.end || p->cols.begin == p->cols.end) return KERNEL_OK;
  if (!size_pieces(g, &te, budget, p)) return KERNEL_ERR_ARGS;

  int resident = b_resident(p);
  for (int i = 0; i < 2; i++) {
    call.a[i] = spad_take(&spad, p->mb * spad_bytes(p->kc));
    call.c[i] = spad_take(&spad, 4 * p->mb * p->nb);
    call.b[i] = i && resident ? 0 : spad_take(&spad, p->kc * p->nb);
  }
  output_setup(&call.out, &te, &g->requant, &spad, p->mb, p->nb);
  column_tables_setup(&call.tables, &g->quant, &g->requant, &spad, p->nb);

  const struct pipeline pipeline = {.te = &te,
                                    .steps = p->mblocks * p->kchunks,
                                    .load = load,
                                    .compute = compute,
                                    .store = store,
                                    .ctx = &call};
  struct splitter chunks = splitter_make(p->cols.end - p->cols.begin, te.mxu_cols, p->nchunks);
  int error = 0;
  for (uint32_t chunk = 0; chunk < p->nchunks && !error; chunk++) {
    struct range cols = splitter_part(&chunks, chunk);
    call.cols = (struct range){p->cols.begin + cols.begin, p->cols.begin + cols.end};
    error = load_chunk(&call, fault);
    if (!error) error = pipeline_run(&pipeline, fault);
  }
  return kernel_finish(&te, error);
}
