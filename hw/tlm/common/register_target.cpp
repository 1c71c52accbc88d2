#include "register_target.h"

#include <cstring>

namespace tessera {

RegisterTarget::RegisterTarget(sc_core::sc_module_name name, uint64_t window_bytes,
                               sc_core::sc_time access_latency)
    : sc_module(name),
      socket("socket"),
      window_bytes_(window_bytes),
      access_latency_(access_latency) {
  socket.register_b_transport(this, &RegisterTarget::b_transport);
  socket.register_transport_dbg(this, &RegisterTarget::transport_dbg);
}

bool RegisterTarget::access(tlm::tlm_generic_payload& p, const sc_core::sc_time& now) {
  const uint64_t offset = p.get_address();
  const unsigned len = p.get_data_length();
  if (len == 0 || len > 8 || (len & (len - 1)) || (offset & (len - 1)) ||
      offset + len > window_bytes_ || p.get_byte_enable_ptr() != nullptr) {
    p.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return false;
  }
  uint64_t value = 0;  // registers are little-endian, like the cores
  bool ok;
  if (p.is_write()) {
    std::memcpy(&value, p.get_data_ptr(), len);
    ok = write(offset, len, value, now);
  } else {
    ok = read(offset, len, value, now);
    if (ok) std::memcpy(p.get_data_ptr(), &value, len);
  }
  p.set_response_status(ok ? tlm::TLM_OK_RESPONSE : tlm::TLM_ADDRESS_ERROR_RESPONSE);
  return ok;
}

void RegisterTarget::b_transport(tlm::tlm_generic_payload& p, sc_core::sc_time& delay) {
  access(p, sc_core::sc_time_stamp() + delay);
  delay += access_latency_;
}

unsigned RegisterTarget::transport_dbg(tlm::tlm_generic_payload& p) {
  return access(p, sc_core::sc_time_stamp()) ? p.get_data_length() : 0;
}

}  // namespace tessera
