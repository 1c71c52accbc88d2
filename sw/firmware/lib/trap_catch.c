#include "fw/trap.h"

volatile struct trap_record trap_caught;

static void record_and_skip(struct trap_frame* frame) {
  trap_caught.mcause = frame->mcause;
  trap_caught.mepc = frame->mepc;
  trap_caught.mtval = frame->mtval;
  trap_caught.count++;
  trap_skip_instruction(frame);
}

void trap_catch(uint32_t mcause) {
  trap_set_handler(mcause, record_and_skip);
}
