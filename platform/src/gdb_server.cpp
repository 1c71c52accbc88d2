#include "gdb_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace tessera::gdb {
namespace {

// Closes `fd` (when open) and throws, naming what failed and why.
[[noreturn]] void fail(int fd, const std::string& what) {
  const std::string why = std::strerror(errno);
  if (fd >= 0) ::close(fd);
  throw std::runtime_error("gdb server: " + what + ": " + why);
}

}  // namespace

GdbServer::GdbServer(uint16_t port) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener_ < 0) fail(-1, "socket");
  const int on = 1;
  ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // never reachable from another machine
  addr.sin_port = htons(port);
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    fail(listener_, "cannot listen on 127.0.0.1:" + std::to_string(port));
  socklen_t len = sizeof addr;
  if (::listen(listener_, 1) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    fail(listener_, "listen");
  port_ = ntohs(addr.sin_port);
}

GdbServer::~GdbServer() {
  disconnect();
  if (listener_ >= 0) ::close(listener_);
}

void GdbServer::accept_connection() {
  do connection_ = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
  while (connection_ < 0 && errno == EINTR);
  if (connection_ < 0) fail(-1, "accept");
  ::close(listener_);
  listener_ = -1;
  const int on = 1;  // packets are small and latency is what the user feels
  ::setsockopt(connection_, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

void GdbServer::disconnect() {
  if (connection_ >= 0) ::close(connection_);
  connection_ = -1;
}

bool GdbServer::read_socket(bool wait) {
  char buffer[4096];
  const ssize_t n = ::recv(connection_, buffer, sizeof buffer, wait ? 0 : MSG_DONTWAIT);
  if (n > 0) {
    reader_.feed(std::string_view(buffer, static_cast<size_t>(n)));
    return true;
  }
  if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) return true;
  disconnect();
  return false;
}

void GdbServer::write_socket(const std::string& bytes) {
  size_t sent = 0;
  while (connected() && sent < bytes.size()) {
    const ssize_t n = ::send(connection_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n > 0)
      sent += static_cast<size_t>(n);
    else if (errno != EINTR)
      disconnect();
  }
}

std::optional<std::string> GdbServer::receive() {
  while (connected()) {
    while (std::optional<Incoming> item = reader_.next()) {
      if (item->kind == Incoming::Kind::kBadChecksum) {
        if (ack_mode_) write_socket("-");  // GDB sends it again
      } else if (item->kind == Incoming::Kind::kPacket) {
        if (ack_mode_) write_socket("+");
        return std::move(item->payload);
      }  // a Ctrl-C while stopped changes nothing
    }
    read_socket(true);
  }
  return std::nullopt;
}

void GdbServer::send(const std::string& payload) {
  write_socket(frame(payload));
}

bool GdbServer::interrupted() {
  if (!connected()) return false;
  pollfd p{connection_, POLLIN, 0};
  if (::poll(&p, 1, 0) > 0 && !read_socket(false)) return false;
  return reader_.take_interrupt();
}

}  // namespace tessera::gdb
