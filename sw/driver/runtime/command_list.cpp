#include "tessera/driver/command_list.h"

namespace tessera::driver {

namespace {

tsr_operand operand(DevicePtr address, uint32_t bytes) {
  return {static_cast<uint32_t>(address), bytes};
}

tsr_command command(uint16_t opcode, uint32_t tiles) {
  tsr_command c{};
  c.opcode = opcode;
  c.tile_mask = tiles;
  return c;
}

}  // namespace

CommandList& CommandList::add(const tsr_command& c) {
  commands_.push_back(c);
  return *this;
}

CommandList& CommandList::copy(DevicePtr dst, DevicePtr src, uint32_t bytes, uint32_t tiles) {
  tsr_command c = command(TSR_OP_COPY, tiles);
  c.operands[0] = operand(dst, bytes);
  c.operands[1] = operand(src, bytes);
  return add(c);
}

CommandList& CommandList::fill(DevicePtr dst, uint32_t bytes, uint32_t value, uint32_t tiles) {
  tsr_command c = command(TSR_OP_FILL, tiles);
  c.operands[0] = operand(dst, bytes);
  c.params[0] = value;
  return add(c);
}

CommandList& CommandList::add_i32(DevicePtr dst, DevicePtr a, DevicePtr b, uint32_t bytes,
                                  uint32_t tiles) {
  tsr_command c = command(TSR_OP_ADD_I32, tiles);
  c.operands[0] = operand(dst, bytes);
  c.operands[1] = operand(a, bytes);
  c.operands[2] = operand(b, bytes);
  return add(c);
}

CommandList& CommandList::nop() {
  return add(command(TSR_OP_NOP, 0));
}
CommandList& CommandList::hang(uint32_t tiles) {
  return add(command(TSR_OP_HANG, tiles));
}
CommandList& CommandList::fault(uint32_t tiles) {
  return add(command(TSR_OP_FAULT, tiles));
}

std::string opcode_name(uint32_t opcode) {
  switch (opcode) {
#define TSR_OPCODE_NAME(name, value) \
  case value:                        \
    return #name;
    TSR_OPCODES(TSR_OPCODE_NAME)
#undef TSR_OPCODE_NAME
  }
  return "opcode " + std::to_string(opcode);
}

}  // namespace tessera::driver
