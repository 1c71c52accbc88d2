#include "drivers/engine.h"

#include "fw/atomic.h"
#include "fw/csr.h"
#include "fw/irq.h"
#include "fw/mmio.h"
#include "fw/plic.h"
#include "fw/smp.h"
#include "tessera/hw/memory_map.h"

static uint32_t reg_read(const struct engine* e, uint32_t offset) {
  return mmio_read32(e->regs + offset);
}

static void reg_write(const struct engine* e, uint32_t offset, uint32_t value) {
  mmio_write32(e->regs + offset, value);
}

/* Tickets and ENGINE_COMPLETED wrap together: compare their distance, not their values. */
static int reached(const struct engine* e, uint32_t ticket) {
  return (int32_t)(reg_read(e, ENGINE_COMPLETED) - ticket) >= 0;
}

static int fault_of(const struct engine* e, struct engine_fault* fault) {
  uint32_t code = reg_read(e, ENGINE_ERROR_CODE);
  if (fault) {
    fault->engine_id = e->id;
    fault->code = code;
    fault->descriptor = reg_read(e, ENGINE_ERROR_DESC);
    fault->address = reg_read(e, ENGINE_ERROR_ADDR);
  }
  return (int)code;
}

/* Whether the ticket has completed (1), or an error stopped the engine before it (-1), or
 * neither yet (0). The error is looked at second and the count again after it: a ticket that
 * completed just before the engine stopped still counts as done. */
static int progress(const struct engine* e, uint32_t ticket) {
  if (reached(e, ticket)) return 1;
  if (!(reg_read(e, ENGINE_STATUS) & ENGINE_STATUS_ERROR)) return 0;
  return reached(e, ticket) ? 1 : -1;
}

/* Sources are numbered per tile and unit (plic_regs.h); the units' windows, in that order. */
static const uint32_t unit_offsets[PLIC_TILE_UNITS] = {
    TESSERA_TILE_MXU_OFFSET, TESSERA_TILE_VPU_OFFSET, TESSERA_TILE_DMA_OFFSET};

/* Takes the source interrupting this hart's context, if any. An engine's is acknowledged by
 * clearing its DONE first, so that its line is low when the source completes. One source per
 * wake-up: a line that stays high (an engine's ERROR, which is the caller's to clear, or another
 * block's source) pends again at once, and claiming it in a loop would never end; the wait loop
 * looks at its engine between claims instead. */
static void acknowledge_source(uint32_t context) {
  uint32_t source = plic_claim(context);
  if (source == 0) return;
  if (source >= PLIC_SOURCE_TILE(0, 0)) {
    uint32_t index = source - PLIC_SOURCE_TILE(0, 0);
    uintptr_t regs =
        TESSERA_TILE_ADDR(index / PLIC_TILE_UNITS) + unit_offsets[index % PLIC_TILE_UNITS];
    mmio_write32(regs + ENGINE_STATUS, ENGINE_STATUS_DONE);
  }
  plic_complete(context, source);
}

/* Sleeps with interrupts masked: wfi still wakes on the pending external interrupt, which is
 * then claimed here rather than trapped, so no handler is needed. MEIE is set only around the
 * wfi, and interrupts are unmasked briefly after each wake-up: a software interrupt (the
 * runtime's request to abandon a job) is taken there, and never finds MEIE set. */
static int wait_irq(const struct engine* e, uint32_t ticket) {
  uint32_t context = smp_hart_id();
  uint32_t saved = irq_save();
  int state;
  while ((state = progress(e, ticket)) == 0) {
    csr_set(mie, MIE_MEIE);
    wfi();
    csr_clear(mie, MIE_MEIE);
    acknowledge_source(context);
    irq_restore(saved);
    saved = irq_save();
  }
  irq_restore(saved);
  return state;
}

static int wait_poll(const struct engine* e, uint32_t ticket) {
  int state;
  while ((state = progress(e, ticket)) == 0) cpu_relax();
  return state;
}

int engine_wait(struct engine* e, uint32_t ticket, struct engine_fault* fault) {
  int state = e->wait == ENGINE_WAIT_IRQ ? wait_irq(e, ticket) : wait_poll(e, ticket);
  if (state < 0) return fault_of(e, fault);
  /* What the engine wrote is read only after its completion was seen. */
  __asm__ volatile("fence i, r" ::: "memory");
  return 0;
}

int engine_open(struct engine* e, uintptr_t regs, uint32_t id, uint32_t ring, uint32_t entries,
                uint32_t desc_bytes, uint32_t plic_source, enum engine_wait wait) {
  *e = (struct engine){.regs = regs,
                       .id = id,
                       .ring = ring,
                       .entries = entries,
                       .desc_bytes = desc_bytes,
                       .plic_source = plic_source,
                       .wait = wait};
  if (entries < 2 || reg_read(e, ENGINE_ID) != id) return -1;
  engine_quiesce(e); /* the ring moves only while the engine is idle */
  if (reg_read(e, ENGINE_QUEUE_BASE) != ring || reg_read(e, ENGINE_QUEUE_ENTRIES) != entries) {
    reg_write(e, ENGINE_QUEUE_BASE, ring);
    reg_write(e, ENGINE_QUEUE_ENTRIES, entries);
  }
  e->tail = reg_read(e, ENGINE_QUEUE_TAIL);
  e->submitted = reg_read(e, ENGINE_COMPLETED);

  uint32_t context = smp_hart_id();
  int irq = wait == ENGINE_WAIT_IRQ;
  reg_write(e, ENGINE_IRQ_ENABLE, irq ? ENGINE_STATUS_DONE | ENGINE_STATUS_ERROR : 0);
  /* The highest priority: the source then wakes the hart whatever its context's threshold. */
  if (irq) plic_set_priority(plic_source, PLIC_MAX_PRIORITY);
  plic_set_enabled(context, plic_source, irq);
  return 0;
}

int engine_submit(struct engine* e, const void* desc, struct engine_fault* fault) {
  /* The ring holds entries - 1 descriptors: wait for the oldest to leave when it is full. */
  uint32_t queued = e->submitted - reg_read(e, ENGINE_COMPLETED);
  if (queued >= e->entries - 1) {
    int error = engine_wait(e, e->submitted - (e->entries - 2), fault);
    if (error) return error;
  }
  const uint32_t* words = desc;
  volatile uint32_t* slot = (volatile uint32_t*)(uintptr_t)(e->ring + e->tail * e->desc_bytes);
  uint32_t interrupt = e->wait == ENGINE_WAIT_IRQ ? ENGINE_DESC_INTERRUPT : 0;
  slot[0] = words[0] | interrupt;
  for (uint32_t i = 1; i < e->desc_bytes / 4; i++) slot[i] = words[i];
  e->tail = (e->tail + 1) % e->entries;
  e->submitted++;
  /* The descriptor is in memory before the engine hears of it. */
  __asm__ volatile("fence w, o" ::: "memory");
  reg_write(e, ENGINE_QUEUE_TAIL, e->tail);
  return 0;
}

void engine_quiesce(struct engine* e) {
  /* An error stops the engine, and BUSY clears then too. */
  while (reg_read(e, ENGINE_STATUS) & ENGINE_STATUS_BUSY) cpu_relax();
  engine_clear_error(e);
}

void engine_clear_error(struct engine* e) {
  reg_write(e, ENGINE_STATUS, ENGINE_STATUS_DONE | ENGINE_STATUS_ERROR);
  /* The dropped slots never complete: HEAD jumped to TAIL, COMPLETED stayed. */
  e->tail = reg_read(e, ENGINE_QUEUE_TAIL);
  e->submitted = reg_read(e, ENGINE_COMPLETED);
}

uint64_t engine_read_counter(uintptr_t regs, uint32_t offset) {
  /* Counters change only when a descriptor completes, and then the low half changes too. */
  uint32_t lo, hi;
  do {
    lo = mmio_read32(regs + offset);
    hi = mmio_read32(regs + offset + 4);
  } while (lo != mmio_read32(regs + offset));
  return (uint64_t)hi << 32 | lo;
}

void engine_clear_stats(uintptr_t regs) {
  mmio_write32(regs + ENGINE_STATS_CLEAR, 1);
}
