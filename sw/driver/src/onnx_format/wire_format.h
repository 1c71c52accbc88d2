// Explains why bytes do not parse as a protobuf message, which protobuf's parser does not say.
#pragma once

#include <string>

namespace tessera::driver::onnx_format {

// Walks the top-level fields of `bytes` and names the first problem: a wire type that does not
// exist (not a protobuf), or a field running past the end (truncated). When the top level is
// sound the problem is nested inside a field, and the message says so.
std::string wire_format_problem(const std::string& bytes);

}  // namespace tessera::driver::onnx_format
