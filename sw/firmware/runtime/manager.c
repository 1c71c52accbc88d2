#include "runtime.h"

#include <stdint.h>

#include "host_link.h"
#include "idle.h"
#include "lists.h"
#include "tessera/abi/host_protocol.h"
#include "tiles.h"

static void serve_control(void) {
  uint32_t seq, code;
  if (!host_link_control(&seq, &code)) return;
  if (code == TSR_CONTROL_RESET) {
    uint32_t online = lists_abandon();
    host_link_control_done(seq, TSR_OK, online);
  } else {
    host_link_control_done(seq, TSR_ERR_UNSUPPORTED_OP, lists_tiles_online());
  }
}

void runtime_run(void) {
  idle_init();
  uint32_t online = tiles_start();
  lists_init(online);
  host_link_init();
  host_link_ready(online);
  for (;;) {
    idle_clear();
    host_link_ack_doorbell();
    serve_control();
    lists_poll();
    idle_sleep(0);
  }
}
