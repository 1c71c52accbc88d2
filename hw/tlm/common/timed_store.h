// TimedStore: what Dram and Scratchpad share, a Memory holding the bytes behind an internal
// socket, so a derived block adds only its timing. The Memory is lazily backed: a store costs
// only the host pages touched. DMI grants the whole store, read-write, with the block's access
// latency advertised (DMI accesses bypass the block's contention model); debug accesses pass
// straight through.
#pragma once

#include <cstdint>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "memory/memory.h"

namespace tessera {

class TimedStore : public sc_core::sc_module {
 public:
  uint64_t resident_bytes() const { return store_.resident_bytes(); }  // host pages touched

 protected:
  TimedStore(sc_core::sc_module_name name, uint64_t size, sc_core::sc_time access_latency);

  // Moves the payload's data; false (and the store's error status in the payload) if the
  // access is invalid, e.g. out of range.
  bool move_data(tlm::tlm_generic_payload& payload);
  // Socket callbacks for the derived block's target sockets (tagged or multi: the id is unused).
  bool get_direct_mem_ptr(int id, tlm::tlm_generic_payload& payload, tlm::tlm_dmi& dmi);
  unsigned transport_dbg(int id, tlm::tlm_generic_payload& payload);

 private:
  Memory store_;
  tlm_utils::simple_initiator_socket<TimedStore> store_port_;
  sc_core::sc_time access_latency_;
};

}  // namespace tessera
