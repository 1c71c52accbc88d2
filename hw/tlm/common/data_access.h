// How every initiator here fills a payload: a plain data access of `length` bytes at `address`
// (whole length streamed, no byte enables, no DMI hint, the response still to come). Payloads
// that are reused per access get every field set again.
#pragma once

#include <cstdint>
#include <tlm>

namespace tessera {

inline void set_data_access(tlm::tlm_generic_payload& p, tlm::tlm_command command, uint64_t address,
                            void* data, unsigned length) {
  p.set_command(command);
  p.set_address(address);
  p.set_data_ptr(static_cast<unsigned char*>(data));
  p.set_data_length(length);
  p.set_streaming_width(length);
  p.set_byte_enable_ptr(nullptr);
  p.set_dmi_allowed(false);
  p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
}

inline void set_data_access(tlm::tlm_generic_payload& p, bool write, uint64_t address, void* data,
                            unsigned length) {
  set_data_access(p, write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND, address, data, length);
}

}  // namespace tessera
