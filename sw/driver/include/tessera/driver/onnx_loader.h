// Reads an ONNX model into the IR, with shapes inferred.
#pragma once

#include <string>

#include "tessera/driver/graph.h"

namespace tessera::driver {

// Every error message starts with the file's path:
//   Error               the file cannot be read
//   FileFormatError     not a protobuf, truncated, or a protobuf without a graph
//   InvalidModelError   the graph breaks the ONNX rules (undefined values, type or shape clashes)
//   UnsupportedError    an operator, attribute, data type or feature Tessera does not handle
Graph load_onnx_model(const std::string& path);

// The same for a serialized ModelProto; `source` names it in messages.
Graph parse_onnx_model(const std::string& bytes, const std::string& source);

}  // namespace tessera::driver
