#include "tessera/driver/tensor_compare.h"

#include <cmath>
#include <sstream>
#include <type_traits>

namespace tessera::driver {

namespace {

constexpr int kReportedElements = 5;

template <class T>
bool close_enough(T expected, T actual, Tolerance tolerance) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(expected) || std::isnan(actual))
      return std::isnan(expected) && std::isnan(actual);
    return std::fabs(static_cast<double>(actual) - expected) <=
           tolerance.absolute + tolerance.relative * std::fabs(static_cast<double>(expected));
  } else {
    return expected == actual;
  }
}

}  // namespace

std::string describe_mismatch(const Tensor& expected, const Tensor& actual, Tolerance tolerance) {
  if (expected.type() != actual.type() || expected.shape() != actual.shape()) {
    return std::string("expected ") + to_string(expected.type()) + " " +
           to_string(expected.shape()) + ", got " + to_string(actual.type()) + " " +
           to_string(actual.shape());
  }
  std::ostringstream report;
  int64_t differing = 0;
  visit_data_type(expected.type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    // Print int8/uint8 as numbers, not characters.
    using Printable = decltype(+T{});
    const T *want = expected.data<T>(), *got = actual.data<T>();
    for (int64_t i = 0; i < expected.size(); ++i) {
      if (close_enough(want[i], got[i], tolerance)) continue;
      if (differing++ < kReportedElements) {
        report << "\n  element " << i << ": expected " << static_cast<Printable>(want[i])
               << ", got " << static_cast<Printable>(got[i]);
      }
    }
  });
  if (differing == 0) return "";
  return std::to_string(differing) + " of " + std::to_string(expected.size()) + " elements differ" +
         report.str();
}

}  // namespace tessera::driver
