#include "mesh.h"

#include "common/hierarchy.h"

#include <algorithm>
#include <stdexcept>

namespace tessera {

using sc_core::sc_time;

Mesh::Mesh(sc_core::sc_module_name name, const NocConfig& config)
    : sc_module(name), network_(config) {}

void Mesh::check_node(MeshNode node, const std::string& what) const {
  if (!network_.contains(node))
    throw std::invalid_argument(std::string(name()) + ": " + what + " at node (" +
                                std::to_string(node.x) + "," + std::to_string(node.y) +
                                ") is outside the " + std::to_string(network_.config().mesh_x) +
                                "x" + std::to_string(network_.config().mesh_y) + " mesh");
}

TargetSocketBase& Mesh::initiator_port(MeshNode node) {
  check_node(node, "an initiator");
  const int port = static_cast<int>(inputs_.size());
  port_nodes_.push_back(network_.index(node));
  inputs_.push_back(make_child<InputSocket>(*this, sc_core::sc_gen_unique_name("from_initiator")));
  InputSocket& socket = *inputs_.back();
  socket.register_b_transport(this, &Mesh::b_transport, port);
  socket.register_get_direct_mem_ptr(this, &Mesh::get_direct_mem_ptr, port);
  socket.register_transport_dbg(this, &Mesh::transport_dbg, port);
  return socket;
}

void Mesh::map(TargetSocketBase& target, MeshNode node, uint64_t base, uint64_t size,
               const std::string& name) {
  add_window({{&target, node}}, base, size, 0, name);
}

void Mesh::map_interleaved(const std::vector<std::pair<TargetSocketBase*, MeshNode>>& channels,
                           uint64_t base, uint64_t size, uint64_t granule,
                           const std::string& name) {
  if (channels.empty()) throw std::invalid_argument(name + ": no channels to interleave");
  if (granule == 0) throw std::invalid_argument(name + ": the interleave granule must be > 0");
  add_window(channels, base, size, granule, name);
}

void Mesh::add_window(const std::vector<std::pair<TargetSocketBase*, MeshNode>>& targets,
                      uint64_t base, uint64_t size, uint64_t granule, const std::string& name) {
  if (size == 0) throw std::invalid_argument("mesh window " + name + " is empty");
  for (const Window& w : windows_)
    if (base < w.base + w.size && w.base < base + size)
      throw std::invalid_argument("mesh window " + name + " overlaps " + w.name);
  for (const auto& target : targets) check_node(target.second, name);

  Window window{base, size, granule, {}, name};
  for (const auto& [socket, node] : targets) {
    const int output = static_cast<int>(outputs_.size());
    window.outputs.push_back(static_cast<unsigned>(output));
    output_nodes_.push_back({network_.index(node), base, size});
    outputs_.push_back(make_child<OutputSocket>(*this, sc_core::sc_gen_unique_name("to_target")));
    outputs_.back()->register_invalidate_direct_mem_ptr(this, &Mesh::invalidate_direct_mem_ptr,
                                                        output);
    outputs_.back()->bind(*socket);
  }
  const auto at = std::upper_bound(windows_.begin(), windows_.end(), base,
                                   [](uint64_t a, const Window& w) { return a < w.base; });
  windows_.insert(at, std::move(window));
}

const Mesh::Window* Mesh::find(uint64_t address) const {
  auto after = std::upper_bound(windows_.begin(), windows_.end(), address,
                                [](uint64_t a, const Window& w) { return a < w.base; });
  if (after == windows_.begin()) return nullptr;
  const Window& w = *(after - 1);
  return address - w.base < w.size ? &w : nullptr;
}

const Mesh::Window* Mesh::decode(uint64_t address, uint64_t length) const {
  const Window* w = find(address);
  return w && length <= w->base + w->size - address ? w : nullptr;
}

Mesh::Ticks Mesh::transact(unsigned from, unsigned output, tlm::tlm_generic_payload& p,
                           Ticks start) {
  const unsigned header = network_.config().header_bytes, length = p.get_data_length();
  const unsigned to = output_nodes_[output].node;
  Ticks now = sc_core::sc_time_stamp().value();
  const Ticks request_arrival =
      network_.send(from, to, header + (p.is_write() ? length : 0), start, now);
  sc_time target_delay = sc_time::from_value(request_arrival - now);
  (*outputs_[output])->b_transport(p, target_delay);
  now = sc_core::sc_time_stamp().value();  // again: the target may have waited
  const bool carries_data = p.is_read() && p.is_response_ok();
  return network_.send(to, from, header + (carries_data ? length : 0), now + target_delay.value(),
                       now);
}

Mesh::Ticks Mesh::transact_pieces(unsigned from, const Window& w, tlm::tlm_generic_payload& p,
                                  Ticks start) {
  const uint64_t offset = p.get_address();
  unsigned char* const data = p.get_data_ptr();
  const unsigned length = p.get_data_length();
  Ticks done = start;
  for (unsigned at = 0; at < length;) {
    const uint64_t piece_offset = offset + at;
    const unsigned piece = static_cast<unsigned>(
        std::min<uint64_t>(length - at, w.granule - piece_offset % w.granule));
    p.set_address(piece_offset);
    p.set_data_ptr(data + at);
    p.set_data_length(piece);
    p.set_streaming_width(piece);
    done = std::max(done, transact(from, w.output_for(piece_offset), p, start));
    if (!p.is_response_ok()) break;
    at += piece;
  }
  p.set_data_ptr(data);
  p.set_data_length(length);
  p.set_streaming_width(length);
  return done;
}

void Mesh::b_transport(int port, tlm::tlm_generic_payload& p, sc_time& delay) {
  const uint64_t address = p.get_address();
  const unsigned length = p.get_data_length();
  const Window* w = decode(address, length);
  if (!w) {
    p.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  const uint64_t offset = address - w->base;
  const bool split = w->granule && offset % w->granule + length > w->granule;
  if (split && p.get_byte_enable_ptr()) {
    p.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    return;
  }
  if (split && p.get_streaming_width() < length) {
    p.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
    return;
  }
  const unsigned from = port_nodes_[port];
  const Ticks start = sc_core::sc_time_stamp().value() + delay.value();
  p.set_address(offset);
  const Ticks done =
      split ? transact_pieces(from, *w, p, start) : transact(from, w->output_for(offset), p, start);
  p.set_address(address);
  delay = sc_time::from_value(done - sc_core::sc_time_stamp().value());
}

bool Mesh::get_direct_mem_ptr(int, tlm::tlm_generic_payload& p, tlm::tlm_dmi& dmi) {
  const uint64_t address = p.get_address();
  const Window* w = decode(address, p.get_data_length());
  if (!w) return false;
  p.set_address(address - w->base);
  const bool granted = (*outputs_[w->output_for(address - w->base)])->get_direct_mem_ptr(p, dmi);
  p.set_address(address);
  if (!granted) return false;
  dmi.set_start_address(w->base + dmi.get_start_address());
  dmi.set_end_address(w->base + std::min<uint64_t>(dmi.get_end_address(), w->size - 1));
  return true;
}

unsigned Mesh::transport_dbg(int, tlm::tlm_generic_payload& p) {
  const uint64_t address = p.get_address();
  const Window* w = decode(address, p.get_data_length());
  if (!w) return 0;
  p.set_address(address - w->base);
  const unsigned n = (*outputs_[w->output_for(address - w->base)])->transport_dbg(p);
  p.set_address(address);
  return n;
}

void Mesh::invalidate_direct_mem_ptr(int output, sc_dt::uint64 start, sc_dt::uint64 end) {
  // The mesh and a bus can reach each other both ways (the control bus sends tile addresses
  // into the mesh, the mesh sends control-cluster addresses to the bus): an invalidation that
  // comes back round is the one being delivered.
  if (invalidating_) return;
  invalidating_ = true;
  const Output& o = output_nodes_[output];
  const sc_dt::uint64 last = o.window_size - 1;
  for (auto& input : inputs_)
    (*input)->invalidate_direct_mem_ptr(o.window_base + std::min(start, last),
                                        o.window_base + std::min(end, last));
  invalidating_ = false;
}

void Mesh::report(std::ostream& out) const {
  network_.report(out, name(), sc_core::sc_time_stamp().value());
}

}  // namespace tessera
