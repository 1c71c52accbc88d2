#include "timed_store.h"

namespace tessera {

TimedStore::TimedStore(sc_core::sc_module_name name, uint64_t size, sc_core::sc_time access_latency)
    : sc_module(name),
      store_("store", size, false, sc_core::SC_ZERO_TIME),
      store_port_("store_port"),
      access_latency_(access_latency) {
  store_port_.bind(store_.socket);
}

bool TimedStore::move_data(tlm::tlm_generic_payload& p) {
  sc_core::sc_time untimed = sc_core::SC_ZERO_TIME;
  store_port_->b_transport(p, untimed);
  return p.is_response_ok();
}

bool TimedStore::get_direct_mem_ptr(int, tlm::tlm_generic_payload& p, tlm::tlm_dmi& dmi) {
  if (!store_port_->get_direct_mem_ptr(p, dmi)) return false;
  dmi.set_read_latency(access_latency_);
  dmi.set_write_latency(access_latency_);
  return true;
}

unsigned TimedStore::transport_dbg(int, tlm::tlm_generic_payload& p) {
  return store_port_->transport_dbg(p);
}

}  // namespace tessera
