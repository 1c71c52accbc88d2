#include "gdb_riscv.h"

#include "riscv/disasm.h"

namespace tessera::gdb::riscv32 {

std::string target_xml() {
  std::string xml =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
      "<target version=\"1.0\">\n"
      "<architecture>riscv:rv32</architecture>\n"
      "<feature name=\"org.gnu.gdb.riscv.cpu\">\n";
  for (unsigned r = 0; r < kPc; ++r) {
    const char* type = r == 1 ? "code_ptr" : (r >= 2 && r <= 4) ? "data_ptr" : "int";
    xml += "<reg name=\"" + std::string(riscv::abi_name(r)) + "\" bitsize=\"32\" type=\"" + type +
           "\" regnum=\"" + std::to_string(r) + "\"/>\n";
  }
  xml += "<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\" regnum=\"" + std::to_string(kPc) +
         "\"/>\n</feature>\n<feature name=\"org.gnu.gdb.riscv.csr\">\n";
#define CSR(name, number)                                                  \
  xml += "<reg name=\"" #name "\" bitsize=\"32\" type=\"int\" regnum=\"" + \
         std::to_string(kFirstCsr + number) + "\"/>\n";
#include "riscv/isa/csrs.def"
#undef CSR
  return xml + "</feature>\n</target>\n";
}

}  // namespace tessera::gdb::riscv32
