/* The manager's side of tessera/abi/host_protocol.h: the doorbell, the submission queue,
 * control requests, reply words and MSIs. */
#ifndef RUNTIME_HOST_LINK_H
#define RUNTIME_HOST_LINK_H

#include <stdbool.h>
#include <stdint.h>

/* Routes the doorbell to the manager through the PLIC. */
void host_link_init(void);
/* Tells the host the runtime is up (reply words, then TSR_MSI_READY). */
void host_link_ready(uint32_t tiles_online);
/* Acknowledges the doorbells rung so far: call before looking at the queue and the mailbox. */
void host_link_ack_doorbell(void);
/* Takes the next command list the host queued: its device address. False if none. */
bool host_link_take(uint32_t* list_addr);
/* A control request not handled yet: its sequence number and code. False if none. */
bool host_link_control(uint32_t* seq, uint32_t* code);
void host_link_control_done(uint32_t seq, uint32_t result, uint32_t tiles_online);
/* Raises an MSI; everything the manager wrote before reaches memory first. */
void host_link_msi(uint32_t kind, uint32_t id);

#endif
