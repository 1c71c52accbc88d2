#include "io/file_bytes.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "tessera/driver/error.h"

namespace tessera::driver::io {

std::string read_file_bytes(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw Error(path + ": cannot open (" + std::strerror(errno) + ")");
  std::ostringstream bytes;
  bytes << file.rdbuf();
  if (file.bad()) throw Error(path + ": cannot read");
  return bytes.str();
}

void write_file_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream file(path, std::ios::binary);
  if (!file) throw Error(path + ": cannot open for writing (" + std::strerror(errno) + ")");
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) throw Error(path + ": cannot write");
}

}  // namespace tessera::driver::io
