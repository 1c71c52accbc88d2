#!/usr/bin/env python3
"""Regenerates disasm_reference.txt, the disassembler's expected output, with binutils.

Random encodings of every row of the instruction tables (isa/instructions.def and
isa/compressed.def) are assembled, linked at 0x80000000 and disassembled by
`riscv64-unknown-elf-objdump -M no-aliases`. Each output line is
    <address> <instruction bits> <objdump's text in the VP's syntax>
where the VP's syntax differs from objdump's only in layout (see hw/tlm/riscv/disasm.h):
", " between operands and branch targets as 0x<address> without the symbol.

Operand fields are random except where binutils and the VP legitimately differ: CSR numbers
come from the CSRs the core names (plus unnamed custom ones); fences have rd = rs1 = fm = 0 and
non-empty sets (binutils shows other fences as data); compressed shifts have 0 < shamt < 32
(shamt[5] is reserved on RV32, which binutils does not check, and binutils calls shamt = 0
c.slli64). The address comments objdump adds to loads (# 0x...) are dropped. Binutils does not
know Tessera's own instructions in the custom-0 space (the trace markers): their lines are
written here in the VP's syntax, the I-type layout of `.insn i`.
Run it again after changing the tables, and commit the result.
"""
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ISA = os.path.join(HERE, "../../../hw/tlm/riscv/isa")
BASE = 0x80000000
PER_ROW = 4
PER_COMPRESSED_ROW = 8
MARCH = "rv32imac_zicsr_zifencei_zihintpause"
# Custom CSR numbers no one names: the VP and objdump both print them in hex.
UNNAMED_CSRS = [0x7C0, 0x5C0, 0x800, 0xBC0]
# The major opcode of Tessera's own instructions.
CUSTOM_0 = 0x0B
# Reserved or unknown encodings, which both print as data.
RESERVED = [(0x6001, 2), (0x4002, 2), (0x8002, 2), (0x0000700F, 4), (0x0000007B, 4)]


def rows(path, macro):
    pattern = re.compile(macro + r"\((\w+), (0x[0-9a-fA-F]+), (0x[0-9a-fA-F]+), (\w+)\)")
    with open(path) as f:
        return [(m[1], int(m[2], 16), int(m[3], 16), m[4]) for m in pattern.finditer(f.read())]


def csr_numbers():
    with open(os.path.join(ISA, "csrs.def")) as f:
        named = [int(m, 16) for m in re.findall(r"CSR\(\w+, (0x[0-9a-fA-F]+)\)", f.read())]
    return named + [0xB03, 0xC1F, 0x323, 0xB9F] + UNNAMED_CSRS


def encodings_32(rng, name, match, mask, fmt, csrs):
    if name == "fence":
        for _ in range(PER_ROW):
            pred, succ = rng.randint(1, 15), rng.randint(1, 15)
            yield match | (pred << 24) | (succ << 20)
        yield 0x0100000F  # pause
        yield 0x8330000F  # fence.tso
        return
    if name == "fence_i" or mask == 0xFFFFFFFF:
        yield match
        return
    for _ in range(PER_ROW):
        bits = match | (rng.getrandbits(32) & ~mask & 0xFFFFFFFF)
        if fmt == "CSR":
            bits = (bits & 0x000FFFFF) | (rng.choice(csrs) << 20)
        yield bits


def encodings_16(rng, name, match, mask):
    found = 0
    while found < PER_COMPRESSED_ROW:
        bits = match | (rng.getrandbits(16) & ~mask & 0xFFFF)
        if name in ("c_slli", "c_srli", "c_srai"):
            bits &= ~(1 << 12)
            if bits & 0x7C == 0:
                continue
        if bits != 0:  # all zeros is the defined illegal instruction, c.unimp to binutils
            found += 1
            yield bits


ABI_NAMES = ("zero ra sp gp tp t0 t1 t2 s0 s1 a0 a1 a2 a3 a4 a5 a6 a7 s2 s3 s4 s5 s6 s7 s8 s9 "
             "s10 s11 t3 t4 t5 t6").split()


def tessera_text(name, fmt, bits):
    """The VP's text for a row of Tessera's own, which binutils prints as data."""
    mnemonic = name.replace("_", ".")
    if fmt == "NONE":
        return mnemonic
    imm = (bits >> 20) - (1 << 12) if bits >> 31 else bits >> 20
    return f"{mnemonic} {ABI_NAMES[(bits >> 7) & 31]}, {ABI_NAMES[(bits >> 15) & 31]}, {imm}"


def objdump(words, work):
    source = os.path.join(work, "t.S")
    with open(source, "w") as f:
        f.write(".text\n.globl _start\n_start:\n")
        for bits, length in words:
            f.write(f".insn {length}, 0x{bits:x}\n")
    obj, elf = os.path.join(work, "t.o"), os.path.join(work, "t.elf")
    subprocess.run(["riscv64-unknown-elf-as", f"-march={MARCH}", "-o", obj, source], check=True)
    subprocess.run(["riscv64-unknown-elf-ld", "-melf32lriscv", f"-Ttext=0x{BASE:x}", "-o", elf,
                    obj], check=True)
    out = subprocess.run(["riscv64-unknown-elf-objdump", "-d", "-M", "no-aliases,priv-spec=1.12",
                          elf], check=True, capture_output=True, text=True).stdout
    line = re.compile(r"^\s*([0-9a-f]+):\s+([0-9a-f]+)\s+(.*)$")
    for m in filter(None, map(line.match, out.splitlines())):
        text = re.sub(r"\s+#.*$", "", m[3]).strip().replace("\t", " ").replace(",", ", ")
        text = re.sub(r"\b([0-9a-f]+) <[^>]*>", r"0x\1", text)
        yield int(m[1], 16), m[2], text


def main():
    rng = random.Random(2024)
    csrs = csr_numbers()
    words, own = [], {}
    for name, match, mask, fmt in rows(os.path.join(ISA, "instructions.def"), "INSN"):
        for bits in encodings_32(rng, name, match, mask, fmt, csrs):
            if match & 0x7F == CUSTOM_0:
                own[len(words)] = tessera_text(name, fmt, bits)
            words.append((bits, 4))
    for name, match, mask, _ in rows(os.path.join(ISA, "compressed.def"), "CINSN"):
        words += [(bits, 2) for bits in encodings_16(rng, name, match, mask)]
    words += RESERVED
    with tempfile.TemporaryDirectory() as work:
        lines = [f"{address:08x} {bits} {own.get(i, text)}"
                 for i, (address, bits, text) in enumerate(objdump(words, work))]
    if len(lines) != len(words):
        sys.exit(f"objdump printed {len(lines)} instructions for {len(words)}")
    with open(os.path.join(HERE, "disasm_reference.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(lines)} instructions")


if __name__ == "__main__":
    main()
