// GdbServer: the socket end of the GDB stub. It listens on the loopback interface only, takes
// one connection, and moves packets (gdb_packet.h) in and out: blocking while the target is
// stopped, polling for Ctrl-C while it runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "gdb_packet.h"

namespace tessera::gdb {

class GdbServer {
 public:
  // Listens on 127.0.0.1:port; port 0 lets the system pick a free one (see port()). Throws
  // std::runtime_error when it cannot.
  explicit GdbServer(uint16_t port);
  ~GdbServer();
  GdbServer(const GdbServer&) = delete;
  GdbServer& operator=(const GdbServer&) = delete;

  uint16_t port() const { return port_; }
  // Waits for GDB to connect; stops listening then.
  void accept_connection();
  bool connected() const { return connection_ >= 0; }

  // The next packet's payload, waiting for it; acknowledges it (in ack mode). nullopt once GDB
  // has hung up.
  std::optional<std::string> receive();
  void send(const std::string& payload);
  // Whether GDB sent Ctrl-C since the last call, without waiting. Also notices a hang-up.
  bool interrupted();
  // After QStartNoAckMode: neither side acknowledges packets any more.
  void set_ack_mode(bool on) { ack_mode_ = on; }

 private:
  // Reads what the socket has (waiting for something if `wait`); false on hang-up.
  bool read_socket(bool wait);
  void write_socket(const std::string& bytes);
  void disconnect();

  int listener_ = -1;
  int connection_ = -1;
  uint16_t port_ = 0;
  bool ack_mode_ = true;
  PacketReader reader_;
};

}  // namespace tessera::gdb
