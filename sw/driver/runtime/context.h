// Context: what stands behind a Device, its streams and its events: the transport, the heap
// of device memory, the command lists in flight, and the thread that takes the device's MSIs
// and completes them. docs/driver.md describes the protocol with the firmware.
//
// Locking: `mutex_` guards the state below it and every Submission's outcome; waiters sleep on
// `changed_`. `host_mutex_` serializes the host's own use of the transport (boot, submissions,
// reset, close) so that the submission queue's slots and tail stay in step; the MSI thread
// uses the transport concurrently (it is thread-safe) and never takes `host_mutex_`.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "device_heap.h"
#include "submission.h"
#include "tessera/driver/command_list.h"
#include "tessera/driver/device.h"
#include "transport.h"

namespace tessera::driver::detail {

class Context {
 public:
  static Status open(const DeviceOptions& options, std::shared_ptr<Context>* context);
  ~Context();
  // Stops the device; everything still in flight ends kDeviceLost. Later calls fail alike.
  void close();

  Status boot(const std::string& firmware);
  DeviceProperties properties() const;
  const DeviceOptions& options() const { return options_; }

  Status allocate(DevicePtr* ptr, uint64_t bytes);
  Status release(DevicePtr ptr);

  std::shared_ptr<StreamState> create_stream();
  // Host copies, through the device's host DMA: a list of COPY_FROM_HOST / COPY_TO_HOST.
  Status copy(StreamState& stream, DevicePtr device, void* host, uint64_t bytes, bool to_host);
  Status launch(StreamState& stream, const CommandList& list,
                std::shared_ptr<Submission>* submission);
  // A NOP list: its completion is the event's.
  Status record(StreamState& stream, std::shared_ptr<Submission>* submission);
  Status synchronize(StreamState& stream, std::chrono::milliseconds timeout);
  Status synchronize_all(std::chrono::milliseconds timeout);
  Status reset(std::chrono::milliseconds timeout, size_t* abandoned);

  // For events: waits for one submission, and reads its outcome consistently.
  Status wait(const Submission& submission, std::chrono::milliseconds timeout);
  struct Outcome {
    bool done;
    Status result;
    uint64_t start_ns, end_ns;
    std::vector<OpProfile> ops;
  };
  Outcome outcome(const Submission& submission) const;

 private:
  // Host memory the device DMA reaches at `bus` while a list runs.
  struct HostRange {
    uint64_t bus;
    void* data;
    uint64_t bytes;
  };

  Context(const DeviceOptions& options, std::unique_ptr<Transport> transport);
  Status submit(StreamState& stream, std::vector<tsr_command> commands,
                const std::vector<HostRange>& host, std::shared_ptr<Submission>* submission);
  // Checks a launch's commands and narrows kAllTiles to the tiles online.
  Status prepare(std::vector<tsr_command>& commands) const;
  Status post(uint64_t list_addr);
  void discard(const Submission& submission);  // undoes a submission the device never saw
  Status usable() const;                       // with mutex_ held
  std::string heap_report() const;             // with mutex_ held
  uint32_t next_list_id();                     // with mutex_ held

  void msi_loop();
  void complete_list(uint32_t list_id);
  // The device is gone: `why` becomes every later call's answer and every waiter's.
  void lose(const Status& why);

  const DeviceOptions options_;
  std::unique_ptr<Transport> transport_;
  const ChipInfo chip_;
  std::thread msi_thread_;
  std::atomic<bool> closing_{false};
  std::mutex host_mutex_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  DeviceHeap heap_;
  Status lost_;  // kSuccess until the device is lost
  bool started_ = false, ready_ = false, booted_ = false;
  uint32_t tiles_online_ = 0;
  uint64_t queue_addr_ = 0;
  uint32_t queue_tail_ = 0;  // lists posted (mirrors the device's tsr_queue.tail)
  uint32_t last_list_id_ = 0;
  uint32_t control_seq_ = 0, control_done_ = 0;
  size_t aborted_lists_ = 0;
  uint64_t next_bus_address_;
  uint32_t next_stream_id_ = 1;
  std::map<uint32_t, std::shared_ptr<Submission>> in_flight_;  // by list id
  std::vector<std::weak_ptr<StreamState>> streams_;
};

}  // namespace tessera::driver::detail
