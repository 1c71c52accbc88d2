#include "lists.h"

#include <stdbool.h>
#include <stddef.h>

#include "fw/clint.h"
#include "fw/csr.h"
#include "host_link.h"
#include "idle.h"
#include "ops.h"
#include "tessera/abi/host_protocol.h"
#include "tiles.h"

#define ABANDON_US 1000 /* device time a tile gets to give up its job */

static struct {
  const struct tsr_list_header* list; /* the running list; NULL when idle */
  const struct tsr_command* commands;
  struct tsr_status* status;
  struct tsr_op_record* records;
  uint32_t op;       /* the current op */
  uint32_t busy;     /* tiles still running it */
  uint32_t op_error; /* the first failure collected from its tiles */
  uint32_t op_detail[4];
  uint32_t chip_tiles; /* mask of the chip's tiles */
  uint32_t online;
} run;

static void* ptr(uint32_t device_address) {
  return (void*)(uintptr_t)device_address;
}

void lists_init(uint32_t tiles_online) {
  uint32_t tiles = tiles_in_chip();
  run.chip_tiles = tiles >= 32 ? UINT32_MAX : (1u << tiles) - 1;
  run.online = tiles_online;
}

uint32_t lists_tiles_online(void) {
  return run.online;
}

static void end_list(uint32_t state) {
  run.status->end_time = clint_mtime();
  __asm__ volatile("fence w, w" ::: "memory"); /* the host may poll `state`: it comes last */
  run.status->state = state;
  host_link_msi(TSR_MSI_LIST_DONE, run.list->list_id);
  run.list = NULL;
}

static void fail_list(uint32_t error, const uint32_t detail[4]) {
  run.status->error = error;
  run.status->failed_op = run.op;
  for (int i = 0; i < 4; i++) run.status->detail[i] = detail[i];
  end_list(error == TSR_ERR_ABORTED ? TSR_STATE_ABORTED : TSR_STATE_FAILED);
}

static void begin_list(uint32_t list_addr) {
  const struct tsr_list_header* list = ptr(list_addr);
  run.list = list;
  run.commands = (const struct tsr_command*)(list + 1);
  run.status = ptr(list->status_addr);
  run.records = (struct tsr_op_record*)(run.status + 1);
  run.op = 0;
  run.status->list_id = list->list_id;
  run.status->error = TSR_OK;
  run.status->failed_op = list->count;
  run.status->start_time = clint_mtime();
  if (list->magic != TSR_LIST_MAGIC || list->count == 0 || list->count > TSR_LIST_MAX_COMMANDS) {
    const uint32_t detail[4] = {list->magic, list->count, 0, 0};
    fail_list(TSR_ERR_BAD_LIST, detail);
  }
}

/* Ends the current op: its record, then the next op or the list's failure. */
static void finish_op(uint32_t error, uint32_t detail[4], uint32_t tiles) {
  struct tsr_op_record* record = &run.records[run.op];
  record->cycles = csr_read64(mcycle) - record->start_cycle;
  record->tiles = tiles;
  record->error = error;
  if (error == TSR_OK) {
    run.op++;
    return;
  }
  /* A kernel that refuses its command refuses its operands (the rest was checked here). */
  if (error == TSR_ERR_INVALID_COMMAND && detail[0] == 0) detail[0] = TSR_INVALID_OPERANDS;
  fail_list(error, detail);
}

/* Whether the command can run here: TSR_OK, or why not with detail filled. */
static uint32_t check_command(const struct tsr_command* command, uint32_t detail[4]) {
  const struct op* op = command->opcode < TSR_OP_LIMIT ? &runtime_ops[command->opcode] : NULL;
  if (op == NULL || (op->on_tiles == NULL && op->on_manager == NULL)) {
    detail[0] = command->opcode;
    return TSR_ERR_UNSUPPORTED_OP;
  }
  detail[0] = TSR_INVALID_FLAGS;
  if (command->flags != 0) return TSR_ERR_INVALID_COMMAND;
  detail[0] = TSR_INVALID_TILE_MASK;
  uint32_t mask = command->tile_mask;
  if (op->on_manager != NULL ? mask != 0 : mask == 0 || (mask & ~run.chip_tiles) != 0)
    return TSR_ERR_INVALID_COMMAND;
  detail[0] = mask & ~run.online;
  if (detail[0] != 0) return TSR_ERR_TILE_OFFLINE;
  detail[0] = 0;
  return TSR_OK;
}

static void start_op(void) {
  const struct tsr_command* command = &run.commands[run.op];
  run.records[run.op].start_cycle = csr_read64(mcycle);
  uint32_t detail[4] = {0, 0, 0, 0};
  uint32_t error = check_command(command, detail);
  if (error != TSR_OK) {
    finish_op(error, detail, 0);
    return;
  }
  const struct op* op = &runtime_ops[command->opcode];
  if (op->on_manager != NULL) {
    error = op->on_manager(command, detail);
    finish_op(error, detail, 0);
    return;
  }
  uint32_t mask = command->tile_mask, ranks = (uint32_t)__builtin_popcount(mask), rank = 0;
  run.busy = mask;
  run.op_error = TSR_OK;
  for (uint32_t t = 0; t < 32; t++)
    if (mask & (1u << t)) tile_post(t, command, rank++, ranks);
}

/* Collects the tiles of the current op that have finished; true once none is busy. */
static bool collect_tiles(void) {
  for (uint32_t t = 0; t < 32; t++) {
    uint32_t error, detail[4];
    if (!(run.busy & (1u << t)) || !tile_done(t, &error, detail)) continue;
    run.busy &= ~(1u << t);
    if (error != TSR_OK && run.op_error == TSR_OK) {
      run.op_error = error;
      for (int i = 0; i < 4; i++) run.op_detail[i] = detail[i];
    }
  }
  return run.busy == 0;
}

void lists_poll(void) {
  for (;;) {
    if (run.list == NULL) {
      uint32_t list_addr;
      if (!host_link_take(&list_addr)) return;
      begin_list(list_addr);
    } else if (run.busy != 0) {
      if (!collect_tiles()) return;
      finish_op(run.op_error, run.op_detail, run.commands[run.op].tile_mask);
    } else if (run.op == run.list->count) {
      end_list(TSR_STATE_DONE);
    } else {
      start_op();
    }
  }
}

uint32_t lists_abandon(void) {
  if (run.busy != 0) {
    for (uint32_t t = 0; t < 32; t++)
      if (run.busy & (1u << t)) tile_abandon(t);
    uint64_t deadline = idle_deadline_us(ABANDON_US);
    for (;;) {
      idle_clear();
      if (collect_tiles() || idle_expired(deadline)) break;
      idle_sleep(deadline);
    }
    run.online &= ~run.busy;
    run.busy = 0;
  }
  uint32_t detail[4] = {0, 0, 0, 0};
  if (run.list != NULL) finish_op(TSR_ERR_ABORTED, detail, run.commands[run.op].tile_mask);
  uint32_t list_addr;
  while (host_link_take(&list_addr)) {
    begin_list(list_addr);
    if (run.list != NULL) fail_list(TSR_ERR_ABORTED, detail);
  }
  return run.online;
}
