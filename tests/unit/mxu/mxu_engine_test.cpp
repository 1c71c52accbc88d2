// The programming model every engine shares (engine_regs.h), through the MXU: identity and
// geometry registers, the descriptor ring, completion status and interrupt, errors that stop
// the queue until firmware clears them, statistics registers.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "config.h"
#include "gemm_case.h"

namespace tessera {
namespace {

using Bench = testing::EngineBench<Mxu>;
using sc_core::SC_NS;
using sc_core::sc_time;

constexpr uint32_t kRing = Bench::kBase;

// A small GEMM placed after the ring.
testing::GemmCase small_gemm(unsigned seed = 1) {
  std::mt19937 rng(seed);
  uint32_t address = kRing + 0x1000;
  testing::GemmCase g = testing::random_gemm(rng, 20, 12, 30, address);
  g.accumulate = false;
  return g;
}

TEST(MxuEngine, IdentityAndGeometryRegisters) {
  PlatformConfig platform;
  platform.mxu.rows = 32;
  platform.mxu.cols = 8;
  platform.mxu.dataflow = mxu::Dataflow::kOutputStationary;
  platform.mxu.double_buffer_weights = false;
  Bench b(platform, mxu_config);
  EXPECT_EQ(b.reg(ENGINE_ID), ENGINE_ID_MXU);
  EXPECT_EQ(b.reg(MXU_ROWS), 32u);
  EXPECT_EQ(b.reg(MXU_COLS), 8u);
  EXPECT_EQ(b.reg(MXU_DATAFLOW), MXU_DATAFLOW_OUTPUT_STATIONARY);
  EXPECT_EQ(b.reg(MXU_FEATURES), 0u);
  EXPECT_EQ(b.reg(ENGINE_STATUS), 0u);
  // Read-only registers refuse writes; holes are bus errors.
  EXPECT_EQ(b.set_reg(MXU_ROWS, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.set_reg(ENGINE_QUEUE_HEAD, 1), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  tlm::tlm_response_status status;
  b.regs.read(0x0F0, 4, &status);
  EXPECT_EQ(status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST(MxuEngine, CompletionSetsDoneAndRaisesTheInterruptAtTheLastCycle) {
  Bench b(PlatformConfig{}, mxu_config);
  sc_time raised;
  const testing::GemmCase g = small_gemm();
  g.place(b);
  b.set_reg(ENGINE_IRQ_ENABLE, ENGINE_STATUS_DONE | ENGINE_STATUS_ERROR);
  b.setup_queue(kRing, 4, MXU_DESC_BYTES);
  b.submit(g.descriptor());  // no ENGINE_DESC_INTERRUPT: completes quietly
  b.submit(g.descriptor(ENGINE_DESC_INTERRUPT));
  EXPECT_EQ(b.reg(ENGINE_STATUS), ENGINE_STATUS_BUSY);
  b.run();
  EXPECT_EQ(b.reg(ENGINE_STATUS), ENGINE_STATUS_DONE);
  EXPECT_EQ(b.reg(ENGINE_COMPLETED), 2u);
  EXPECT_EQ(b.reg(ENGINE_QUEUE_HEAD), 2u);
  EXPECT_TRUE(b.irq_level);
  // The simulation stopped with the last descriptor: its last cycle is the busy total.
  EXPECT_EQ(sc_core::sc_time_stamp(), sc_time(static_cast<double>(b.engine.busy_cycles()), SC_NS));
  EXPECT_EQ(b.set_reg(ENGINE_STATUS, ENGINE_STATUS_DONE), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.reg(ENGINE_STATUS), 0u);
  EXPECT_FALSE(b.irq_level);
  EXPECT_EQ(b.irq_edges, 2u);
}

TEST(MxuEngine, TheDoorbellRingsAtTheWritersLocalTime) {
  Bench b(PlatformConfig{}, mxu_config);
  const testing::GemmCase g = small_gemm();
  g.place(b);
  b.setup_queue(kRing, 4, MXU_DESC_BYTES);
  const mxu_gemm_desc_t d = g.descriptor();
  b.put(kRing, &d, sizeof d);
  uint32_t tail = 1;  // written by a core running 300 ns ahead of SystemC time
  b.regs.access(true, ENGINE_QUEUE_TAIL, &tail, 4, nullptr, sc_time(300, SC_NS));
  b.run();
  EXPECT_EQ(sc_core::sc_time_stamp(),
            sc_time(300.0 + static_cast<double>(b.engine.busy_cycles()), SC_NS));
}

TEST(MxuEngine, TheRingWrapsAround) {
  Bench b(PlatformConfig{}, mxu_config);
  const testing::GemmCase g = small_gemm();
  g.place(b);
  b.setup_queue(kRing, 3, MXU_DESC_BYTES);  // holds two at a time
  for (int round = 0; round < 5; ++round) {
    b.submit(g.descriptor());
    b.submit(g.descriptor());
    b.run();
  }
  EXPECT_EQ(b.reg(ENGINE_COMPLETED), 10u);
  EXPECT_EQ(b.reg(ENGINE_QUEUE_HEAD), 10u % 3);
  EXPECT_EQ(g.result(b), g.reference());
}

TEST(MxuEngine, QueueRegistersRefuseWhatCannotWork) {
  Bench b(PlatformConfig{}, mxu_config);
  EXPECT_EQ(b.set_reg(ENGINE_QUEUE_TAIL, 0), tlm::TLM_ADDRESS_ERROR_RESPONSE);  // no ring yet
  EXPECT_EQ(b.set_reg(ENGINE_QUEUE_ENTRIES, 0), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.set_reg(ENGINE_QUEUE_ENTRIES, ENGINE_QUEUE_MAX_ENTRIES + 1),
            tlm::TLM_ADDRESS_ERROR_RESPONSE);
  b.setup_queue(kRing, 4, MXU_DESC_BYTES);
  EXPECT_EQ(b.set_reg(ENGINE_QUEUE_TAIL, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  const testing::GemmCase g = small_gemm();
  g.place(b);
  b.submit(g.descriptor());
  // While a descriptor is queued the ring stays where it is.
  EXPECT_EQ(b.set_reg(ENGINE_QUEUE_BASE, kRing + 0x800), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  b.run();
  EXPECT_EQ(b.set_reg(ENGINE_QUEUE_BASE, kRing + 0x800), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.reg(ENGINE_QUEUE_HEAD), 0u);
  EXPECT_EQ(b.reg(ENGINE_QUEUE_TAIL), 0u);
}

// A bench for bad descriptors: each is submitted after a good GEMM and before another; it must
// stop the queue with its error, the one behind it must not run, and clearing the error must
// drop it and leave the engine ready for new work.
class MxuErrors : public ::testing::Test {
 protected:
  MxuErrors() : bench_(PlatformConfig{}, mxu_config), gemm_(small_gemm()) {
    gemm_.place(bench_);
    bench_.set_reg(ENGINE_IRQ_ENABLE, ENGINE_STATUS_ERROR);
    bench_.setup_queue(kRing, 3, MXU_DESC_BYTES);
  }

  void expect_error(const mxu_gemm_desc_t& bad, uint32_t code, uint32_t address = 0) {
    Bench& b = bench_;
    const uint32_t completed = b.reg(ENGINE_COMPLETED), head = b.reg(ENGINE_QUEUE_HEAD);
    b.submit(gemm_.descriptor());
    b.submit(bad);
    b.run();
    EXPECT_EQ(b.reg(ENGINE_STATUS), ENGINE_STATUS_ERROR);
    EXPECT_EQ(b.reg(ENGINE_ERROR_CODE), code);
    EXPECT_EQ(b.reg(ENGINE_ERROR_DESC), kRing + (head + 1) % 3 * MXU_DESC_BYTES);
    if (code == ENGINE_ERR_ADDRESS) {
      EXPECT_EQ(b.reg(ENGINE_ERROR_ADDR), address);
    }
    EXPECT_TRUE(b.irq_level);
    EXPECT_EQ(b.reg(ENGINE_COMPLETED), completed + 1);
    b.submit(gemm_.descriptor());  // queued behind the error: never runs
    b.run();
    EXPECT_EQ(b.reg(ENGINE_COMPLETED), completed + 1);
    b.set_reg(ENGINE_STATUS, ENGINE_STATUS_ERROR);
    EXPECT_FALSE(b.irq_level);
    EXPECT_EQ(b.reg(ENGINE_QUEUE_HEAD), b.reg(ENGINE_QUEUE_TAIL));
    b.submit(gemm_.descriptor());
    b.run();
    EXPECT_EQ(b.reg(ENGINE_COMPLETED), completed + 2);
    EXPECT_EQ(b.reg(ENGINE_STATUS), 0u);
  }

  Bench bench_;
  testing::GemmCase gemm_;
};

TEST_F(MxuErrors, AnUnknownOpcode) {
  mxu_gemm_desc_t d = gemm_.descriptor();
  d.control = (d.control & ~0xFFu) | 7;
  expect_error(d, ENGINE_ERR_OPCODE);
}

TEST_F(MxuErrors, OperandsOutsideTheScratchpadOrMisaligned) {
  mxu_gemm_desc_t d = gemm_.descriptor();
  d.b_addr = TESSERA_DRAM_BASE;
  expect_error(d, ENGINE_ERR_ADDRESS, TESSERA_DRAM_BASE);
  d = gemm_.descriptor();
  d.c_addr = kRing + 512 * 1024 - 4;  // the first row runs off the end
  expect_error(d, ENGINE_ERR_ADDRESS, d.c_addr);
  d = gemm_.descriptor();
  d.c_addr += 2;  // int32 results must be aligned
  expect_error(d, ENGINE_ERR_ADDRESS, d.c_addr);
  d = gemm_.descriptor();
  d.a_group_rows = 5;  // the fourth group of A rows lies beyond the scratchpad
  d.a_group_stride = 200 * 1024;
  expect_error(d, ENGINE_ERR_ADDRESS, d.a_addr + 3 * d.a_group_stride);
}

TEST_F(MxuErrors, ZeroSizes) {
  mxu_gemm_desc_t d = gemm_.descriptor();
  d.k = 0;
  expect_error(d, ENGINE_ERR_LENGTH);
}

TEST_F(MxuErrors, BadFields) {
  mxu_gemm_desc_t d = gemm_.descriptor();
  d.c_row_stride = 4 * d.n - 4;  // result rows would overlap
  expect_error(d, ENGINE_ERR_FIELD);
  d = gemm_.descriptor();
  d.control |= MXU_FLAG_DATAFLOW(3);
  expect_error(d, ENGINE_ERR_FIELD);
  d = gemm_.descriptor();
  d.control |= 1u << 20;
  expect_error(d, ENGINE_ERR_FIELD);
  d = gemm_.descriptor();
  d.reserved[1] = 1;
  expect_error(d, ENGINE_ERR_FIELD);
}

TEST(MxuEngine, ARingOutsideTheScratchpadIsADescriptorError) {
  Bench b(PlatformConfig{}, mxu_config);
  b.setup_queue(TESSERA_DRAM_BASE, 4, MXU_DESC_BYTES);
  b.set_reg(ENGINE_QUEUE_TAIL, 1);
  b.run();
  EXPECT_EQ(b.reg(ENGINE_STATUS), ENGINE_STATUS_ERROR);
  EXPECT_EQ(b.reg(ENGINE_ERROR_CODE), ENGINE_ERR_DESCRIPTOR);
  EXPECT_EQ(b.reg(ENGINE_ERROR_DESC), TESSERA_DRAM_BASE);
}

TEST(MxuEngine, StatisticsReadWholeOrInHalvesAndClear) {
  Bench b(PlatformConfig{}, mxu_config);
  const testing::GemmCase g = small_gemm();
  g.place(b);
  b.setup_queue(kRing, 4, MXU_DESC_BYTES);
  b.submit(g.descriptor());
  b.run();
  const uint64_t macs = 20 * 12 * 30;
  EXPECT_EQ(b.counter(MXU_STAT_MACS), macs);
  EXPECT_EQ(b.reg(MXU_STAT_MACS), macs);
  EXPECT_EQ(b.reg(MXU_STAT_MACS + 4), 0u);
  EXPECT_EQ(b.counter(ENGINE_BUSY_CYCLES), b.engine.busy_cycles());
  EXPECT_GT(b.reg(MXU_STAT_UTILIZATION_PPM), 0u);
  b.set_reg(ENGINE_STATS_CLEAR, 1);
  EXPECT_EQ(b.counter(MXU_STAT_MACS), 0u);
  EXPECT_EQ(b.counter(ENGINE_BUSY_CYCLES), 0u);
  EXPECT_EQ(b.reg(ENGINE_COMPLETED), 1u);  // not a statistic: firmware tracks the ring by it
}

TEST(MxuEngine, ReportNamesEveryStatistic) {
  Bench b(PlatformConfig{}, mxu_config);
  std::ostringstream out;
  b.engine.report(out);
  for (const char* key : {"engine.busy_cycles: 0", "engine.macs: 0", "engine.fill_drain_cycles",
                          "engine.stall_weights_cycles", "engine.stall_operands_cycles",
                          "engine.stall_output_cycles", "engine.utilization: 0"})
    EXPECT_NE(out.str().find(key), std::string::npos) << key << "\n" << out.str();
}

TEST(MxuEngine, ImpossibleConfigurationsAreRefused) {
  PlatformConfig platform;
  platform.mxu.rows = 0;
  EXPECT_THROW(Mxu("mxu", mxu_config(platform, {Bench::kBase, 4096}), nullptr),
               std::invalid_argument);
}

}  // namespace
}  // namespace tessera
