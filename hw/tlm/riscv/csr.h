// CSR numbers of the machine-mode privileged architecture and the unprivileged counters, from
// isa/csrs.def, and their names.
#pragma once

#include <cstdint>
#include <string>

namespace tessera::riscv::csr {

enum : uint32_t {
#define CSR(name, number) name = number,
#include "isa/csrs.def"
#undef CSR
  // The first and last of each hardware-performance-monitor family.
  hpmcounter3 = 0xC03,
  hpmcounter31 = 0xC1F,
  hpmcounter3h = 0xC83,
  hpmcounter31h = 0xC9F,
  mhpmevent3 = 0x323,
  mhpmevent31 = 0x33F,
  mhpmcounter3 = 0xB03,
  mhpmcounter31 = 0xB1F,
  mhpmcounter3h = 0xB83,
  mhpmcounter31h = 0xB9F,
};

// The CSR's name as the assembler spells it ("mstatus", "mhpmcounter5"), or an empty string
// for a number the core does not implement.
std::string name(uint32_t number);

}  // namespace tessera::riscv::csr
