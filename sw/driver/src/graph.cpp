#include "tessera/driver/graph.h"

#include "tessera/driver/error.h"

namespace tessera::driver {

namespace {

const char* kind_name(const AttributeValue& value) {
  static const char* const kNames[] = {"an int",         "a float",          "a string",
                                       "a list of ints", "a list of floats", "a tensor"};
  return kNames[value.index()];
}

// The attribute's value as a T, the fallback when it is absent, or InvalidModelError.
template <class T>
T typed_attribute(const Node& node, const std::string& attribute, const T& fallback,
                  const char* expected_kind) {
  const auto found = node.attributes.find(attribute);
  if (found == node.attributes.end()) return fallback;
  if (const T* value = std::get_if<T>(&found->second)) return *value;
  throw InvalidModelError(describe(node) + ": attribute '" + attribute + "' must be " +
                          expected_kind + ", not " + kind_name(found->second));
}

}  // namespace

std::string to_string(const TensorType& type) {
  return std::string(to_string(type.type)) + " " + to_string(type.shape);
}

int64_t Node::int_attribute(const std::string& attribute, int64_t fallback) const {
  return typed_attribute(*this, attribute, fallback, "an int");
}

float Node::float_attribute(const std::string& attribute, float fallback) const {
  return typed_attribute(*this, attribute, fallback, "a float");
}

std::string Node::string_attribute(const std::string& attribute,
                                   const std::string& fallback) const {
  return typed_attribute(*this, attribute, fallback, "a string");
}

std::vector<int64_t> Node::ints_attribute(const std::string& attribute,
                                          const std::vector<int64_t>& fallback) const {
  return typed_attribute(*this, attribute, fallback, "a list of ints");
}

std::string describe(const Node& node) {
  return "node '" + node.name + "' (" + node.op_type + ")";
}

const TensorType& Graph::type_of(const std::string& value) const {
  const auto found = value_types.find(value);
  if (found == value_types.end()) throw InvalidModelError("value '" + value + "' is not defined");
  return found->second;
}

const Tensor* Graph::initializer(const std::string& value) const {
  const auto found = initializers.find(value);
  return found == initializers.end() ? nullptr : &found->second;
}

}  // namespace tessera::driver
