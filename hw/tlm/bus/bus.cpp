#include "bus.h"

#include "../common/hierarchy.h"

#include <algorithm>
#include <stdexcept>

namespace tessera {

Bus::Bus(sc_core::sc_module_name name, sc_core::sc_time decode_latency)
    : sc_module(name), targets_in("targets_in"), decode_latency_(decode_latency) {
  targets_in.register_b_transport(this, &Bus::b_transport);
  targets_in.register_get_direct_mem_ptr(this, &Bus::get_direct_mem_ptr);
  targets_in.register_transport_dbg(this, &Bus::transport_dbg);
}

void Bus::map(TargetSocketBase& target, uint64_t base, uint64_t size, const std::string& name) {
  add_window(target, {base, size, name, base});
}

void Bus::map_interconnect(TargetSocketBase& target, uint64_t base, uint64_t size,
                           const std::string& name) {
  add_window(target, {base, size, name, 0});
}

void Bus::add_window(TargetSocketBase& target, const Window& window) {
  for (const Window& w : windows_)
    if (window.base < w.base + w.size && w.base < window.base + window.size)
      throw std::invalid_argument("bus window " + window.name + " overlaps " + w.name);
  const int index = static_cast<int>(windows_.size());
  windows_.push_back(window);
  outputs_.push_back(make_child<OutputSocket>(*this, sc_core::sc_gen_unique_name("to_target")));
  outputs_.back()->register_invalidate_direct_mem_ptr(this, &Bus::invalidate_direct_mem_ptr, index);
  outputs_.back()->bind(target);
}

const Bus::Window* Bus::find(uint64_t address) const {
  for (const Window& w : windows_)
    if (address - w.base < w.size) return &w;
  return nullptr;
}

int Bus::route(tlm::tlm_generic_payload& p, uint64_t& base) const {
  const Window* w = find(p.get_address());
  if (!w || p.get_data_length() > w->base + w->size - p.get_address()) return -1;
  base = w->rebase;
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
  (*outputs_[out])->b_transport(p, delay);
  p.set_address(p.get_address() + base);
}

bool Bus::get_direct_mem_ptr(int, tlm::tlm_generic_payload& p, tlm::tlm_dmi& dmi) {
  uint64_t base = 0;
  const int out = route(p, base);
  if (out < 0) return false;
  const bool granted = (*outputs_[out])->get_direct_mem_ptr(p, dmi);
  p.set_address(p.get_address() + base);
  if (!granted) return false;
  const Window& w = windows_[out];
  // Clip the grant to the window, moving the host pointer along with its start.
  const uint64_t start = dmi.get_start_address() + base;
  if (start < w.base) dmi.set_dmi_ptr(dmi.get_dmi_ptr() + (w.base - start));
  dmi.set_start_address(std::max<uint64_t>(start, w.base));
  dmi.set_end_address(std::min<uint64_t>(dmi.get_end_address() + base, w.base + w.size - 1));
  return true;
}

unsigned Bus::transport_dbg(int, tlm::tlm_generic_payload& p) {
  uint64_t base = 0;
  const int out = route(p, base);
  if (out < 0) return 0;
  const unsigned n = (*outputs_[out])->transport_dbg(p);
  p.set_address(p.get_address() + base);
  return n;
}

void Bus::invalidate_direct_mem_ptr(int target, sc_dt::uint64 start, sc_dt::uint64 end) {
  const Window& w = windows_[target];
  const sc_dt::uint64 first = std::max<sc_dt::uint64>(start + w.rebase, w.base);
  const sc_dt::uint64 last = std::min<sc_dt::uint64>(end + w.rebase, w.base + w.size - 1);
  if (first > last) return;
  for (unsigned i = 0; i < targets_in.size(); ++i)
    targets_in[i]->invalidate_direct_mem_ptr(first, last);
}

}  // namespace tessera
