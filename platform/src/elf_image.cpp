#include "elf_image.h"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "tessera/hw/memory_map.h"

namespace tessera {
namespace {

class Reader {
 public:
  Reader(std::string path, std::vector<uint8_t> bytes)
      : path_(std::move(path)), bytes_(std::move(bytes)) {}

  [[noreturn]] void fail(const std::string& what) const { throw ElfError(path_ + ": " + what); }
  template <typename T>
  T at(uint64_t offset, const char* what) const {
    if (offset > bytes_.size() || sizeof(T) > bytes_.size() - offset) {
      std::ostringstream msg;
      msg << "truncated: " << what << " at offset " << offset << " lies beyond the end of the "
          << bytes_.size() << "-byte file";
      fail(msg.str());
    }
    T v;
    std::memcpy(&v, bytes_.data() + offset, sizeof(T));
    return v;
  }
  const uint8_t* span(uint64_t offset, uint64_t size, const char* what) const {
    if (offset > bytes_.size() || size > bytes_.size() - offset) {
      std::ostringstream msg;
      msg << "truncated: " << what << " (" << size << " bytes at offset " << offset
          << ") lies beyond the end of the " << bytes_.size() << "-byte file";
      fail(msg.str());
    }
    return bytes_.data() + offset;
  }
  size_t size() const { return bytes_.size(); }

 private:
  std::string path_;
  std::vector<uint8_t> bytes_;
};

std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ElfError(path + ": cannot open: " + std::strerror(errno));
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

std::optional<uint32_t> ElfImage::symbol(const std::string& name) const {
  auto it = symbols_.find(name);
  if (it == symbols_.end()) return std::nullopt;
  return it->second;
}

ElfImage ElfImage::load(const std::string& path) {
  return parse(path, read_file(path));
}

ElfImage ElfImage::parse(const std::string& name, std::vector<uint8_t> bytes) {
  const Reader r(name, std::move(bytes));
  if (r.size() < EI_NIDENT || std::memcmp(r.span(0, SELFMAG, "ELF magic"), ELFMAG, SELFMAG) != 0)
    r.fail("not an ELF file (bad magic number)");
  const auto eh = r.at<Elf32_Ehdr>(0, "ELF header");
  if (eh.e_ident[EI_CLASS] != ELFCLASS32)
    r.fail("wrong ELF class: need ELFCLASS32 (an RV32 image), found class " +
           std::to_string(eh.e_ident[EI_CLASS]));
  if (eh.e_ident[EI_DATA] != ELFDATA2LSB) r.fail("wrong byte order: need little-endian");
  if (eh.e_machine != EM_RISCV)
    r.fail("wrong machine: need RISC-V (EM_RISCV = 243), found " + std::to_string(eh.e_machine));
  if (eh.e_type != ET_EXEC) r.fail("not an executable (e_type " + std::to_string(eh.e_type) + ")");
  if (eh.e_phentsize != sizeof(Elf32_Phdr)) r.fail("bad program header entry size");

  ElfImage image;
  image.path_ = name;
  image.entry_ = eh.e_entry;
  uint64_t loaded_bytes = 0;
  for (unsigned i = 0; i < eh.e_phnum; ++i) {
    const auto ph =
        r.at<Elf32_Phdr>(eh.e_phoff + uint64_t{i} * sizeof(Elf32_Phdr), "program header");
    if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
    if (ph.p_filesz > ph.p_memsz) r.fail("segment " + std::to_string(i) + " has filesz > memsz");
    if (uint64_t{ph.p_paddr} + ph.p_memsz > 0x100000000ull)
      r.fail("segment " + std::to_string(i) + " runs past the 32-bit address space");
    // A few header bytes can ask for gigabytes of zeros per segment, which the loader then has
    // to write: no image may need more than the chip's largest memory.
    loaded_bytes += ph.p_memsz;
    if (loaded_bytes > TESSERA_DRAM_MAX_SIZE)
      r.fail("segment " + std::to_string(i) + ": the loadable segments need " +
             std::to_string(loaded_bytes) + " bytes, more than the chip's largest memory holds");
    const uint8_t* src = r.span(ph.p_offset, ph.p_filesz, "segment contents");
    image.segments_.push_back(
        {ph.p_paddr, std::vector<uint8_t>(src, src + ph.p_filesz), ph.p_memsz});
  }
  if (image.segments_.empty()) r.fail("no loadable segment");

  if (eh.e_shentsize == sizeof(Elf32_Shdr)) {
    for (unsigned i = 0; i < eh.e_shnum; ++i) {
      const auto sh =
          r.at<Elf32_Shdr>(eh.e_shoff + uint64_t{i} * sizeof(Elf32_Shdr), "section header");
      if (sh.sh_type != SHT_SYMTAB || sh.sh_link >= eh.e_shnum) continue;
      const auto strtab = r.at<Elf32_Shdr>(eh.e_shoff + uint64_t{sh.sh_link} * sizeof(Elf32_Shdr),
                                           "string table header");
      const char* names =
          reinterpret_cast<const char*>(r.span(strtab.sh_offset, strtab.sh_size, "string table"));
      for (uint64_t off = 0; off + sizeof(Elf32_Sym) <= sh.sh_size; off += sizeof(Elf32_Sym)) {
        const auto sym = r.at<Elf32_Sym>(sh.sh_offset + off, "symbol");
        if (sym.st_name >= strtab.sh_size || sym.st_shndx == SHN_UNDEF) continue;
        const char* name = names + sym.st_name;
        const size_t max_len = strtab.sh_size - sym.st_name;
        image.symbols_.emplace(std::string(name, strnlen(name, max_len)), sym.st_value);
      }
    }
  }
  return image;
}

}  // namespace tessera
