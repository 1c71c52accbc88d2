/* The programming model the tile's engines share (tessera/hw/engine_regs.h): a register
 * window, a ring of descriptors, completion counted by ENGINE_COMPLETED, errors that stop the
 * engine. mxu.h, vpu.h and dma.h build on it; tile_engines.h opens a tile's three at once.
 *
 * Submitting copies a descriptor into the ring and rings the doorbell; it returns nothing to
 * wait on, but the engine's `submitted` count is then the ticket of that descriptor: it has
 * completed once ENGINE_COMPLETED has reached it (both count slots and wrap together).
 * Waiting polls, or sleeps in wfi until the engine's PLIC source interrupts the waiting hart
 * (ENGINE_WAIT_IRQ): no trap handler is involved, the waiting hart claims and completes the
 * source itself with interrupts masked, so the driver needs no global state and works on any
 * hart that can reach the engine (the tile's own, or the manager).
 *
 * Any hart may drive any tile's engines, but one engine has one driver at a time: the struct
 * engine holds the ring's software state. */
#ifndef DRIVERS_ENGINE_H
#define DRIVERS_ENGINE_H

#include <stdint.h>

#include "tessera/hw/engine_regs.h"

enum engine_wait {
  ENGINE_WAIT_POLL, /* spin on the registers */
  ENGINE_WAIT_IRQ,  /* sleep in wfi until the engine's PLIC source fires */
};

/* Why an engine stopped: its ENGINE_ERROR_* registers (code ENGINE_ERR_*). Four words, to
 * travel in a command's status detail. */
struct engine_fault {
  uint32_t engine_id; /* ENGINE_ID_MXU, _VPU or _DMA */
  uint32_t code;
  uint32_t descriptor; /* the failing descriptor's address */
  uint32_t address;    /* the operand at fault, for ENGINE_ERR_ADDRESS */
};

struct engine {
  uintptr_t regs;   /* the register window */
  uint32_t id;      /* ENGINE_ID_* */
  uint32_t ring;    /* the ring's global address */
  uint32_t entries; /* slots in the ring */
  uint32_t desc_bytes;
  uint32_t tail;      /* the slot the next descriptor goes to */
  uint32_t submitted; /* ticket of the last descriptor submitted */
  uint32_t plic_source;
  enum engine_wait wait;
};

/* The ring a driver needs for `entries` descriptors of `desc_bytes`. */
static inline uint32_t engine_ring_bytes(uint32_t entries, uint32_t desc_bytes) {
  return entries * desc_bytes;
}

/* Takes over the engine at `regs`: checks its ENGINE_ID is `id`, waits until whatever was
 * queued before (by an abandoned job, say) has run, clears a pending error, and points the
 * engine at the ring (at least 2 entries: it holds entries - 1). 0, or -1 when no such engine
 * answers there or the ring is too small. The hart that opens it is the one that waits. */
int engine_open(struct engine* e, uintptr_t regs, uint32_t id, uint32_t ring, uint32_t entries,
                uint32_t desc_bytes, uint32_t plic_source, enum engine_wait wait);

/* Queues one descriptor (desc_bytes of them, a control word first), waiting for a free slot.
 * With ENGINE_WAIT_IRQ it asks for the completion interrupt (ENGINE_DESC_INTERRUPT). Returns
 * 0, or the ENGINE_ERR_* code (and the fault, if asked) when the engine has stopped on an
 * error and no slot will free up. */
int engine_submit(struct engine* e, const void* desc, struct engine_fault* fault);

/* Waits until the descriptor with `ticket` (a value of e->submitted) has completed: 0, or the
 * ENGINE_ERR_* code of an error that stopped the engine first, described in *fault if asked. */
int engine_wait(struct engine* e, uint32_t ticket, struct engine_fault* fault);

/* Waits for everything submitted so far. */
static inline int engine_drain(struct engine* e, struct engine_fault* fault) {
  return engine_wait(e, e->submitted, fault);
}

/* Clears a stopped engine's error, which drops what was still queued behind it: the engine
 * then takes descriptors again. */
void engine_clear_error(struct engine* e);

/* Waits until the engine has run what was queued or stopped on an error, then clears the
 * error: afterwards nothing runs, and the engine takes descriptors. */
void engine_quiesce(struct engine* e);

/* A 64-bit statistics counter at `offset` in the register window at `regs`. */
uint64_t engine_read_counter(uintptr_t regs, uint32_t offset);

/* Zeroes every statistics counter of the engine at `regs`. */
void engine_clear_stats(uintptr_t regs);

#endif
