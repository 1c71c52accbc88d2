// CommandList: the commands of one launch, built on the host (tessera/abi/commands.h has the
// layout and each opcode's operands). Launching it copies it, so a list can be reused.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tessera/abi/commands.h"
#include "tessera/driver/device_ptr.h"

namespace tessera::driver {

// Every tile of the device (the launch narrows it to the tiles the chip has).
constexpr uint32_t kAllTiles = 0xffffffffu;

class CommandList {
 public:
  // Any op, as the ABI lays it out: how ops of the kernel library are launched.
  CommandList& add(const tsr_command& command);

  CommandList& copy(DevicePtr dst, DevicePtr src, uint32_t bytes, uint32_t tiles = kAllTiles);
  CommandList& fill(DevicePtr dst, uint32_t bytes, uint32_t value, uint32_t tiles = kAllTiles);
  CommandList& add_i32(DevicePtr dst, DevicePtr a, DevicePtr b, uint32_t bytes,
                       uint32_t tiles = kAllTiles);
  CommandList& nop();
  // Test ops: a kernel that never completes, and one that faults.
  CommandList& hang(uint32_t tiles);
  CommandList& fault(uint32_t tiles);

  const std::vector<tsr_command>& commands() const { return commands_; }
  bool empty() const { return commands_.empty(); }

 private:
  std::vector<tsr_command> commands_;
};

// The name of an opcode the ABI knows ("ADD_I32"), else "opcode N".
std::string opcode_name(uint32_t opcode);

}  // namespace tessera::driver
