/* The tile cores (tile t is hart 1 + t). Each waits in wfi for a job in its slot, runs the
 * op's kernel on its share and reports the outcome; the manager posts jobs, collects them,
 * and can abandon a job, which interrupts the tile's kernel wherever it is. A tile raises the
 * manager's msip whenever its state changes. */
#ifndef RUNTIME_TILES_H
#define RUNTIME_TILES_H

#include <stdbool.h>
#include <stdint.h>

#include "tessera/abi/commands.h"

/* Manager side. */

/* Installs the trap handlers, releases the tile harts and waits (boundedly) for them; returns
 * the mask of tiles that came up. */
uint32_t tiles_start(void);
/* The tiles the chip has (some may be beyond what the firmware can run). */
uint32_t tiles_in_chip(void);
void tile_post(uint32_t tile, const struct tsr_command* command, uint32_t rank, uint32_t ranks);
/* True once the tile has finished the last job posted to it; then *error and detail hold how
 * it ended (see enum tsr_error). */
bool tile_done(uint32_t tile, uint32_t* error, uint32_t detail[4]);
/* Asks the tile to abandon its job: it ends with TSR_ERR_ABORTED unless it finishes first. */
void tile_abandon(uint32_t tile);

#endif
