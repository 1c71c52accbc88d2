#include "basic_kernels.h"

#include <stdbool.h>
#include <string.h>

#include "fw/atomic.h"
#include "fw/mmio.h"
#include "fw/sysctrl.h"
#include "tessera/hw/memory_map.h"

/* Bytes COPY stages through the scratchpad at a time (less if the scratchpad is smaller). */
#define COPY_CHUNK 16384u

static void* ptr(uint32_t device_address) {
  return (void*)(uintptr_t)device_address;
}

/* The job's share of `units`: contiguous, and the shares differ by at most one unit. */
static void share(const struct tile_job* job, uint32_t units, uint32_t* begin, uint32_t* end) {
  uint32_t base = units / job->ranks, extra = units % job->ranks;
  *begin = job->rank * base + (job->rank < extra ? job->rank : extra);
  *end = *begin + base + (job->rank < extra ? 1u : 0u);
}

static bool whole_words(const struct tsr_operand* operand) {
  return operand->bytes != 0 && operand->addr % 4 == 0 && operand->bytes % 4 == 0;
}

uint32_t kernel_copy(const struct tile_job* job) {
  const struct tsr_operand* dst = &job->command->operands[0];
  const struct tsr_operand* src = &job->command->operands[1];
  if (dst->bytes == 0 || dst->bytes != src->bytes) return TSR_ERR_INVALID_COMMAND;
  uint32_t sram = sysctrl_read(SYSCTRL_SRAM_BYTES);
  uint32_t chunk = sram < COPY_CHUNK ? sram : COPY_CHUNK;
  uint8_t* stage = ptr(TESSERA_TILE_ADDR(job->tile));
  uint32_t begin, end;
  share(job, (dst->bytes + chunk - 1) / chunk, &begin, &end);
  for (uint32_t c = begin; c < end; c++) {
    uint32_t offset = c * chunk;
    uint32_t n = dst->bytes - offset < chunk ? dst->bytes - offset : chunk;
    memcpy(stage, (const uint8_t*)ptr(src->addr) + offset, n);
    memcpy((uint8_t*)ptr(dst->addr) + offset, stage, n);
  }
  return TSR_OK;
}

uint32_t kernel_fill(const struct tile_job* job) {
  const struct tsr_operand* dst = &job->command->operands[0];
  if (!whole_words(dst)) return TSR_ERR_INVALID_COMMAND;
  uint32_t* out = ptr(dst->addr);
  uint32_t value = job->command->params[0], begin, end;
  share(job, dst->bytes / 4, &begin, &end);
  for (uint32_t i = begin; i < end; i++) out[i] = value;
  return TSR_OK;
}

uint32_t kernel_add_i32(const struct tile_job* job) {
  const struct tsr_operand* ops = job->command->operands;
  if (!whole_words(&ops[0]) || !whole_words(&ops[1]) || !whole_words(&ops[2]) ||
      ops[1].bytes != ops[0].bytes || ops[2].bytes != ops[0].bytes)
    return TSR_ERR_INVALID_COMMAND;
  uint32_t* out = ptr(ops[0].addr);
  const uint32_t* a = ptr(ops[1].addr);
  const uint32_t* b = ptr(ops[2].addr);
  uint32_t begin, end;
  share(job, ops[0].bytes / 4, &begin, &end);
  /* Unsigned: int32 addition that wraps, without signed overflow. */
  for (uint32_t i = begin; i < end; i++) out[i] = a[i] + b[i];
  return TSR_OK;
}

uint32_t kernel_hang(const struct tile_job* job) {
  (void)job;
  for (;;) cpu_relax();
}

uint32_t kernel_fault(const struct tile_job* job) {
  (void)job;
  (void)mmio_read32(TESSERA_UNMAPPED_BASE);
  return TSR_OK;
}
