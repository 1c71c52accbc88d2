#include "ops/elements.h"

#include <algorithm>
#include <type_traits>

#include "tessera/driver/error.h"

namespace tessera::driver::ops {

std::vector<double> float_values(const Tensor& tensor) {
  const float* elements = tensor.data<float>();
  return std::vector<double>(elements, elements + tensor.size());
}

std::vector<int32_t> integer_values(const Tensor& tensor) {
  std::vector<int32_t> values(tensor.size());
  visit_data_type(tensor.type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_integral_v<T> && sizeof(T) <= sizeof(int32_t)) {
      std::copy(tensor.data<T>(), tensor.data<T>() + tensor.size(), values.begin());
    } else {
      throw Error(std::string("integer_values of a ") + to_string(tensor.type()) + " tensor");
    }
  });
  return values;
}

void store_integers(const std::vector<int32_t>& values, Tensor& tensor) {
  visit_data_type(tensor.type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* elements = tensor.data<T>();
    for (size_t i = 0; i < values.size(); ++i) elements[i] = static_cast<T>(values[i]);
  });
}

}  // namespace tessera::driver::ops
