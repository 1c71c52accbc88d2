/* Runs the command lists the host queues: one list at a time, its ops in order, each op on the
 * manager or dispatched to its tiles; writes the list's status record with an op record per
 * op run, and raises TSR_MSI_LIST_DONE. */
#ifndef RUNTIME_LISTS_H
#define RUNTIME_LISTS_H

#include <stdint.h>

void lists_init(uint32_t tiles_online);
/* Starts queued lists and advances the running one as far as it can without waiting. */
void lists_poll(void);
/* Abandons the running list and every queued one (a reset); tiles that do not give up their
 * job in time go offline. Returns the tiles still online. */
uint32_t lists_abandon(void);
uint32_t lists_tiles_online(void);

#endif
