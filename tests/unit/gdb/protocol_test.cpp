// The GDB protocol's commands against a fake target of three threads.
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "gdb_packet.h"
#include "gdb_protocol.h"
#include "gdb_riscv.h"

namespace tessera::gdb {
namespace {

constexpr uint32_t kMemoryBase = 0x80000000, kMemorySize = 64;
constexpr unsigned kMstatus = riscv32::kFirstCsr + 0x300;

class FakeTarget : public Target {
 public:
  std::map<std::pair<unsigned, unsigned>, uint32_t> registers;  // (thread, regnum)
  std::vector<uint8_t> memory = std::vector<uint8_t>(kMemorySize);
  std::vector<std::string> breakpoints;

  unsigned thread_count() const override { return 3; }
  std::string thread_description(unsigned thread) const override {
    return "hart " + std::to_string(thread - 1);
  }
  std::optional<uint32_t> read_register(unsigned thread, unsigned regnum) override {
    if (regnum > riscv32::kPc && regnum != kMstatus) return std::nullopt;
    return registers[{thread, regnum}];
  }
  bool write_register(unsigned thread, unsigned regnum, uint32_t value) override {
    if (regnum > riscv32::kPc && regnum != kMstatus) return false;
    registers[{thread, regnum}] = value;
    return true;
  }
  size_t read_memory(uint32_t addr, uint8_t* data, size_t len) override {
    size_t n = 0;
    for (; n < len && addr + n - kMemoryBase < kMemorySize; ++n)
      data[n] = memory[addr + n - kMemoryBase];
    return n;
  }
  bool write_memory(uint32_t addr, const uint8_t* data, size_t len) override {
    if (addr - kMemoryBase + len > kMemorySize) return false;
    std::copy(data, data + len, memory.begin() + (addr - kMemoryBase));
    return true;
  }
  bool insert_breakpoint(BreakpointType type, uint32_t addr, uint32_t len) override {
    breakpoints.push_back("+" + std::to_string(static_cast<int>(type)) + "@" +
                          std::to_string(addr) + "/" + std::to_string(len));
    return true;
  }
  bool remove_breakpoint(BreakpointType type, uint32_t addr, uint32_t) override {
    breakpoints.push_back("-" + std::to_string(static_cast<int>(type)) + "@" +
                          std::to_string(addr));
    return addr != 0;
  }
  std::string description_xml() const override { return "<target>0123456789</target>"; }
};

class GdbProtocol : public ::testing::Test {
 protected:
  std::string Reply(const std::string& packet) {
    const Protocol::Outcome outcome = protocol.handle(packet);
    EXPECT_FALSE(outcome.resume) << packet << " resumed the target";
    return outcome.reply.value_or("<none>");
  }
  Resume Resumes(const std::string& packet) {
    const Protocol::Outcome outcome = protocol.handle(packet);
    EXPECT_TRUE(outcome.resume) << packet << " did not resume the target";
    return outcome.resume.value_or(Resume{Resume::Kind::kDetach});
  }

  FakeTarget target;
  Protocol protocol{target};
};

TEST_F(GdbProtocol, AdvertisesWhatItSupports) {
  const std::string features = Reply("qSupported:multiprocess+;swbreak+;hwbreak+");
  EXPECT_NE(features.find("PacketSize=4000"), std::string::npos);
  EXPECT_NE(features.find("qXfer:features:read+"), std::string::npos);
  EXPECT_NE(features.find("swbreak+"), std::string::npos);
  EXPECT_EQ(Reply("vCont?"), "vCont;c;C;s;S");
  EXPECT_EQ(Reply("vMustReplyEmpty"), "");
  EXPECT_EQ(Reply("qAttached"), "1");
}

TEST_F(GdbProtocol, TheFirstStopIsReportedWhenAsked) {
  EXPECT_FALSE(protocol.stopped({2}));
  EXPECT_EQ(Reply("?"), "T05thread:2;");
  EXPECT_EQ(Reply("qC"), "QC2");
}

TEST_F(GdbProtocol, ThreadsAreListedAndDescribed) {
  EXPECT_EQ(Reply("qfThreadInfo"), "m1,2,3");
  EXPECT_EQ(Reply("qsThreadInfo"), "l");
  EXPECT_EQ(Reply("qThreadExtraInfo,3"), to_hex("hart 2"));
  EXPECT_EQ(Reply("T3"), "OK");
  EXPECT_EQ(Reply("T4"), "E01");
  EXPECT_EQ(Reply("Hg4"), "E01");
}

TEST_F(GdbProtocol, RegistersOfTheSelectedThread) {
  target.registers[{2, 10}] = 0x12345678;
  target.registers[{2, riscv32::kPc}] = 0x80000010;
  EXPECT_EQ(Reply("Hg2"), "OK");
  const std::string all = Reply("g");
  ASSERT_EQ(all.size(), 8u * riscv32::kGeneralRegisters);
  EXPECT_EQ(all.substr(8 * 10, 8), "78563412");
  EXPECT_EQ(all.substr(8 * riscv32::kPc, 8), "10000080");
  EXPECT_EQ(Reply("p20"), "10000080");
  EXPECT_EQ(Reply("p341"), "00000000");  // mstatus, by GDB's CSR numbering
  EXPECT_EQ(Reply("P341=88000000"), "OK");
  EXPECT_EQ((target.registers[{2, kMstatus}]), 0x88u);
  EXPECT_EQ(Reply("p342"), "E01");
  EXPECT_EQ(Reply("Hg1"), "OK");
  EXPECT_EQ(Reply("p20"), "00000000");
}

TEST_F(GdbProtocol, WritesAllRegisters) {
  std::string all;
  for (unsigned r = 0; r < riscv32::kGeneralRegisters; ++r) all += register_hex(r * 3);
  EXPECT_EQ(Reply("G" + all), "OK");
  EXPECT_EQ((target.registers[{1, 7}]), 21u);
  EXPECT_EQ(Reply("G1234"), "E01");
}

TEST_F(GdbProtocol, Memory) {
  EXPECT_EQ(Reply("M80000004,3:a1b2c3"), "OK");
  EXPECT_EQ(Reply("m80000003,5"), "00a1b2c300");
  EXPECT_EQ(Reply("X80000000,0:"), "OK");
  EXPECT_EQ(Reply(std::string("X80000010,2:}") + char('#' ^ 0x20) + "z"), "OK");
  EXPECT_EQ(target.memory[0x10], '#');
  EXPECT_EQ(target.memory[0x11], 'z');
  EXPECT_EQ(Reply("m8000003e,4"), "0000") << "the readable part";
  EXPECT_EQ(Reply("m90000000,4"), "E01");
  EXPECT_EQ(Reply("M80000000,2:0g00"), "E01");
  EXPECT_EQ(Reply("M80000000,3:0000"), "E01") << "length disagrees with the data";
}

TEST_F(GdbProtocol, BreakpointsAndWatchpoints) {
  EXPECT_EQ(Reply("Z0,80000010,2"), "OK");
  EXPECT_EQ(Reply("Z1,80000014,4"), "OK");
  EXPECT_EQ(Reply("Z2,80001000,4"), "OK");
  EXPECT_EQ(Reply("z4,0,4"), "E01");
  EXPECT_EQ(Reply("Z5,80000010,4"), "") << "not a type we know";
  EXPECT_EQ(target.breakpoints, (std::vector<std::string>{"+0@2147483664/2", "+1@2147483668/4",
                                                          "+2@2147487744/4", "-4@0"}));
}

TEST_F(GdbProtocol, TargetDescriptionInChunks) {
  EXPECT_EQ(Reply("qXfer:features:read:target.xml:0,8"), "m<target>");
  EXPECT_EQ(Reply("qXfer:features:read:target.xml:8,100"), "l0123456789</target>");
  EXPECT_EQ(Reply("qXfer:features:read:target.xml:1000,8"), "E01");
}

TEST_F(GdbProtocol, ResumingThenStoppingSendsTheStopReply) {
  protocol.stopped({1});
  const Resume resume = Resumes("vCont;c");
  EXPECT_EQ(resume.kind, Resume::Kind::kContinue);
  EXPECT_EQ(protocol.stopped({3, kSigTrap, StopEvent::Reason::kSoftwareBreak}),
            "T05thread:3;swbreak:;");
  EXPECT_EQ(Reply("qC"), "QC3");
  Resumes("c");
  EXPECT_EQ(protocol.stopped({2, kSigTrap, StopEvent::Reason::kWatch, 0x80001000}),
            "T05thread:2;watch:80001000;");
  Resumes("c");
  EXPECT_EQ(protocol.stopped({2, kSigInt}), "T02thread:2;");
  EXPECT_FALSE(protocol.stopped({2})) << "GDB is not waiting any more";
}

TEST_F(GdbProtocol, StepsTheThreadTheStepActionNames) {
  protocol.stopped({1});
  const Resume step = Resumes("vCont;s:2;c");
  EXPECT_EQ(step.kind, Resume::Kind::kStep);
  EXPECT_EQ(step.thread, 2u);
  protocol.stopped({2});
  EXPECT_EQ(Resumes("vCont;s").thread, 2u) << "no thread: the one that stopped";
  protocol.stopped({2});
  EXPECT_EQ(Reply("Hc3"), "OK");
  EXPECT_EQ(Resumes("s").thread, 3u);
}

TEST_F(GdbProtocol, ContinuesOneThreadOrAll) {
  protocol.stopped({1});
  EXPECT_EQ(Resumes("vCont;c").thread, 0u);
  protocol.stopped({1});
  EXPECT_EQ(Resumes("vCont;c:3").thread, 3u) << "the others stay stopped";
  protocol.stopped({1});
  EXPECT_EQ(Resumes("vCont;c:3;c").thread, 0u);
  protocol.stopped({1});
  EXPECT_EQ(Resumes("c").thread, 0u);
  protocol.stopped({1});
  EXPECT_EQ(Reply("Hc2"), "OK");
  EXPECT_EQ(Resumes("c").thread, 2u);
}

TEST_F(GdbProtocol, DetachKillAndExit) {
  EXPECT_FALSE(protocol.exited(3)) << "GDB is not waiting for the target";
  Resumes("c");
  EXPECT_EQ(protocol.exited(3), "W03");

  const Protocol::Outcome detach = protocol.handle("D");
  EXPECT_EQ(detach.reply, "OK");
  EXPECT_EQ(detach.resume->kind, Resume::Kind::kDetach);
  const Protocol::Outcome kill = protocol.handle("k");
  EXPECT_FALSE(kill.reply);
  EXPECT_EQ(kill.resume->kind, Resume::Kind::kKill);
  EXPECT_EQ(protocol.handle("vKill;1").reply, "OK");
}

TEST_F(GdbProtocol, NoAckModeOnRequest) {
  EXPECT_TRUE(protocol.ack_mode());
  EXPECT_EQ(Reply("QStartNoAckMode"), "OK");
  EXPECT_FALSE(protocol.ack_mode());
}

TEST(GdbRiscv, TargetDescriptionNamesRegistersAndCsrs) {
  const std::string xml = riscv32::target_xml();
  EXPECT_NE(xml.find("<architecture>riscv:rv32</architecture>"), std::string::npos);
  EXPECT_NE(xml.find("<reg name=\"sp\" bitsize=\"32\" type=\"data_ptr\" regnum=\"2\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\" regnum=\"32\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<feature name=\"org.gnu.gdb.riscv.csr\">"), std::string::npos);
  EXPECT_NE(xml.find("<reg name=\"mstatus\" bitsize=\"32\" type=\"int\" regnum=\"833\"/>"),
            std::string::npos);
}

}  // namespace
}  // namespace tessera::gdb
