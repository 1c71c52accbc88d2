#include "memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <new>
#include <vector>

namespace tessera {

Memory::Memory(sc_core::sc_module_name name, uint64_t size, bool read_only,
               sc_core::sc_time latency)
    : sc_module(name), socket("socket"), size_(size), read_only_(read_only), latency_(latency) {
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                 -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  data_ = static_cast<uint8_t*>(p);
  socket.register_b_transport(this, &Memory::b_transport);
  socket.register_get_direct_mem_ptr(this, &Memory::get_direct_mem_ptr);
  socket.register_transport_dbg(this, &Memory::transport_dbg);
}

Memory::~Memory() {
  munmap(data_, size_);
}

uint64_t Memory::resident_bytes() const {
  const long page = sysconf(_SC_PAGESIZE);
  std::vector<unsigned char> resident((size_ + page - 1) / page);
  if (mincore(data_, size_, resident.data()) != 0) return 0;
  uint64_t pages = 0;
  for (unsigned char r : resident) pages += r & 1;
  return pages * page;
}

bool Memory::in_range(const tlm::tlm_generic_payload& p) const {
  return p.get_address() < size_ && p.get_data_length() <= size_ - p.get_address();
}

void Memory::copy(tlm::tlm_generic_payload& p) {
  uint8_t* at = data_ + p.get_address();
  // A zero-length access may come without a data pointer, and memcpy must not get a null one.
  if (p.get_data_length() != 0) {
    if (p.is_write())
      std::memcpy(at, p.get_data_ptr(), p.get_data_length());
    else
      std::memcpy(p.get_data_ptr(), at, p.get_data_length());
  }
  p.set_response_status(tlm::TLM_OK_RESPONSE);
}

void Memory::b_transport(tlm::tlm_generic_payload& p, sc_core::sc_time& delay) {
  if (!in_range(p) || p.get_byte_enable_ptr() != nullptr ||
      p.get_streaming_width() < p.get_data_length()) {
    p.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  if (p.is_write() && read_only_) {
    p.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
    return;
  }
  copy(p);
  p.set_dmi_allowed(true);
  delay += latency_;
}

bool Memory::get_direct_mem_ptr(tlm::tlm_generic_payload& p, tlm::tlm_dmi& dmi) {
  if (p.get_address() >= size_) return false;
  dmi.set_dmi_ptr(data_);
  dmi.set_start_address(0);
  dmi.set_end_address(size_ - 1);
  dmi.set_granted_access(read_only_ ? tlm::tlm_dmi::DMI_ACCESS_READ
                                    : tlm::tlm_dmi::DMI_ACCESS_READ_WRITE);
  dmi.set_read_latency(latency_);
  dmi.set_write_latency(latency_);
  return true;
}

unsigned Memory::transport_dbg(tlm::tlm_generic_payload& p) {
  if (!in_range(p)) return 0;
  copy(p);
  return p.get_data_length();
}

}  // namespace tessera
