#include "bus.h"

#include <algorithm>
#include <stdexcept>

namespace tessera {

Bus::Bus(sc_core::sc_module_name name, sc_core::sc_time decode_latency)
    : sc_module(name),
      targets_in("targets_in"),
      initiators_out("initiators_out"),
      decode_latency_(decode_latency) {
  targets_in.register_b_transport(this, &Bus::b_transport);
  targets_in.register_get_direct_mem_ptr(this, &Bus::get_direct_mem_ptr);
  targets_in.register_transport_dbg(this, &Bus::transport_dbg);
  initiators_out.register_invalidate_direct_mem_ptr(this, &Bus::invalidate_direct_mem_ptr);
}

void Bus::map(TargetSocketBase& target, uint64_t base, uint64_t size,
              const std::string& name) {
  for (const Window& w : windows_)
    if (base < w.base + w.size && w.base < base + size)
      throw std::invalid_argument("bus window " + name + " overlaps " + w.name);
  windows_.push_back({base, size, name});
  initiators_out.bind(target);
}

const Bus::Window* Bus::find(uint64_t address) const {
  for (const Window& w : windows_)
    if (address - w.base < w.size) return &w;
  return nullptr;
}

int Bus::route(tlm::tlm_generic_payload& p, uint64_t& base) const {
  const Window* w = find(p.get_address());
  if (!w || p.get_data_length() > w->base + w->size - p.get_address()) return -1;
  base = w->base;
  p.set_address(p.get_address() - base);
  return static_cast<int>(w - windows_.data());
}

void Bus::b_transport(int, tlm::tlm_generic_payload& p, sc_core::sc_time& delay) {
  uint64_t base = 0;
  const int out = route(p, base);
  if (out < 0) {
    p.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  delay += decode_latency_;
  initiators_out[out]->b_transport(p, delay);
  p.set_address(p.get_address() + base);
}

bool Bus::get_direct_mem_ptr(int, tlm::tlm_generic_payload& p, tlm::tlm_dmi& dmi) {
  uint64_t base = 0;
  const int out = route(p, base);
  if (out < 0) return false;
  const bool granted = initiators_out[out]->get_direct_mem_ptr(p, dmi);
  p.set_address(p.get_address() + base);
  if (!granted) return false;
  const Window& w = windows_[out];
  // A target never grants beyond its own window, but clip anyway: the window is the contract.
  dmi.set_start_address(dmi.get_start_address() + base);
  dmi.set_end_address(std::min<uint64_t>(dmi.get_end_address(), w.size - 1) + base);
  return true;
}

unsigned Bus::transport_dbg(int, tlm::tlm_generic_payload& p) {
  uint64_t base = 0;
  const int out = route(p, base);
  if (out < 0) return 0;
  const unsigned n = initiators_out[out]->transport_dbg(p);
  p.set_address(p.get_address() + base);
  return n;
}

void Bus::invalidate_direct_mem_ptr(int target, sc_dt::uint64 start, sc_dt::uint64 end) {
  const Window& w = windows_[target];
  const sc_dt::uint64 last = w.size - 1;
  for (unsigned i = 0; i < targets_in.size(); ++i)
    targets_in[i]->invalidate_direct_mem_ptr(w.base + std::min(start, last),
                                             w.base + std::min(end, last));
}

}  // namespace tessera
