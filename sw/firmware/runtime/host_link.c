#include "host_link.h"

#include "fw/atomic.h"
#include "fw/mmio.h"
#include "fw/plic.h"
#include "tessera/abi/host_protocol.h"
#include "tessera/hw/hostif_regs.h"
#include "tessera/hw/memory_map.h"
#include "tessera/hw/plic_regs.h"

/* The host writes `lists` and `tail` through its window into device memory. */
static volatile struct tsr_queue queue;
static uint32_t control_handled; /* the host's sequence numbers start at 1 */

static uint32_t hostif_read(uint32_t reg) {
  return mmio_read32(TESSERA_HOSTIF_BASE + reg);
}
static void hostif_write(uint32_t reg, uint32_t value) {
  mmio_write32(TESSERA_HOSTIF_BASE + reg, value);
}

void host_link_init(void) {
  plic_set_priority(PLIC_SOURCE_HOST, 1);
  plic_set_threshold(0, 0);
  plic_set_enabled(0, PLIC_SOURCE_HOST, true);
}

void host_link_ready(uint32_t tiles_online) {
  hostif_write(HOSTIF_REPLY(TSR_REPLY_ABI), TSR_ABI_VERSION);
  hostif_write(HOSTIF_REPLY(TSR_REPLY_QUEUE), (uint32_t)(uintptr_t)&queue);
  hostif_write(HOSTIF_REPLY(TSR_REPLY_TILES), tiles_online);
  hostif_write(HOSTIF_REPLY(TSR_REPLY_MAGIC), TSR_READY_MAGIC);
  host_link_msi(TSR_MSI_READY, 0);
}

void host_link_ack_doorbell(void) {
  /* Claim, drop the line, complete: the source is then pending again only for a new ring. */
  uint32_t source = plic_claim(0);
  if (source == 0) return;
  hostif_write(HOSTIF_IRQ_STATUS, 1);
  plic_complete(0, source);
}

bool host_link_take(uint32_t* list_addr) {
  uint32_t head = queue.head;
  if (head == queue.tail) return false;
  fence_acquire(); /* the slot as the host wrote it before the tail */
  *list_addr = queue.lists[head % TSR_QUEUE_ENTRIES];
  queue.head = head + 1;
  return true;
}

bool host_link_control(uint32_t* seq, uint32_t* code) {
  *seq = hostif_read(HOSTIF_MAILBOX(TSR_MAILBOX_SEQ));
  if (*seq == control_handled) return false;
  *code = hostif_read(HOSTIF_MAILBOX(TSR_MAILBOX_CODE));
  return true;
}

void host_link_control_done(uint32_t seq, uint32_t result, uint32_t tiles_online) {
  control_handled = seq;
  hostif_write(HOSTIF_REPLY(TSR_REPLY_CONTROL_RESULT), result);
  hostif_write(HOSTIF_REPLY(TSR_REPLY_TILES), tiles_online);
  hostif_write(HOSTIF_REPLY(TSR_REPLY_CONTROL_SEQ), seq);
  host_link_msi(TSR_MSI_CONTROL_DONE, seq);
}

void host_link_msi(uint32_t kind, uint32_t id) {
  __asm__ volatile("fence w, o" ::: "memory");
  hostif_write(HOSTIF_MSI, TSR_MSI(kind, id));
}
