/* The device runtime firmware (apps/devrt), which the host driver boots: the manager core
 * (hart 0) takes command lists from the host and dispatches their ops to the tile cores, which
 * run the kernels (ops.c has the table). tessera/abi/ has what the host sees of it; the
 * design is in docs/driver.md. */
#ifndef RUNTIME_RUNTIME_H
#define RUNTIME_RUNTIME_H

/* The manager's main loop, after starting the tiles and telling the host it is ready. */
_Noreturn void runtime_run(void);

#endif
