/* Synchronous exceptions: each cause's mcause, mepc and mtval, the machine state on entry,
 * and resuming after the faulting instruction of either length. */
#include <stdint.h>

#include "fw/check.h"
#include "fw/csr.h"
#include "fw/trap.h"
#include "tessera/hw/memory_map.h"

#define UNMAPPED_ADDR TESSERA_UNMAPPED_BASE

/* An unassigned encoding in the custom-0 major opcode, with every other bit non-zero-ish so
 * that a truncated mtval shows. */
#define ILLEGAL_INSN_32 0xdeadb00bu

#define STR(x) #x
#define XSTR(x) STR(x)

static void expect_trap(uint32_t cause, uint32_t pc, uint32_t mtval) {
  static uint32_t expected_count;
  expected_count++;
  CHECK_EQ(trap_caught.count, expected_count);
  CHECK_EQ(trap_caught.mcause, cause);
  CHECK_EQ(trap_caught.mepc, pc);
  CHECK_EQ(trap_caught.mtval, mtval);
}

static volatile uint32_t entry_mstatus;
static volatile uint32_t frame_mstatus;

static void record_state_and_skip(struct trap_frame* frame) {
  entry_mstatus = csr_read(mstatus);
  frame_mstatus = frame->mstatus;
  trap_skip_instruction(frame);
}

/* Taking a trap saves MIE into MPIE, clears MIE and records machine mode in MPP. */
static void test_entry_state(void) {
  trap_set_handler(CAUSE_ECALL_M, record_state_and_skip);
  csr_set(mstatus, MSTATUS_MIE);
  __asm__ volatile("ecall" ::: "memory");
  uint32_t after = csr_read(mstatus);
  csr_clear(mstatus, MSTATUS_MIE);
  CHECK_EQ(entry_mstatus & MSTATUS_MIE, 0u);
  CHECK_EQ(entry_mstatus & MSTATUS_MPIE, MSTATUS_MPIE);
  CHECK_EQ(entry_mstatus & MSTATUS_MPP, MSTATUS_MPP);
  CHECK_EQ(frame_mstatus, entry_mstatus);
  CHECK_EQ(after & MSTATUS_MIE, MSTATUS_MIE); /* mret restored it from MPIE */
}

static void test_ecall_ebreak(void) {
  trap_catch(CAUSE_ECALL_M);
  uint32_t pc = EXEC_AT("ecall");
  expect_trap(CAUSE_ECALL_M, pc, 0);

  /* mtval of a breakpoint is either 0 or its address; normalise to the address. */
  trap_catch(CAUSE_BREAKPOINT);
  pc = EXEC_AT(".option push\n.option norvc\nebreak\n.option pop");
  if (trap_caught.mtval == 0) trap_caught.mtval = pc;
  expect_trap(CAUSE_BREAKPOINT, pc, pc);
  pc = EXEC_AT("c.ebreak");
  if (trap_caught.mtval == 0) trap_caught.mtval = pc;
  expect_trap(CAUSE_BREAKPOINT, pc, pc);
}

static void test_illegal(void) {
  trap_catch(CAUSE_ILLEGAL_INSTRUCTION);
  uint32_t pc = EXEC_AT(".word " XSTR(ILLEGAL_INSN_32));
  expect_trap(CAUSE_ILLEGAL_INSTRUCTION, pc, ILLEGAL_INSN_32);
  /* All-zero halfword: the defined-illegal compressed encoding, resumed 2 bytes on. */
  pc = EXEC_AT(".half 0");
  expect_trap(CAUSE_ILLEGAL_INSTRUCTION, pc, 0);
  /* mret, wfi and friends are fine in M-mode, but sret needs S-mode, which Tessera lacks. */
  pc = EXEC_AT("sret");
  expect_trap(CAUSE_ILLEGAL_INSTRUCTION, pc, insn_at(pc));
}

static volatile uint32_t aligned_words[2] = {0x11223344u, 0x55667788u};

static void test_misaligned(void) {
  uintptr_t base = (uintptr_t)aligned_words;
  trap_catch(CAUSE_MISALIGNED_LOAD);
  trap_catch(CAUSE_MISALIGNED_STORE);

  uint32_t pc = EXEC_AT("lw zero, 1(%1)", "r"(base));
  expect_trap(CAUSE_MISALIGNED_LOAD, pc, base + 1);
  pc = EXEC_AT("lw zero, 2(%1)", "r"(base));
  expect_trap(CAUSE_MISALIGNED_LOAD, pc, base + 2);
  pc = EXEC_AT("lh zero, 3(%1)", "r"(base));
  expect_trap(CAUSE_MISALIGNED_LOAD, pc, base + 3);
  pc = EXEC_AT("lhu zero, 1(%1)", "r"(base));
  expect_trap(CAUSE_MISALIGNED_LOAD, pc, base + 1);

  pc = EXEC_AT("sw %2, 3(%1)", "r"(base), "r"(0xffffffffu));
  expect_trap(CAUSE_MISALIGNED_STORE, pc, base + 3);
  pc = EXEC_AT("sh %2, 1(%1)", "r"(base), "r"(0xffffffffu));
  expect_trap(CAUSE_MISALIGNED_STORE, pc, base + 1);
  /* A faulting store writes nothing. */
  CHECK_EQ(aligned_words[0], 0x11223344u);
  CHECK_EQ(aligned_words[1], 0x55667788u);
}

static void test_access_fault(void) {
  trap_catch(CAUSE_LOAD_ACCESS);
  trap_catch(CAUSE_STORE_ACCESS);
  uint32_t pc = EXEC_AT("lw zero, 0(%1)", "r"(UNMAPPED_ADDR));
  expect_trap(CAUSE_LOAD_ACCESS, pc, UNMAPPED_ADDR);
  pc = EXEC_AT("lbu zero, 5(%1)", "r"(UNMAPPED_ADDR));
  expect_trap(CAUSE_LOAD_ACCESS, pc, UNMAPPED_ADDR + 5);
  pc = EXEC_AT("sw %2, 8(%1)", "r"(UNMAPPED_ADDR), "r"(0));
  expect_trap(CAUSE_STORE_ACCESS, pc, UNMAPPED_ADDR + 8);
  pc = EXEC_AT("sb %2, 1(%1)", "r"(UNMAPPED_ADDR), "r"(0));
  expect_trap(CAUSE_STORE_ACCESS, pc, UNMAPPED_ADDR + 1);
}

int main(void) {
  test_entry_state();
  test_ecall_ebreak();
  test_illegal();
  test_misaligned();
  test_access_fault();
  return 0;
}
