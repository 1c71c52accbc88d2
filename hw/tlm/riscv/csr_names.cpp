#include "csr.h"

namespace tessera::riscv::csr {
namespace {

struct Named {
  uint32_t number;
  const char* name;
};
constexpr Named kNamed[] = {
#define CSR(name, number) {number, #name},
#include "isa/csrs.def"
#undef CSR
};

// A family of 29 counters numbered 3 to 31: prefix + index (+ "h" for the upper halves).
struct Family {
  uint32_t first;
  const char* prefix;
  const char* suffix;
};
constexpr Family kFamilies[] = {
    {hpmcounter3, "hpmcounter", ""},   {hpmcounter3h, "hpmcounter", "h"},
    {mhpmcounter3, "mhpmcounter", ""}, {mhpmcounter3h, "mhpmcounter", "h"},
    {mhpmevent3, "mhpmevent", ""},
};

}  // namespace

std::string name(uint32_t number) {
  for (const Named& n : kNamed)
    if (n.number == number) return n.name;
  for (const Family& f : kFamilies)
    if (number - f.first <= 28) return f.prefix + std::to_string(number - f.first + 3) + f.suffix;
  return "";
}

}  // namespace tessera::riscv::csr
