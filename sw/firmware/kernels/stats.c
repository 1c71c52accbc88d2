#include "kernels/stats.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "drivers/tile_engines.h"

void kernel_stats_clear(uint32_t tiles) {
  for (uint32_t t = 0; t < tiles; t++) tile_engines_clear_stats(t);
}

static void add_mxu(struct mxu_stats* sum, const struct mxu_stats* s) {
  sum->busy_cycles += s->busy_cycles;
  sum->macs += s->macs;
  sum->compute_cycles += s->compute_cycles;
  sum->load_cycles += s->load_cycles;
  sum->fill_drain_cycles += s->fill_drain_cycles;
  sum->stall_weights += s->stall_weights;
  sum->stall_operands += s->stall_operands;
  sum->stall_output += s->stall_output;
}

static void add_vpu(struct vpu_stats* sum, const struct vpu_stats* s) {
  sum->busy_cycles += s->busy_cycles;
  sum->elements += s->elements;
  sum->compute_cycles += s->compute_cycles;
  sum->stall_cycles += s->stall_cycles;
}

static void add_dma(struct dma_stats* sum, const struct dma_stats* s) {
  sum->busy_cycles += s->busy_cycles;
  sum->bytes += s->bytes;
  sum->bursts += s->bursts;
  sum->descriptors += s->descriptors;
}

void kernel_stats_collect(struct kernel_stats* stats, uint32_t tiles, uint64_t cycles) {
  memset(stats, 0, sizeof *stats);
  stats->tiles = tiles;
  stats->mxu_rows = mxu_rows(0);
  stats->mxu_cols = mxu_cols(0);
  stats->cycles = cycles;
  for (uint32_t t = 0; t < tiles; t++) {
    struct mxu_stats mxu;
    struct vpu_stats vpu;
    struct dma_stats dma;
    mxu_read_stats(t, &mxu);
    vpu_read_stats(t, &vpu);
    dma_read_stats(t, &dma);
    add_mxu(&stats->mxu, &mxu);
    add_vpu(&stats->vpu, &vpu);
    add_dma(&stats->dma, &dma);
  }
}

static uint32_t ppm(uint64_t macs, uint64_t cycles, const struct kernel_stats* s) {
  uint64_t peak = cycles * s->mxu_rows * s->mxu_cols;
  return peak ? (uint32_t)(macs * 1000000u / peak) : 0;
}

uint32_t kernel_stats_utilization_ppm(const struct kernel_stats* s) {
  return ppm(s->mxu.macs, s->cycles * s->tiles, s);
}

uint32_t kernel_stats_busy_utilization_ppm(const struct kernel_stats* s) {
  return ppm(s->mxu.macs, s->mxu.busy_cycles, s);
}

/* Parts per million as a percentage with two decimals. */
static void print_percent(const char* label, uint32_t ppm) {
  printf(" %s %" PRIu32 ".%02" PRIu32 "%%", label, ppm / 10000, ppm / 100 % 100);
}

void kernel_stats_print(const char* name, const struct kernel_stats* s) {
  printf("%s: %" PRIu32 " tiles %" PRIu32 "x%" PRIu32 ": cycles %llu MACs %llu", name, s->tiles,
         s->mxu_rows, s->mxu_cols, (unsigned long long)s->cycles, (unsigned long long)s->mxu.macs);
  print_percent("utilization", kernel_stats_utilization_ppm(s));
  print_percent("mxu-busy", kernel_stats_busy_utilization_ppm(s));
  printf(" dma-bytes %llu vpu-elements %llu\n", (unsigned long long)s->dma.bytes,
         (unsigned long long)s->vpu.elements);
  const struct mxu_stats* m = &s->mxu;
  printf(
      "%s: mxu cycles over tiles: busy %llu compute %llu load %llu fill-drain %llu stalls: "
      "weights %llu operands %llu output %llu\n",
      name, (unsigned long long)m->busy_cycles, (unsigned long long)m->compute_cycles,
      (unsigned long long)m->load_cycles, (unsigned long long)m->fill_drain_cycles,
      (unsigned long long)m->stall_weights, (unsigned long long)m->stall_operands,
      (unsigned long long)m->stall_output);
}
