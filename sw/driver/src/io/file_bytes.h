// Whole-file reads and writes, with errors that name the file.
#pragma once

#include <string>

namespace tessera::driver::io {

std::string read_file_bytes(const std::string& path);
void write_file_bytes(const std::string& path, const std::string& bytes);

}  // namespace tessera::driver::io
