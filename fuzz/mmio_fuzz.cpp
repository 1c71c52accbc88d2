// Fuzz target `mmio`: arbitrary sequences of accesses to the register files (CLINT, PLIC, UART,
// system controller, host interface) and memories (scratchpads, DRAM) of a FuzzChip, through
// the control bus or through the mesh from a tile's node.
//
// Input: records of 16 bytes, one access each:
//   op      bit 0 write; bit 1 from the tile port (else the control port);
//           bits 2-3 kind: 0-1 b_transport, 2 debug transport, 3 DMI request;
//           bit 4 with a byte-enable array; bit 5 with a streaming width shorter than the data;
//           bit 6 let SystemC time run (by `delay` ns) first: CLINT timers fire, the host
//           interface's DMA moves data
//   region  which block (kRegions), or a raw 32-bit address
//   offset  u32, within the block's window or up to 64 bytes past its end
//   length  bit 7 clear: 1 << (bits 0-1) bytes; set: bits 0-6 bytes (0 to 127)
//   value   u64, the data written (repeated over longer accesses)
//   delay   u8, the initiator's time offset in ns
// Checks, besides the sanitizers: b_transport never moves time backwards, and a DMI grant
// covers the address asked for and can be read at both ends.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "fuzz_chip.h"
#include "fuzz_input.h"
#include "tessera/hw/memory_map.h"

namespace tessera::fuzz {
namespace {

struct Region {
  uint32_t base, size;
};
constexpr Region kRegions[] = {
    {TESSERA_CLINT_BASE, TESSERA_CLINT_SIZE},     {TESSERA_PLIC_BASE, TESSERA_PLIC_SIZE},
    {TESSERA_UART_BASE, TESSERA_UART_SIZE},       {TESSERA_SYSCTRL_BASE, TESSERA_SYSCTRL_SIZE},
    {TESSERA_HOSTIF_BASE, TESSERA_HOSTIF_SIZE},   {TESSERA_TILE_ADDR(0), FuzzChip::kSramBytes},
    {TESSERA_TILE_ADDR(1), FuzzChip::kSramBytes}, {TESSERA_DRAM_BASE, FuzzChip::kDramBytes},
};
constexpr unsigned kRegionCount = sizeof(kRegions) / sizeof(kRegions[0]);

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "mmio fuzz: %s\n", what);
  std::abort();
}

void check_dmi(const tlm::tlm_dmi& dmi, uint64_t address) {
  if (dmi.get_start_address() > address || dmi.get_end_address() < address)
    fail("a DMI grant does not cover the address asked for");
  const volatile unsigned char* host = dmi.get_dmi_ptr();
  if (!host) fail("a DMI grant without a host pointer");
  (void)host[0];
  (void)host[address - dmi.get_start_address()];
  (void)host[dmi.get_end_address() - dmi.get_start_address()];
}

void access(FuzzChip& chip, FuzzInput& in) {
  const auto op = in.take<uint8_t>();
  const auto region = in.take<uint8_t>();
  const auto offset = in.take<uint32_t>();
  const auto length_code = in.take<uint8_t>();
  const auto value = in.take<uint64_t>();
  const auto delay_ns = in.take<uint8_t>();

  const bool write = op & 1;
  auto& port = (op & 2) ? chip.tile_port : chip.control_port;
  const unsigned kind = (op >> 2) & 3;
  const unsigned length = (length_code & 0x80) ? (length_code & 0x7f) : 1u << (length_code & 3);
  uint64_t address = offset;
  if (region % (kRegionCount + 1) < kRegionCount) {
    const Region& r = kRegions[region % (kRegionCount + 1)];
    address = r.base + offset % (uint64_t{r.size} + 64);
  }
  const sc_core::sc_time delay(delay_ns, sc_core::SC_NS);
  if (op & 0x40) sc_core::sc_start(delay);

  std::vector<unsigned char> data(length);
  for (unsigned i = 0; i < length; ++i) data[i] = static_cast<unsigned char>(value >> (i % 8 * 8));
  std::vector<unsigned char> byte_enable(length, 0xff);
  tlm::tlm_generic_payload p;
  p.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  p.set_address(address);
  p.set_data_ptr(data.data());
  p.set_data_length(length);
  p.set_streaming_width((op & 0x20) && length > 1 ? length / 2 : length);
  if (op & 0x10) {
    p.set_byte_enable_ptr(byte_enable.data());
    p.set_byte_enable_length(length);
  }
  p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);

  switch (kind) {
    case 2:
      port->transport_dbg(p);
      break;
    case 3: {
      tlm::tlm_dmi dmi;
      if (port->get_direct_mem_ptr(p, dmi)) check_dmi(dmi, address);
      break;
    }
    default: {
      sc_core::sc_time t = delay;
      port->b_transport(p, t);
      if (t < delay) fail("b_transport moved time backwards");
    }
  }
}

}  // namespace
}  // namespace tessera::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tessera::fuzz::FuzzChip;
  FuzzChip& chip = FuzzChip::instance();
  chip.reset();
  tessera::fuzz::FuzzInput in(data, size);
  while (!in.empty()) tessera::fuzz::access(chip, in);
  return 0;
}
