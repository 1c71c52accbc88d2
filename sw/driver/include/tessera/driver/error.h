// What the driver throws. Every message says what is wrong and where: the file, the node (name
// and operator type), the attribute or the input.
#pragma once

#include <stdexcept>
#include <string>

namespace tessera::driver {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A file that is not what it should be: not a protobuf, truncated, a bad NumPy header.
class FileFormatError : public Error {
 public:
  using Error::Error;
};

// A well-formed file whose model breaks the ONNX rules: an undefined input, a type mismatch,
// shapes that do not fit together.
class InvalidModelError : public Error {
 public:
  using Error::Error;
};

// Valid ONNX that Tessera does not handle (yet): an operator, an attribute value, a data type.
class UnsupportedError : public Error {
 public:
  using Error::Error;
};

}  // namespace tessera::driver
