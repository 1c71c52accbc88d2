// What a Core needs from the outside world: memory accesses the DMI regions do not cover,
// DMI regions themselves, and the platform time for the `time` CSR.
#pragma once

#include <cstdint>

namespace tessera::riscv {

struct DmiGrant {
  uint32_t base = 0, size = 0;  // size 0: no DMI for this address
  uint8_t* host = nullptr;
  bool writable = false;
};

class BusPort {
 public:
  virtual ~BusPort() = default;
  // A non-DMI access. `offset_cycles` is how far the core has run ahead inside its batch.
  // Returns false on a bus error; adds the access latency to `latency_cycles`.
  virtual bool transport(bool write, uint32_t addr, void* data, unsigned len,
                         uint64_t offset_cycles, uint64_t& latency_cycles) = 0;
  virtual DmiGrant request_dmi(uint32_t addr, bool write) = 0;
  // mtime as seen `offset_cycles` ahead of the last synchronisation.
  virtual uint64_t read_time(uint64_t offset_cycles) = 0;
  // A trace marker (trace.begin with its name's address, or trace.end) `offset_cycles` ahead of
  // the last synchronisation. A platform without traces ignores it.
  virtual void trace_marker(bool /*begin*/, uint32_t /*name_address*/, uint64_t /*offset_cycles*/) {
  }
};

}  // namespace tessera::riscv
