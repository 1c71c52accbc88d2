// Loads, stores, their traps, MMIO through transport(), fetch faults, self-modifying code and
// store watches.
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "assembler.h"
#include "test_machine.h"

namespace tessera::riscv {
namespace {

using testing::TestMachine;
namespace rv = testing::rv;
constexpr uint32_t kBase = TestMachine::kRamBase;
constexpr uint32_t kData = TestMachine::kData;
constexpr uint32_t kMmio = TestMachine::kMmioBase;

// Runs one load x3 = load(x1 = addr, offset) and returns x3.
uint32_t Load(uint32_t (*insn)(unsigned, unsigned, int32_t), TestMachine& t, uint32_t addr,
              int32_t offset = 0) {
  t.set_x(1, addr - static_cast<uint32_t>(offset));
  t.set_x(3, 0xdeadbeef);
  t.exec(insn(3, 1, offset));
  return t.x(3);
}

TEST(Load, SignAndZeroExtension) {
  TestMachine t;
  t.poke32(kData, 0x80017f80);  // bytes 80 7f 01 80
  t.poke32(kData + 4, 0x7fff8000);
  EXPECT_EQ(Load(rv::lb, t, kData), 0xffffff80u);
  EXPECT_EQ(Load(rv::lbu, t, kData), 0x80u);
  EXPECT_EQ(Load(rv::lb, t, kData + 1), 0x7fu);
  EXPECT_EQ(Load(rv::lbu, t, kData + 1), 0x7fu);
  EXPECT_EQ(Load(rv::lb, t, kData + 3), 0xffffff80u);
  EXPECT_EQ(Load(rv::lh, t, kData + 4), 0xffff8000u);
  EXPECT_EQ(Load(rv::lhu, t, kData + 4), 0x8000u);
  EXPECT_EQ(Load(rv::lh, t, kData + 6), 0x7fffu);
  EXPECT_EQ(Load(rv::lhu, t, kData + 6), 0x7fffu);
  EXPECT_EQ(Load(rv::lh, t, kData + 2), 0xffff8001u);
  EXPECT_EQ(Load(rv::lw, t, kData), 0x80017f80u);
  EXPECT_EQ(Load(rv::lw, t, kData + 4), 0x7fff8000u);
}

TEST(Load, NegativeAndPositiveOffsets) {
  TestMachine t;
  t.poke32(kData, 0x11223344);
  EXPECT_EQ(Load(rv::lw, t, kData, -2048), 0x11223344u);
  EXPECT_EQ(Load(rv::lw, t, kData, 2044), 0x11223344u);
  EXPECT_EQ(Load(rv::lbu, t, kData + 2, -1), 0x22u);
}

TEST(Load, IntoTheBaseRegisterItself) {
  TestMachine t;
  t.poke32(kData + 8, 0x55aa55aa);
  t.set_x(1, kData);
  t.exec(rv::lw(1, 1, 8));
  EXPECT_EQ(t.x(1), 0x55aa55aau);
}

// Stores `value` of x2 with `insn` to addr into a word filled with 0xaaaaaaaa, returns the
// resulting word at addr & ~3.
uint32_t StoreInto(uint32_t (*insn)(unsigned, unsigned, int32_t), uint32_t addr, uint32_t value) {
  TestMachine t;
  t.poke32(kData, 0xaaaaaaaa);
  t.poke32(kData + 4, 0xaaaaaaaa);
  t.set_x(1, addr + 16);
  t.set_x(2, value);
  t.exec(insn(2, 1, -16));
  EXPECT_EQ(t.peek32(kData + 4), 0xaaaaaaaau) << "the next word changed";
  return t.peek32(kData);
}

TEST(Store, EachWidthWritesOnlyItsBytes) {
  EXPECT_EQ(StoreInto(rv::sb, kData, 0x12345678), 0xaaaaaa78u);
  EXPECT_EQ(StoreInto(rv::sb, kData + 1, 0x12345678), 0xaaaa78aau);
  EXPECT_EQ(StoreInto(rv::sb, kData + 2, 0xff), 0xaaffaaaau);
  EXPECT_EQ(StoreInto(rv::sb, kData + 3, 0x00), 0x00aaaaaau);
  EXPECT_EQ(StoreInto(rv::sh, kData, 0x12345678), 0xaaaa5678u);
  EXPECT_EQ(StoreInto(rv::sh, kData + 2, 0x12345678), 0x5678aaaau);
  EXPECT_EQ(StoreInto(rv::sw, kData, 0x12345678), 0x12345678u);
}

TEST(Store, ThenLoadBackThroughARoundTrip) {
  TestMachine t;
  t.set_x(1, kData);
  t.set_x(2, 0xfedcba98);
  t.program({rv::sw(2, 1, 0), rv::sh(2, 1, 6), rv::sb(2, 1, 11), rv::lw(3, 1, 0), rv::lh(4, 1, 6),
             rv::lbu(5, 1, 11), rv::lb(6, 1, 11)});
  t.step(7);
  EXPECT_EQ(t.x(3), 0xfedcba98u);
  EXPECT_EQ(t.x(4), 0xffffba98u);
  EXPECT_EQ(t.x(5), 0x98u);
  EXPECT_EQ(t.x(6), 0xffffff98u);
}

// ---- misaligned accesses and access faults ----

struct Fault {
  const char* name;
  uint32_t insn;   // with base x1, data x2, destination x3
  uint32_t addr;   // x1
  uint32_t cause;  // mtval is addr + the instruction's offset
  int32_t offset;
};

void ExpectFaults(const Fault& f, bool dmi = true) {
  SCOPED_TRACE(::testing::Message() << f.name << " at 0x" << std::hex << f.addr + f.offset);
  TestMachine t;
  t.dmi_enabled = dmi;
  t.poke32(kData, 0x11111111);
  t.poke32(kData + 4, 0x22222222);
  // A preceding instruction, so mepc is not just the reset pc.
  t.program({rv::addi(9, 0, 1), f.insn});
  t.set_x(1, f.addr);
  t.set_x(2, 0xcccccccc);
  t.set_x(3, 0x33333333);
  uint32_t handler = TestMachine::kTrapHandler;
  if (dmi) {
    t.step(2);
  } else {
    // No DMI: the program and the trap handler (a wfi) must run from MMIO.
    std::memcpy(&t.mmio[0], &t.ram[0], 8);
    handler = kMmio + 0x800;
    t.mmio_poke32(0x800, rv::wfi());
    t.core->csr_write(csr::mtvec, handler);
    t.core->set_pc(kMmio);
    t.run_to_wfi();
  }
  const uint32_t pc = (dmi ? kBase : kMmio) + 4;
  EXPECT_TRUE(Trapped(t, f.cause, f.addr + static_cast<uint32_t>(f.offset), pc, handler));
  EXPECT_EQ(t.x(3), 0x33333333u) << "a faulting load wrote its destination";
  EXPECT_EQ(t.peek32(kData), 0x11111111u) << "a faulting store wrote memory";
  EXPECT_EQ(t.peek32(kData + 4), 0x22222222u) << "a faulting store wrote memory";
  EXPECT_EQ(t.core->instret(), dmi ? 1u : 2u) << "only the addi (and the handler's wfi) retire";
}

TEST(MemoryTrap, MisalignedLoadsAndStoresTrapWithTheAddress) {
  const Fault faults[] = {
      {"lh", rv::lh(3, 1, 0), kData + 1, kLoadMisaligned, 0},
      {"lhu", rv::lhu(3, 1, 0), kData + 3, kLoadMisaligned, 0},
      {"lw", rv::lw(3, 1, 0), kData + 2, kLoadMisaligned, 0},
      {"lw", rv::lw(3, 1, 1), kData, kLoadMisaligned, 1},
      {"lw", rv::lw(3, 1, 0), kData + 3, kLoadMisaligned, 0},
      {"sh", rv::sh(2, 1, 0), kData + 1, kStoreMisaligned, 0},
      {"sw", rv::sw(2, 1, 0), kData + 2, kStoreMisaligned, 0},
      {"sw", rv::sw(2, 1, -1), kData + 4, kStoreMisaligned, -1},
  };
  for (const Fault& f : faults) ExpectFaults(f);
}

TEST(MemoryTrap, UnmappedAddressesRaiseAccessFaults) {
  const uint32_t bad = TestMachine::kUnmapped;
  const Fault faults[] = {
      {"lw", rv::lw(3, 1, 0), bad, kLoadAccessFault, 0},
      {"lb", rv::lb(3, 1, 0), 0, kLoadAccessFault, 0},
      {"lhu", rv::lhu(3, 1, 2), bad, kLoadAccessFault, 2},
      {"sw", rv::sw(2, 1, 0), bad, kStoreAccessFault, 0},
      {"sb", rv::sb(2, 1, 7), bad, kStoreAccessFault, 7},
      // Just past the end of RAM and of the MMIO window.
      {"lw", rv::lw(3, 1, 0), kBase + TestMachine::kRamSize, kLoadAccessFault, 0},
      {"sw", rv::sw(2, 1, 0), kMmio + TestMachine::kMmioSize, kStoreAccessFault, 0},
  };
  for (const Fault& f : faults) ExpectFaults(f);
}

TEST(MemoryTrap, WithoutDmiRamAccessesFault) {
  // Code runs from the MMIO window; RAM answers only through DMI, which is off.
  ExpectFaults({"lw", rv::lw(3, 1, 0), kData, kLoadAccessFault, 0}, /*dmi=*/false);
  ExpectFaults({"sw", rv::sw(2, 1, 0), kData, kStoreAccessFault, 0}, /*dmi=*/false);
}

TEST(MemoryTrap, FetchFromUnbackedMemoryIsAnInstructionAccessFault) {
  TestMachine t;
  t.dmi_enabled = false;
  t.program({rv::addi(1, 0, 1)});
  t.core->run(1);
  EXPECT_EQ(t.core->mcause(), kInsnAccessFault);
  EXPECT_EQ(t.core->mtval(), kBase);
  EXPECT_EQ(t.core->mepc(), kBase);
  EXPECT_EQ(t.core->pc(), TestMachine::kTrapHandler);
  EXPECT_EQ(t.x(1), 0u);
  EXPECT_EQ(t.core->instret(), 0u);
}

TEST(MemoryTrap, JumpToAnUnmappedAddressFaultsOnFetchWithTheTarget) {
  TestMachine t;
  t.set_x(5, TestMachine::kUnmapped + 0x10);
  t.program({rv::jalr(1, 5, 0)});
  t.step(2);
  EXPECT_TRUE(
      Trapped(t, kInsnAccessFault, TestMachine::kUnmapped + 0x10, TestMachine::kUnmapped + 0x10));
  EXPECT_EQ(t.x(1), kBase + 4) << "the jump itself retired";
}

TEST(MemoryTrap, FetchOfA32BitInstructionStraddlingTheEndOfMemoryFaultsOnItsSecondHalf) {
  TestMachine t;
  const uint32_t last = kBase + TestMachine::kRamSize - 2;
  t.poke16(last, 0x0093);  // the low half of addi x1, x0, ...
  t.core->set_pc(last);
  t.step();
  EXPECT_EQ(t.core->mcause(), kInsnAccessFault);
  EXPECT_EQ(t.core->mepc(), last);
  EXPECT_EQ(t.core->mtval(), last + 2);
}

// ---- MMIO through transport() ----

TEST(Mmio, LoadsAndStoresGoThroughTransportAndAddItsLatency) {
  TestMachine t;
  t.mmio_poke32(0x10, 0x8badf00d);
  t.set_x(1, kMmio);
  t.set_x(2, 0x01020304);
  t.program({rv::lw(3, 1, 0x10), rv::sw(2, 1, 0x20), rv::lb(4, 1, 0x13), rv::wfi()});
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.x(3), 0x8badf00du);
  EXPECT_EQ(t.mmio_peek32(0x20), 0x01020304u);
  EXPECT_EQ(t.x(4), 0xffffff8bu);
  EXPECT_EQ(t.transports, 3u);
  EXPECT_EQ(t.core->instret(), 4u);
  EXPECT_EQ(t.core->cycles(), 4u + 3 * TestMachine::kMmioLatency);
}

TEST(Mmio, LatencyIsChargedAgainstTheRunBudget) {
  TestMachine t;
  t.set_x(1, kMmio);
  t.program({rv::lw(3, 1, 0), rv::addi(5, 0, 1), rv::addi(6, 0, 1)});
  const uint64_t used = t.core->run(3);
  EXPECT_EQ(used, 1u + TestMachine::kMmioLatency);
  EXPECT_EQ(t.core->instret(), 1u) << "the load's latency used up the budget";
  EXPECT_EQ(t.x(5), 0u);
}

TEST(Mmio, CodeRunsFromMmioWithDmiDisabled) {
  TestMachine t;
  t.dmi_enabled = false;
  const std::vector<uint32_t> code = {rv::lw(3, 1, 0x100), rv::addi(3, 3, 1), rv::sw(3, 1, 0x104),
                                      rv::wfi()};
  std::memcpy(&t.mmio[0], code.data(), code.size() * 4);
  t.mmio_poke32(0x100, 41);
  t.core->set_pc(kMmio);
  t.set_x(1, kMmio);
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.mmio_peek32(0x104), 42u);
  EXPECT_EQ(t.core->pc(), kMmio + 16);
  EXPECT_EQ(t.core->instret(), 4u);
  // Each 32-bit fetch is two 16-bit transports, plus the load and the store.
  EXPECT_EQ(t.transports, 4u * 2 + 2);
  EXPECT_EQ(t.core->cycles(), 4u + t.transports * TestMachine::kMmioLatency);
}

// ---- self-modifying code ----

TEST(SelfModifyingCode, StoreOverAnExecutedInstructionRunsTheNewOne) {
  TestMachine t;
  // kBase:    addi x5, x5, 1     <- replaced by addi x5, x5, 16 on the first pass
  //           sw   x7, 0(x8)
  //           addi x9, x9, 1
  //           beq  x9, x10, kBase  (once: x10 = 1)
  //           wfi
  t.program(
      {rv::addi(5, 5, 1), rv::sw(7, 8, 0), rv::addi(9, 9, 1), rv::beq(9, 10, -12), rv::wfi()});
  t.set_x(7, rv::addi(5, 5, 16));
  t.set_x(8, kBase);
  t.set_x(10, 1);
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.x(5), 17u) << "the second pass ran the stale addi";
}

TEST(SelfModifyingCode, HalfwordStoreIntoTheUpperHalfOfA32BitInstruction) {
  TestMachine t;
  // lui x5, 0x12345 is 0x123452b7; its upper half holds imm[31:16].
  t.program(
      {rv::lui(5, 0x12345), rv::sh(7, 8, 2), rv::addi(9, 9, 1), rv::beq(9, 10, -12), rv::wfi()});
  t.set_x(7, 0x5678);
  t.set_x(8, kBase);
  t.set_x(10, 1);
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.x(5), 0x56785000u);
}

TEST(SelfModifyingCode, StoreReplacingACompressedInstruction) {
  TestMachine t;
  // kBase: c.li x5, 1 (0x4285) | c.nop, later c.li x5, 7 (0x429d)
  t.program16({0x4285, 0x0001});
  t.program({rv::sh(7, 8, 0), rv::addi(9, 9, 1), rv::beq(9, 10, -12), rv::wfi()}, kBase + 4);
  t.set_x(7, 0x429d);
  t.set_x(8, kBase);
  t.set_x(10, 1);
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.x(5), 7u);
}

TEST(SelfModifyingCode, AmoStoreOverCodeIsSeen) {
  TestMachine t;
  t.program({rv::addi(5, 5, 1), rv::amoswap_w(0, 8, 7), rv::addi(9, 9, 1), rv::beq(9, 10, -12),
             rv::wfi()});
  t.set_x(7, rv::addi(5, 5, 16));
  t.set_x(8, kBase);
  t.set_x(10, 1);
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.x(5), 17u);
}

TEST(SelfModifyingCode, FenceIAfterMemoryChangedBehindTheCoreRunsTheNewCode) {
  TestMachine t;
  // kBase: addi x5, x5, 1; fence.i; j kBase
  t.program({rv::addi(5, 5, 1), rv::fence_i(), rv::jal(0, -8)});
  t.step();
  EXPECT_EQ(t.x(5), 1u);
  // Someone else (a DMA, a debugger) rewrites the code; the firmware then runs fence.i.
  t.poke32(kBase, rv::addi(5, 5, 16));
  t.step(3);
  EXPECT_EQ(t.x(5), 17u);
  EXPECT_EQ(t.core->pc(), kBase + 4);
}

TEST(SelfModifyingCode, FlushDecodeCacheAfterMemoryChangedBehindTheCore) {
  TestMachine t;
  t.program({rv::addi(5, 5, 1)});
  t.step();
  t.poke32(kBase, rv::addi(5, 5, 16));
  t.core->flush_decode_cache();
  t.core->set_pc(kBase);
  t.step();
  EXPECT_EQ(t.x(5), 17u);
}

TEST(SelfModifyingCode, StoreAfterFenceIIsStillSeen) {
  TestMachine t;
  // fence.i between decoding the addi and the store over it.
  t.program({rv::addi(5, 5, 1), rv::fence_i(), rv::sw(7, 8, 0), rv::addi(9, 9, 1),
             rv::beq(9, 10, -16), rv::wfi()});
  t.set_x(7, rv::addi(5, 5, 16));
  t.set_x(8, kBase);
  t.set_x(10, 1);
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.x(5), 17u);
}

TEST(SelfModifyingCode, StoreIntoTheSecondPageOfAnInstructionStraddlingPages) {
  TestMachine t;
  const uint32_t page = kBase + 0x1000;
  const uint32_t straddler = page - 2;  // a 32-bit jal in [page - 2, page + 2)
  // kBase:    addi x9, x9, 1
  //           j    straddler
  //           sh   x7, 0(x8)        (x8 = page: the jal's upper half)
  //           beq  x9, x10, kBase   (once: x10 = 1)
  //           wfi                   (the stale jal's second pass ends here)
  //           addi x11, x0, 1       (the new jal's target)
  //           wfi
  // straddler: j kBase + 8, rewritten to j kBase + 20. Nothing else runs in the second page.
  const uint32_t old_jal = rv::jal(0, static_cast<int32_t>(kBase + 8 - straddler));
  const uint32_t new_jal = rv::jal(0, static_cast<int32_t>(kBase + 20 - straddler));
  ASSERT_EQ(old_jal & 0xffff, new_jal & 0xffff) << "the test rewrites the upper half only";
  t.program({rv::addi(9, 9, 1), rv::jal(0, static_cast<int32_t>(straddler - (kBase + 4))),
             rv::sh(7, 8, 0), rv::beq(9, 10, -12), rv::wfi(), rv::addi(11, 0, 1), rv::wfi()});
  t.poke16(straddler, old_jal & 0xffff);
  t.poke16(page, old_jal >> 16);
  t.set_x(7, new_jal >> 16);
  t.set_x(8, page);
  t.set_x(10, 1);
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.x(11), 1u) << "the second pass ran the stale jal";
  EXPECT_EQ(t.core->pc(), kBase + 28);
}

// ---- DMI ----

TEST(Dmi, InvalidateMakesTheCoreAskTheBusAgain) {
  TestMachine t;
  t.poke32(kData, 77);
  t.set_x(1, kData);
  t.program({rv::lw(2, 1, 0), rv::lw(3, 1, 0)});
  t.step(2);
  EXPECT_EQ(t.x(3), 77u);
  // The bus withdraws DMI for all of RAM: running the (already decoded) second load again
  // must fault rather than use the stale host pointer.
  t.dmi_enabled = false;
  t.core->invalidate_dmi(kBase, kBase + TestMachine::kRamSize - 1);
  t.set_x(3, 0);
  t.core->set_pc(kBase + 4);
  t.step();
  EXPECT_TRUE(Trapped(t, kLoadAccessFault, kData, kBase + 4));
  EXPECT_EQ(t.x(3), 0u);
}

TEST(Dmi, InvalidatingAnotherRangeKeepsTheGrant) {
  TestMachine t;
  t.poke32(kData, 77);
  t.set_x(1, kData);
  t.program({rv::lw(2, 1, 0), rv::lw(3, 1, 0)});
  t.step();
  t.dmi_enabled = false;  // the bus would refuse a new request
  t.core->invalidate_dmi(0x0, 0xffff);
  t.step();
  EXPECT_EQ(t.x(3), 77u);
  EXPECT_EQ(t.core->pc(), kBase + 8);
}

// ---- store watches ----

TEST(StoreWatch, FiresWithAddressAndValueForOverlappingStoresOnly) {
  TestMachine t;
  std::vector<std::pair<uint32_t, uint32_t>> seen;
  t.core->add_store_watch(kData + 8, 4,
                          [&](uint32_t addr, uint32_t value) { seen.emplace_back(addr, value); });
  t.set_x(1, kData);
  t.set_x(2, 0xa1b2c3d4);
  t.program({rv::sw(2, 1, 8), rv::sb(2, 1, 11), rv::sh(2, 1, 12), rv::sw(2, 1, 4), rv::sh(2, 1, 6),
             rv::sh(2, 1, 10), rv::wfi()});
  ASSERT_TRUE(t.run_to_wfi());
  const std::vector<std::pair<uint32_t, uint32_t>> want = {
      {kData + 8, 0xa1b2c3d4}, {kData + 11, 0xd4}, {kData + 10, 0xc3d4}};
  EXPECT_EQ(seen, want);
  EXPECT_EQ(t.peek32(kData + 8), 0xc3d4c3d4u) << "the watched store still happened";
}

TEST(StoreWatch, SurvivesFenceIAndDecodeCacheFlushes) {
  TestMachine t;
  unsigned calls = 0;
  t.core->add_store_watch(kData, 4, [&](uint32_t, uint32_t) { ++calls; });
  t.set_x(1, kData);
  t.program({rv::fence_i(), rv::sw(0, 1, 0), rv::sb(0, 1, 2)});
  t.step(2);
  EXPECT_EQ(calls, 1u);
  t.core->flush_decode_cache();
  t.step();
  EXPECT_EQ(calls, 2u);
}

TEST(StoreWatch, SeesAmoAndScStores) {
  TestMachine t;
  std::vector<std::pair<uint32_t, uint32_t>> seen;
  t.core->add_store_watch(kData, 4,
                          [&](uint32_t addr, uint32_t value) { seen.emplace_back(addr, value); });
  t.poke32(kData, 5);
  t.set_x(1, kData);
  t.set_x(2, 3);
  t.program({rv::amoadd_w(3, 1, 2), rv::lr_w(4, 1, 0), rv::sc_w(5, 1, 2), rv::wfi()});
  ASSERT_TRUE(t.run_to_wfi());
  const std::vector<std::pair<uint32_t, uint32_t>> want = {{kData, 8}, {kData, 3}};
  EXPECT_EQ(seen, want);
}

TEST(StoreWatch, CanStopTheBatchLikeTohost) {
  TestMachine t;
  Core* core = t.core.get();
  t.core->add_store_watch(kData, 4, [core](uint32_t, uint32_t) { core->end_batch(); });
  t.set_x(1, kData);
  t.program({rv::addi(2, 0, 1), rv::sw(2, 1, 0), rv::addi(3, 0, 1), rv::addi(4, 0, 1)});
  t.core->run(100);
  EXPECT_EQ(t.core->instret(), 2u);
  EXPECT_EQ(t.core->pc(), kBase + 8);
  EXPECT_EQ(t.x(3), 0u);
}

}  // namespace
}  // namespace tessera::riscv
