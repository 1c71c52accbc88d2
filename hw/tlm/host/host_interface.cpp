#include "host_interface.h"

#include "../common/data_access.h"

#include <cmath>
#include <future>

#include "tessera/hw/memory_map.h"

namespace tessera {

void HostInterface::RequestChannel::post(std::function<void()> request) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(std::move(request));
  }
  async_request_update();
}

void HostInterface::RequestChannel::update() {
  std::deque<std::function<void()>> ready;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ready.swap(requests_);
  }
  for (auto& request : ready) request();
}

HostInterface::HostInterface(sc_core::sc_module_name name, const HostInterfaceConfig& config,
                             std::function<void(bool)> doorbell_irq)
    : RegisterTarget(name, TESSERA_HOSTIF_SIZE, config.register_latency),
      dma_socket("dma_socket"),
      config_(config),
      doorbell_irq_(std::move(doorbell_irq)) {
  SC_HAS_PROCESS(HostInterface);
  SC_THREAD(dma_thread);
}

void HostInterface::attach_host() {
  requests_.async_attach_suspending();
}
void HostInterface::detach_host() {
  requests_.async_detach_suspending();
}

void HostInterface::call(const std::function<void()>& request) {
  std::promise<void> done;
  requests_.post([&] {
    request();
    done.set_value();
  });
  done.get_future().wait();
}

void HostInterface::ring_doorbell() {
  call([this] {
    ++doorbells_;
    irq_status_ |= 1;
    if (doorbell_irq_) doorbell_irq_(true);
  });
}

void HostInterface::write_mailbox(unsigned index, uint32_t value) {
  call([=] { mailbox_[index % HOSTIF_MAILBOX_WORDS] = value; });
}

uint32_t HostInterface::read_reply(unsigned index) {
  uint32_t value = 0;
  call([&] { value = reply_[index % HOSTIF_MAILBOX_WORDS]; });
  return value;
}

void HostInterface::register_host_memory(uint64_t host_address, void* data, uint64_t bytes) {
  call([=] { host_memory_[host_address] = {static_cast<uint8_t*>(data), bytes}; });
}

void HostInterface::unregister_host_memory(uint64_t host_address) {
  call([=] { host_memory_.erase(host_address); });
}

bool HostInterface::wait_msi(uint32_t& vector, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(msi_mutex_);
  if (!msi_ready_.wait_for(lock, timeout, [this] { return !msi_.empty(); })) return false;
  vector = msi_.front();
  msi_.pop_front();
  return true;
}

uint8_t* HostInterface::host_bytes(uint64_t host_address, uint64_t bytes) {
  auto it = host_memory_.upper_bound(host_address);
  if (it == host_memory_.begin()) return nullptr;
  --it;
  const uint64_t offset = host_address - it->first;
  if (offset > it->second.second || bytes > it->second.second - offset) return nullptr;
  return it->second.first + offset;
}

bool HostInterface::read(uint64_t offset, unsigned len, uint64_t& value, const sc_core::sc_time&) {
  if (len != 4) return false;
  if (offset >= HOSTIF_MAILBOX(0) && offset < HOSTIF_MAILBOX(HOSTIF_MAILBOX_WORDS)) {
    value = mailbox_[(offset - HOSTIF_MAILBOX(0)) / 4];
    return true;
  }
  if (offset >= HOSTIF_REPLY(0) && offset < HOSTIF_REPLY(HOSTIF_MAILBOX_WORDS)) {
    value = reply_[(offset - HOSTIF_REPLY(0)) / 4];
    return true;
  }
  switch (offset) {
    case HOSTIF_DOORBELL:
      value = doorbells_;
      return true;
    case HOSTIF_IRQ_STATUS:
      value = irq_status_;
      return true;
    case HOSTIF_DMA_HOST_LO:
      value = static_cast<uint32_t>(dma_host_);
      return true;
    case HOSTIF_DMA_HOST_HI:
      value = static_cast<uint32_t>(dma_host_ >> 32);
      return true;
    case HOSTIF_DMA_DEVICE:
      value = dma_device_;
      return true;
    case HOSTIF_DMA_LENGTH:
      value = dma_length_;
      return true;
    case HOSTIF_DMA_STATUS:
      value = dma_status_;
      return true;
    default:
      return false;
  }
}

bool HostInterface::write(uint64_t offset, unsigned len, uint64_t value, const sc_core::sc_time&) {
  if (len != 4) return false;
  const uint32_t v = static_cast<uint32_t>(value);
  if (offset >= HOSTIF_REPLY(0) && offset < HOSTIF_REPLY(HOSTIF_MAILBOX_WORDS)) {
    reply_[(offset - HOSTIF_REPLY(0)) / 4] = v;
    return true;
  }
  switch (offset) {
    case HOSTIF_IRQ_STATUS:
      irq_status_ &= ~v;
      if (doorbell_irq_) doorbell_irq_(irq_status_ & 1);
      return true;
    case HOSTIF_MSI: {
      std::lock_guard<std::mutex> lock(msi_mutex_);
      msi_.push_back(v);
      msi_ready_.notify_all();
      return true;
    }
    case HOSTIF_DMA_HOST_LO:
      dma_host_ = (dma_host_ & ~0xffffffffull) | v;
      return true;
    case HOSTIF_DMA_HOST_HI:
      dma_host_ = (dma_host_ & 0xffffffffull) | (uint64_t{v} << 32);
      return true;
    case HOSTIF_DMA_DEVICE:
      dma_device_ = v;
      return true;
    case HOSTIF_DMA_LENGTH:
      dma_length_ = v;
      return true;
    case HOSTIF_DMA_STATUS:
      dma_status_ &= ~(v & (HOSTIF_DMA_DONE | HOSTIF_DMA_ERROR));
      return true;
    case HOSTIF_DMA_CONTROL:
      if ((v & HOSTIF_DMA_START) && !(dma_status_ & HOSTIF_DMA_BUSY)) {
        dma_to_host_ = v & HOSTIF_DMA_TO_HOST;
        dma_status_ = HOSTIF_DMA_BUSY;
        dma_start_.notify(sc_core::SC_ZERO_TIME);
      }
      return true;
    default:
      return false;
  }
}

void HostInterface::dma_thread() {
  constexpr uint32_t kChunk = 4096;  // one device-side transaction
  for (;;) {
    sc_core::wait(dma_start_);
    uint8_t* host = host_bytes(dma_host_, dma_length_);
    bool ok = host != nullptr;
    sc_core::sc_time delay = config_.clock_period * static_cast<double>(config_.dma_latency_cycles);
    for (uint32_t done = 0; ok && done < dma_length_; done += kChunk) {
      const uint32_t n = std::min(kChunk, dma_length_ - done);
      tlm::tlm_generic_payload p;
      set_data_access(p, !dma_to_host_, dma_device_ + done, host + done, n);
      dma_socket->b_transport(p, delay);
      ok = p.is_response_ok();
      // The link to the host bounds the rate, whatever the device side allows.
      delay += config_.clock_period * std::ceil(n / config_.dma_bytes_per_cycle);
    }
    sc_core::wait(delay);
    dma_status_ = ok ? HOSTIF_DMA_DONE : HOSTIF_DMA_ERROR;
  }
}

}  // namespace tessera
