#include "context.h"

#include <algorithm>
#include <cstddef>
#include <cstring>

#include "in_process_transport.h"
#include "tessera/abi/host_protocol.h"
#include "tessera/hw/hostif_regs.h"
#include "tessera/hw/memory_map.h"
#include "text.h"

namespace tessera::driver::detail {

namespace {

constexpr uint64_t kAlignment = 256;
constexpr uint64_t kMaxTransfer = 256ull << 20;  // bytes one host DMA command moves
// Bus addresses the driver gives host memory for the device DMA, like an IOMMU's: each copy
// gets its own range, so concurrent copies of one buffer never share a mapping.
constexpr uint64_t kFirstBusAddress = 1ull << 40;
constexpr uint64_t kBusPage = 4096;
constexpr auto kMsiPoll = std::chrono::milliseconds(20);  // how often a quiet device is checked

std::string ms(std::chrono::milliseconds timeout) {
  return std::to_string(timeout.count()) + " ms";
}

}  // namespace

Status Context::open(const DeviceOptions& options, std::shared_ptr<Context>* context) {
  std::unique_ptr<Transport> transport;
  Status status = open_in_process(options, &transport);
  if (!status.ok()) return status;
  const ChipInfo chip = transport->chip();
  if (chip.dram_bytes <= TSR_FIRMWARE_DRAM_BYTES)
    return {ErrorCode::kInvalidValue, "dram.size_bytes = " + std::to_string(chip.dram_bytes) +
                                          " leaves no device memory above the " +
                                          byte_count(TSR_FIRMWARE_DRAM_BYTES) +
                                          " the firmware reserves"};
  context->reset(new Context(options, std::move(transport)));
  return {};
}

Context::Context(const DeviceOptions& options, std::unique_ptr<Transport> transport)
    : options_(options),
      transport_(std::move(transport)),
      chip_(transport_->chip()),
      heap_(TESSERA_DRAM_BASE + uint64_t{TSR_FIRMWARE_DRAM_BYTES},
            chip_.dram_bytes - TSR_FIRMWARE_DRAM_BYTES, kAlignment),
      next_bus_address_(kFirstBusAddress) {}

Context::~Context() {
  close();
}

void Context::close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!transport_) return;
    // New work is refused from here on, and a submission waiting for queue space gives up.
    if (lost_.ok()) lost_ = {ErrorCode::kDeviceLost, "the device was closed"};
    changed_.notify_all();
  }
  closing_ = true;
  if (msi_thread_.joinable()) msi_thread_.join();
  {
    std::lock_guard<std::mutex> host(host_mutex_);
    std::unique_ptr<Transport> transport;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      transport.swap(transport_);
    }
    transport.reset();  // stops the chip: its DMA no longer touches host memory
  }
  // Only now may waiters let go of the host memory of what was in flight.
  lose({ErrorCode::kDeviceLost, "the device was closed"});
}

Status Context::usable() const {
  if (!lost_.ok()) return lost_;
  if (!booted_) return {ErrorCode::kNotReady, "the device has not booted: call Device::boot"};
  return {};
}

// ---- boot ----

Status Context::boot(const std::string& firmware) {
  std::lock_guard<std::mutex> host(host_mutex_);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!lost_.ok()) return lost_;
    if (booted_) return {ErrorCode::kInvalidValue, "the device has booted already"};
    if (started_)
      return {ErrorCode::kNotReady,
              "firmware started by an earlier boot did not come up, and a started chip cannot "
              "be booted again: close the device"};
  }
  Status status = transport_->load_firmware(firmware, TESSERA_DRAM_BASE,
                                            TESSERA_DRAM_BASE + uint64_t{TSR_FIRMWARE_DRAM_BYTES});
  if (!status.ok()) return status;
  status = transport_->start();
  if (!status.ok()) return status;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    started_ = true;
  }
  msi_thread_ = std::thread(&Context::msi_loop, this);

  {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!changed_.wait_for(lock, options_.boot_timeout, [&] { return ready_ || !lost_.ok(); }))
      return {ErrorCode::kTimeout, firmware + " did not report ready within " +
                                       ms(options_.boot_timeout) +
                                       " (is it the runtime firmware, devrt.elf?)"};
    if (!lost_.ok()) return {lost_.code(), firmware + " did not come up: " + lost_.message()};
  }
  uint32_t magic = 0, abi = 0, queue = 0, tiles = 0;
  for (Status s : {transport_->read_reply(TSR_REPLY_MAGIC, &magic),
                   transport_->read_reply(TSR_REPLY_ABI, &abi),
                   transport_->read_reply(TSR_REPLY_QUEUE, &queue),
                   transport_->read_reply(TSR_REPLY_TILES, &tiles)})
    if (!s.ok()) return s;
  if (magic != TSR_READY_MAGIC)
    return {ErrorCode::kInvalidFirmware,
            firmware + " raised an MSI at boot but is not the runtime firmware (reply word " +
                hex(magic) + ", expected " + hex(TSR_READY_MAGIC) + ")"};
  if (abi != TSR_ABI_VERSION)
    return {ErrorCode::kUnsupported, firmware + " speaks command-list ABI version " +
                                         std::to_string(abi) + ", this driver version " +
                                         std::to_string(TSR_ABI_VERSION)};
  std::lock_guard<std::mutex> lock(mutex_);
  queue_addr_ = queue;
  tiles_online_ = tiles;
  booted_ = true;
  return {};
}

DeviceProperties Context::properties() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return {chip_.tiles,        tiles_online_,  chip_.dram_bytes,  heap_.size(),
          heap_.free_bytes(), chip_.clock_hz, chip_.timebase_hz, booted_};
}

// ---- memory ----

std::string Context::heap_report() const {
  return byte_count(heap_.free_bytes()) + " free of " + byte_count(heap_.size()) +
         ", the largest free block " + byte_count(heap_.largest_free_block());
}

Status Context::allocate(DevicePtr* ptr, uint64_t bytes) {
  if (ptr == nullptr || bytes == 0)
    return {ErrorCode::kInvalidValue, "malloc needs a pointer to fill and a size above 0"};
  std::lock_guard<std::mutex> lock(mutex_);
  if (!lost_.ok()) return lost_;
  const auto address = heap_.allocate(bytes);
  if (!address)
    return {ErrorCode::kOutOfMemory,
            "out of device memory: " + byte_count(bytes) + " requested, " + heap_report()};
  *ptr = *address;
  return {};
}

Status Context::release(DevicePtr ptr) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!heap_.free(ptr))
    return {ErrorCode::kInvalidValue, hex(ptr) + " is not the address of a device allocation"};
  return {};
}

// ---- submitting ----

std::shared_ptr<StreamState> Context::create_stream() {
  auto stream = std::make_shared<StreamState>();
  std::lock_guard<std::mutex> lock(mutex_);
  stream->id = next_stream_id_++;
  streams_.erase(std::remove_if(streams_.begin(), streams_.end(),
                                [](const auto& weak) { return weak.expired(); }),
                 streams_.end());
  streams_.push_back(stream);
  return stream;
}

uint32_t Context::next_list_id() {
  // Ids travel in the MSI's 28 bits; 0 is never one, and ids still in flight are skipped.
  do last_list_id_ = (last_list_id_ + 1) & TSR_MSI_ID_MASK;
  while (last_list_id_ == 0 || in_flight_.count(last_list_id_));
  return last_list_id_;
}

Status Context::copy(StreamState& stream, DevicePtr device, void* host, uint64_t bytes,
                     bool to_host) {
  const char* direction = to_host ? "from" : "to";
  if (host == nullptr || bytes == 0)
    return {ErrorCode::kInvalidValue, "a copy needs a host pointer and a size above 0"};
  uint64_t bus;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!heap_.contains(device, bytes))
      return {ErrorCode::kInvalidValue, std::string("a copy of ") + byte_count(bytes) + " " +
                                            direction + " device memory at " +
                                            range(device, bytes) +
                                            " does not lie inside one device allocation"};
    bus = next_bus_address_;
    next_bus_address_ += (bytes + 2 * kBusPage - 1) / kBusPage * kBusPage;  // and a guard page
  }
  std::vector<tsr_command> commands;
  for (uint64_t offset = 0; offset < bytes; offset += kMaxTransfer) {
    tsr_command c{};
    c.opcode = to_host ? TSR_OP_COPY_TO_HOST : TSR_OP_COPY_FROM_HOST;
    c.operands[0] = {static_cast<uint32_t>(device + offset),
                     static_cast<uint32_t>(std::min(kMaxTransfer, bytes - offset))};
    c.params[0] = static_cast<uint32_t>(bus + offset);
    c.params[1] = static_cast<uint32_t>((bus + offset) >> 32);
    commands.push_back(c);
  }
  return submit(stream, std::move(commands), {{bus, host, bytes}}, nullptr);
}

Status Context::launch(StreamState& stream, const CommandList& list,
                       std::shared_ptr<Submission>* submission) {
  if (list.empty() || list.commands().size() > TSR_LIST_MAX_COMMANDS)
    return {ErrorCode::kInvalidValue,
            "a launch takes 1 to " + std::to_string(TSR_LIST_MAX_COMMANDS) + " commands, not " +
                std::to_string(list.commands().size())};
  std::vector<tsr_command> commands = list.commands();
  Status status = prepare(commands);
  if (!status.ok()) return status;
  return submit(stream, std::move(commands), {}, submission);
}

Status Context::prepare(std::vector<tsr_command>& commands) const {
  const uint32_t chip_tiles = chip_.tiles >= 32 ? ~0u : (1u << chip_.tiles) - 1;
  std::lock_guard<std::mutex> lock(mutex_);
  for (size_t i = 0; i < commands.size(); ++i) {
    tsr_command& c = commands[i];
    const std::string where = "command " + std::to_string(i) + " (" + opcode_name(c.opcode) + ")";
    if (c.opcode == TSR_OP_COPY_FROM_HOST || c.opcode == TSR_OP_COPY_TO_HOST)
      return {ErrorCode::kInvalidValue,
              where + ": host copies are queued with Stream::memcpy_to_device/memcpy_to_host"};
    if (c.tile_mask == kAllTiles) {
      c.tile_mask = tiles_online_;
    } else if ((c.tile_mask & ~chip_tiles) != 0) {
      return {ErrorCode::kInvalidValue, where + ": tile mask " + hex(c.tile_mask) +
                                            " names tiles the chip does not have (it has " +
                                            std::to_string(chip_.tiles) + ")"};
    }
    for (int k = 0; k < TSR_OPERANDS; ++k) {
      const tsr_operand& o = c.operands[k];
      if (o.bytes != 0 && !heap_.contains(o.addr, o.bytes))
        return {ErrorCode::kInvalidValue, where + ": operand " + std::to_string(k) + " " +
                                              range(o.addr, o.bytes) +
                                              " does not lie inside one device allocation"};
    }
  }
  return {};
}

Status Context::record(StreamState& stream, std::shared_ptr<Submission>* submission) {
  return launch(stream, CommandList().nop(), submission);
}

Status Context::submit(StreamState& stream, std::vector<tsr_command> commands,
                       const std::vector<HostRange>& host,
                       std::shared_ptr<Submission>* submission) {
  auto s = std::make_shared<Submission>();
  s->stream_id = stream.id;
  s->commands = std::move(commands);
  const uint64_t count = s->commands.size();
  const uint64_t status_offset = sizeof(tsr_list_header) + count * sizeof(tsr_command);
  const uint64_t bytes = status_offset + TSR_STATUS_BYTES(count);

  // At most TSR_QUEUE_ENTRIES unfinished lists, so the queue slot to be written is free. A
  // submitter waits for space without the host lock, so that a reset can pass it.
  const auto deadline = std::chrono::steady_clock::now() + options_.timeout;
  std::unique_lock<std::mutex> host_lock(host_mutex_, std::defer_lock);
  {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      Status status = usable();
      if (!status.ok()) return status;
      if (in_flight_.size() < TSR_QUEUE_ENTRIES) {
        if (host_lock.owns_lock()) break;
        lock.unlock();  // the lock order is host_mutex_, then mutex_
        host_lock.lock();
        lock.lock();
        continue;  // look again: another submitter may have taken the space
      }
      if (host_lock.owns_lock()) host_lock.unlock();
      if (!changed_.wait_until(
              lock, deadline, [&] { return in_flight_.size() < TSR_QUEUE_ENTRIES || !lost_.ok(); }))
        return {ErrorCode::kTimeout, "the device holds " + std::to_string(TSR_QUEUE_ENTRIES) +
                                         " unfinished lists and none finished within " +
                                         ms(options_.timeout)};
    }
    const auto buffer = heap_.allocate(bytes);
    if (!buffer)
      return {ErrorCode::kOutOfMemory,
              "no device memory for a command list of " + byte_count(bytes) + ": " + heap_report()};
    s->buffer = *buffer;
    s->status_addr = *buffer + status_offset;
    s->list_id = next_list_id();
    in_flight_[s->list_id] = s;
  }

  std::vector<uint8_t> image(bytes, 0);  // the status record starts zeroed: PENDING
  const tsr_list_header header{TSR_LIST_MAGIC, s->list_id, static_cast<uint32_t>(count),
                               static_cast<uint32_t>(s->status_addr)};
  std::memcpy(image.data(), &header, sizeof(header));
  std::memcpy(image.data() + sizeof(header), s->commands.data(), count * sizeof(tsr_command));
  Status status;
  for (const HostRange& range : host) {
    status = transport_->map_host(range.bus, range.data, range.bytes);
    if (!status.ok()) break;
    s->host_mappings.push_back(range.bus);
  }
  if (status.ok()) status = transport_->write(s->buffer, image.data(), bytes);
  if (status.ok()) status = post(s->buffer);
  if (!status.ok()) {
    discard(*s);
    return status;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  stream.pending.push_back(s);
  if (submission != nullptr) *submission = s;
  return {};
}

Status Context::post(uint64_t list_addr) {
  const uint32_t slot = queue_tail_ % TSR_QUEUE_ENTRIES, addr = static_cast<uint32_t>(list_addr);
  const uint32_t tail = queue_tail_ + 1;
  Status status = transport_->write(
      queue_addr_ + offsetof(tsr_queue, lists) + slot * sizeof(uint32_t), &addr, sizeof(addr));
  // The slot before the tail: the firmware reads the tail first.
  if (status.ok())
    status = transport_->write(queue_addr_ + offsetof(tsr_queue, tail), &tail, sizeof(tail));
  if (!status.ok()) return status;
  queue_tail_ = tail;
  return transport_->ring_doorbell();
}

void Context::discard(const Submission& submission) {
  for (uint64_t bus : submission.host_mappings) (void)transport_->unmap_host(bus);
  std::lock_guard<std::mutex> lock(mutex_);
  in_flight_.erase(submission.list_id);
  heap_.free(submission.buffer);
}

// ---- completions ----

void Context::msi_loop() {
  while (!closing_) {
    uint32_t vector = 0;
    if (!transport_->wait_msi(&vector, kMsiPoll)) {
      const Status health = transport_->health();
      if (!health.ok()) {
        lose(health);
        return;
      }
      continue;
    }
    const uint32_t id = TSR_MSI_ID(vector);
    switch (TSR_MSI_KIND(vector)) {
      case TSR_MSI_LIST_DONE:
        complete_list(id);
        break;
      case TSR_MSI_READY: {
        std::lock_guard<std::mutex> lock(mutex_);
        ready_ = true;
        changed_.notify_all();
        break;
      }
      case TSR_MSI_CONTROL_DONE: {
        std::lock_guard<std::mutex> lock(mutex_);
        control_done_ = id;
        changed_.notify_all();
        break;
      }
      default:
        break;  // a vector this driver does not know: nothing waits for it
    }
  }
}

void Context::complete_list(uint32_t list_id) {
  std::shared_ptr<Submission> s;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = in_flight_.find(list_id);
    if (it == in_flight_.end()) return;  // lost and closed meanwhile
    s = it->second;
  }
  std::vector<uint8_t> record(TSR_STATUS_BYTES(s->commands.size()));
  const Status read = transport_->read(s->status_addr, record.data(), record.size());
  for (uint64_t bus : s->host_mappings) (void)transport_->unmap_host(bus);

  std::lock_guard<std::mutex> lock(mutex_);
  if (read.ok())
    complete_from_record(*s, record, chip_.timebase_hz);
  else
    s->result = read;
  if (s->abandoned) ++aborted_lists_;
  s->done = true;
  in_flight_.erase(list_id);
  heap_.free(s->buffer);
  changed_.notify_all();
}

void Context::lose(const Status& why) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (lost_.ok()) lost_ = why;
  for (auto& entry : in_flight_) {
    Submission& s = *entry.second;
    s.result = {lost_.code(), s.name() + ": " + lost_.message()};
    s.done = true;
  }
  in_flight_.clear();
  changed_.notify_all();
}

// ---- waiting ----

Status Context::synchronize(StreamState& stream, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  const auto pending = stream.pending;
  const auto all_done = [&] {
    return std::all_of(pending.begin(), pending.end(), [](const auto& s) { return s->done; });
  };
  if (!changed_.wait_for(lock, timeout, all_done)) {
    const auto late =
        std::find_if(pending.begin(), pending.end(), [](const auto& s) { return !s->done; });
    return {ErrorCode::kTimeout, (*late)->name() + " did not complete within " + ms(timeout) +
                                     "; it stays queued on the device (Device::reset abandons "
                                     "it)"};
  }
  // Another thread may have synchronized the stream meanwhile: drop what is still there.
  auto& queue = stream.pending;
  queue.erase(std::remove_if(queue.begin(), queue.end(),
                             [&](const auto& s) {
                               return std::find(pending.begin(), pending.end(), s) != pending.end();
                             }),
              queue.end());
  for (const auto& s : pending)
    if (!s->result.ok() && !s->abandoned) return s->result;
  return {};
}

Status Context::synchronize_all(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<std::shared_ptr<StreamState>> streams;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& weak : streams_)
      if (auto stream = weak.lock()) streams.push_back(stream);
  }
  Status first;
  for (const auto& stream : streams) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    Status status = synchronize(*stream, std::max(left, std::chrono::milliseconds(0)));
    if (status.code() == ErrorCode::kTimeout) return status;
    if (first.ok()) first = status;
  }
  return first;
}

Status Context::wait(const Submission& submission, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!changed_.wait_for(lock, timeout, [&] { return submission.done; }))
    return {ErrorCode::kTimeout, submission.name() + " did not complete within " + ms(timeout)};
  return submission.result;
}

Context::Outcome Context::outcome(const Submission& submission) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return {submission.done, submission.result, submission.start_ns, submission.end_ns,
          submission.ops};
}

// ---- reset ----

Status Context::reset(std::chrono::milliseconds timeout, size_t* abandoned) {
  std::lock_guard<std::mutex> host(host_mutex_);
  uint32_t seq;
  size_t aborted_before;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Status status = usable();
    if (!status.ok()) return status;
    seq = ++control_seq_ & TSR_MSI_ID_MASK;
    aborted_before = aborted_lists_;
  }
  for (Status s : {transport_->write_mailbox(TSR_MAILBOX_CODE, TSR_CONTROL_RESET),
                   transport_->write_mailbox(TSR_MAILBOX_SEQ, seq), transport_->ring_doorbell()})
    if (!s.ok()) return s;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    // The firmware ends every abandoned list, with its MSI, before it answers; MSIs arrive in
    // order, so once the answer is here every list submitted before the reset has ended.
    if (!changed_.wait_for(lock, timeout, [&] { return control_done_ == seq || !lost_.ok(); })) {
      lock.unlock();
      const Status timed_out{ErrorCode::kTimeout, "the firmware did not answer a reset within " +
                                                      ms(timeout) + "; the device is lost"};
      lose({ErrorCode::kDeviceLost, "the firmware stopped answering (a reset timed out)"});
      return timed_out;
    }
    if (!lost_.ok()) return lost_;
    if (abandoned != nullptr) *abandoned = aborted_lists_ - aborted_before;
  }
  uint32_t tiles = 0;
  Status status = transport_->read_reply(TSR_REPLY_TILES, &tiles);
  std::lock_guard<std::mutex> lock(mutex_);
  if (status.ok()) tiles_online_ = tiles;
  return status;
}

}  // namespace tessera::driver::detail
