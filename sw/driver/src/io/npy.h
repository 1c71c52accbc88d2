// What tells a NumPy .npy file from other tensor files.
#pragma once

#include <string>

namespace tessera::driver::io {

inline const std::string kNpyMagic = "\x93NUMPY";

inline bool has_npy_magic(const std::string& bytes) {
  return bytes.compare(0, kNpyMagic.size(), kNpyMagic) == 0;
}

}  // namespace tessera::driver::io
