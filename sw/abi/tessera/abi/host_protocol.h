/* How the host driver and the runtime firmware talk through the host interface
 * (tessera/hw/hostif_regs.h): the boot handshake, the submission queue, control requests in
 * the mailbox, and what each MSI vector means.
 *
 * Boot: the firmware brings its tiles up, writes the TSR_REPLY_* words (TSR_REPLY_MAGIC last)
 * and raises TSR_MSI_READY.
 * Submitting a command list: the host writes the list's device address into
 * queue->lists[tail % TSR_QUEUE_ENTRIES], then tail + 1 into queue->tail, and rings the
 * doorbell. The firmware takes lists in order and raises TSR_MSI_LIST_DONE(list_id) once the
 * list's status record is complete. The host keeps at most TSR_QUEUE_ENTRIES lists unfinished,
 * so a slot is never overwritten before the firmware took it.
 * Control: the host writes TSR_MAILBOX_CODE, then a new TSR_MAILBOX_SEQ, and rings the
 * doorbell; the firmware answers in TSR_REPLY_CONTROL_* and raises TSR_MSI_CONTROL_DONE(seq). */
#ifndef TESSERA_ABI_HOST_PROTOCOL_H
#define TESSERA_ABI_HOST_PROTOCOL_H

#include <stdint.h>

#include "tessera/abi/commands.h"

/* Device DRAM from TESSERA_DRAM_BASE that the firmware keeps for itself (image, stacks, heap):
 * the driver allocates above it and refuses images that do not fit below. */
#define TSR_FIRMWARE_DRAM_BYTES 0x04000000u

/* Reply words (HOSTIF_REPLY(i)). */
#define TSR_REPLY_MAGIC 0           /* TSR_READY_MAGIC once the runtime is up */
#define TSR_REPLY_ABI 1             /* the firmware's TSR_ABI_VERSION */
#define TSR_REPLY_QUEUE 2           /* device address of its struct tsr_queue */
#define TSR_REPLY_TILES 3           /* mask of the tiles online */
#define TSR_REPLY_CONTROL_SEQ 4     /* the last control request handled */
#define TSR_REPLY_CONTROL_RESULT 5  /* its enum tsr_error */
#define TSR_READY_MAGIC 0x59444452u /* "RDDY" */

/* Mailbox words (HOSTIF_MAILBOX(i)). */
#define TSR_MAILBOX_SEQ 0  /* a value the firmware has not handled yet is a new request */
#define TSR_MAILBOX_CODE 1 /* enum tsr_control */

enum tsr_control {
  /* Abandons the list running (its tiles are interrupted; a tile that does not stop within a
   * millisecond of device time goes offline) and every list queued; each ends ABORTED. */
  TSR_CONTROL_RESET = 1,
};

#define TSR_QUEUE_ENTRIES 64u

struct tsr_queue {
  uint32_t head; /* firmware: lists taken so far */
  uint32_t tail; /* host: lists posted so far */
  uint32_t lists[TSR_QUEUE_ENTRIES];
};

/* MSI vectors: the kind in the top 4 bits, an id (list id, control sequence) below. */
enum tsr_msi_kind {
  TSR_MSI_READY = 1,
  TSR_MSI_LIST_DONE = 2,
  TSR_MSI_CONTROL_DONE = 3,
};
#define TSR_MSI_ID_MASK 0x0fffffffu
#define TSR_MSI(kind, id) (((uint32_t)(kind) << 28) | ((uint32_t)(id)&TSR_MSI_ID_MASK))
#define TSR_MSI_KIND(vector) ((uint32_t)(vector) >> 28)
#define TSR_MSI_ID(vector) ((uint32_t)(vector)&TSR_MSI_ID_MASK)

#endif
