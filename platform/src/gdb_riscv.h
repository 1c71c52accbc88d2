// How GDB sees one of the chip's harts: RV32 registers by number, and the target description
// (qXfer:features:read:target.xml) that names them, the CSRs included.
#pragma once

#include <string>

namespace tessera::gdb::riscv32 {

// GDB's own RISC-V numbering: x0-x31 are 0-31, then the pc; CSR n is kFirstCsr + n.
constexpr unsigned kPc = 32;
constexpr unsigned kGeneralRegisters = 33;  // what the g and G packets carry
constexpr unsigned kFirstCsr = 65;

// The org.gnu.gdb.riscv.cpu feature (x0-x31 by ABI name, pc) and org.gnu.gdb.riscv.csr with
// every CSR of isa/csrs.def, so `p $mstatus` works.
std::string target_xml();

}  // namespace tessera::gdb::riscv32
