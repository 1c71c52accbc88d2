#include "fw/trap.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "fw/csr.h"

/* Standard causes are below 16; 16..31 leaves room for platform-defined ones. */
#define TRAP_CODES 32u

static trap_handler exception_handlers[TRAP_CODES];
static trap_handler interrupt_handlers[TRAP_CODES];

static trap_handler* handler_slot(uint32_t mcause) {
  uint32_t code = mcause & ~MCAUSE_INTERRUPT;
  if (code >= TRAP_CODES) return NULL;
  return (mcause & MCAUSE_INTERRUPT) ? &interrupt_handlers[code] : &exception_handlers[code];
}

void trap_set_handler(uint32_t mcause, trap_handler handler) {
  trap_handler* slot = handler_slot(mcause);
  if (slot == NULL) {
    printf("trap_set_handler: no slot for mcause 0x%08" PRIx32 "\n", mcause);
    exit(TRAP_EXIT_UNEXPECTED);
  }
  *slot = handler;
}

void trap_unexpected(const struct trap_frame* frame) {
  printf("unexpected trap: mcause=0x%08" PRIx32 " mepc=0x%08" PRIx32 " mtval=0x%08" PRIx32 "\n",
         frame->mcause, frame->mepc, frame->mtval);
  exit(TRAP_EXIT_UNEXPECTED);
}

/* Called by trap_entry. */
void trap_dispatch(struct trap_frame* frame) {
  trap_handler* slot = handler_slot(frame->mcause);
  if (slot == NULL || *slot == NULL) trap_unexpected(frame);
  (*slot)(frame);
}
