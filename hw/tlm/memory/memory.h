// Memory: a RAM or ROM as a TLM-2.0 target with DMI.
//
// Socket: `socket` (simple_target_socket). b_transport for timed accesses; DMI for the whole
// array (read-only for ROM); transport_dbg reads and writes both kinds (the loader fills ROM
// through it).
// Backing: one anonymous mapping reserved for the full size but populated by the host kernel
// page by page on first touch, so a 2 GiB device costs only the pages firmware uses.
// Timing: a fixed latency per access (and advertised as the DMI latency).
#pragma once

#include <cstdint>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

namespace tessera {

class Memory : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<Memory> socket;

  Memory(sc_core::sc_module_name name, uint64_t size, bool read_only, sc_core::sc_time latency);
  ~Memory() override;
  Memory(const Memory&) = delete;
  Memory& operator=(const Memory&) = delete;

  uint64_t size() const { return size_; }
  // Host pages actually backed (touched) so far.
  uint64_t resident_bytes() const;

 private:
  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& payload, tlm::tlm_dmi& dmi);
  unsigned transport_dbg(tlm::tlm_generic_payload& payload);
  bool in_range(const tlm::tlm_generic_payload& payload) const;
  void copy(tlm::tlm_generic_payload& payload);

  uint64_t size_;
  bool read_only_;
  sc_core::sc_time latency_;
  uint8_t* data_;
};

}  // namespace tessera
