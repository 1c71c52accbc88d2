// CSR numbers of the machine-mode privileged architecture and the unprivileged counters.
#pragma once

#include <cstdint>

namespace tessera::riscv::csr {

enum : uint32_t {
  cycle = 0xC00,
  time = 0xC01,
  instret = 0xC02,
  hpmcounter3 = 0xC03,
  hpmcounter31 = 0xC1F,
  cycleh = 0xC80,
  timeh = 0xC81,
  instreth = 0xC82,
  hpmcounter3h = 0xC83,
  hpmcounter31h = 0xC9F,
  mstatus = 0x300,
  misa = 0x301,
  mie = 0x304,
  mtvec = 0x305,
  mstatush = 0x310,
  mcountinhibit = 0x320,
  mhpmevent3 = 0x323,
  mhpmevent31 = 0x33F,
  mscratch = 0x340,
  mepc = 0x341,
  mcause = 0x342,
  mtval = 0x343,
  mip = 0x344,
  mcycle = 0xB00,
  minstret = 0xB02,
  mhpmcounter3 = 0xB03,
  mhpmcounter31 = 0xB1F,
  mcycleh = 0xB80,
  minstreth = 0xB82,
  mhpmcounter3h = 0xB83,
  mhpmcounter31h = 0xB9F,
  mvendorid = 0xF11,
  marchid = 0xF12,
  mimpid = 0xF13,
  mhartid = 0xF14,
  mconfigptr = 0xF15,
};

}  // namespace tessera::riscv::csr
