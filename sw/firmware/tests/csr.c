/* Zicsr and the machine CSRs: misa, mhartid, mscratch, the counters, the rules for which
 * CSR instructions write, and illegal-instruction traps on bad accesses. */
#include <stdint.h>

#include "fw/check.h"
#include "fw/clint.h"
#include "fw/csr.h"
#include "fw/trap.h"

/* In the custom machine read/write range, which Tessera leaves empty. */
#define NONEXISTENT_CSR 0x7c0
#define STR(x) #x
#define XSTR(x) STR(x)

#define CSR_OPCODE 0x73u

static void test_identity(void) {
  uint32_t misa = csr_read(misa);
  CHECK_EQ(misa >> 30, MISA_MXL_32 >> 30);
  CHECK(misa & MISA_EXT('I'));
  CHECK(misa & MISA_EXT('M'));
  CHECK(misa & MISA_EXT('A'));
  CHECK(misa & MISA_EXT('C'));
  CHECK_EQ(csr_read(mhartid), 0u);
}

static void test_mscratch(void) {
  csr_write(mscratch, 0xdeadbeefu);
  CHECK_EQ(csr_read(mscratch), 0xdeadbeefu);
  CHECK_EQ(csr_swap(mscratch, 0x12345678u), 0xdeadbeefu);
  csr_set(mscratch, 0x80000001u);
  CHECK_EQ(csr_read(mscratch), 0x92345679u);
  csr_clear(mscratch, 0x12000000u);
  CHECK_EQ(csr_read(mscratch), 0x80345679u);
  csr_write(mscratch, 5); /* csrwi */
  CHECK_EQ(csr_read(mscratch), 5u);
}

static void test_counters(void) {
  uint64_t cycles = csr_read64(mcycle);
  uint64_t instret = csr_read64(minstret);
  for (volatile int i = 0; i < 100; i++) {
  }
  CHECK(csr_read64(mcycle) > cycles);
  CHECK(csr_read64(minstret) >= instret + 100);

  /* Writable, and counting on from the written value. */
  csr_write(minstret, 1000);
  uint32_t after = csr_read(minstret);
  CHECK(after >= 1000 && after < 1016);
  csr_write(mcycleh, 7);
  CHECK_EQ(csr_read(mcycleh), 7u);
  csr_write(mcycle, 0);
  CHECK(csr_read(mcycle) < 0x10000);

  /* The user-level counters mirror the machine ones; time mirrors the CLINT's mtime. */
  uint32_t m_before = csr_read(minstret);
  uint32_t u = csr_read(instret);
  CHECK(u > m_before && u < m_before + 16);
  uint64_t mtime_before = clint_mtime();
  uint64_t time = csr_read64(time);
  CHECK(time >= mtime_before && time <= clint_mtime());
}

/* csrrs/csrrc with rs1 = x0 and csrrsi/csrrci with uimm = 0 do not write, so they may read
 * a read-only CSR; any other write form (even of a zero register) is illegal. */
static void test_write_rules(void) {
  trap_catch(CAUSE_ILLEGAL_INSTRUCTION);
  uint32_t value;
  __asm__ volatile("csrrs %0, mhartid, x0" : "=r"(value));
  __asm__ volatile("csrrc %0, mhartid, x0" : "=r"(value));
  __asm__ volatile("csrrsi %0, mhartid, 0" : "=r"(value));
  __asm__ volatile("csrrci %0, mhartid, 0" : "=r"(value));
  CHECK_EQ(trap_caught.count, 0u);

  csr_write(mscratch, 0xa5a5a5a5u);
  __asm__ volatile("csrrs %0, mscratch, x0" : "=r"(value));
  __asm__ volatile("csrrc %0, mscratch, x0" : "=r"(value));
  CHECK_EQ(csr_read(mscratch), 0xa5a5a5a5u);

  uint32_t pc = EXEC_AT("csrrw zero, mhartid, %1", "r"(0));
  CHECK_EQ(trap_caught.count, 1u);
  CHECK_EQ(trap_caught.mepc, pc);
  pc = EXEC_AT("csrrs zero, mhartid, %1", "r"(0));
  CHECK_EQ(trap_caught.count, 2u);
  CHECK_EQ(trap_caught.mepc, pc);
  CHECK_EQ(csr_read(mhartid), 0u);
}

static void test_nonexistent(void) {
  trap_catch(CAUSE_ILLEGAL_INSTRUCTION);
  uint32_t before = trap_caught.count;
  uint32_t pc = EXEC_AT("csrr zero, " XSTR(NONEXISTENT_CSR));
  CHECK_EQ(trap_caught.count, before + 1);
  CHECK_EQ(trap_caught.mcause, CAUSE_ILLEGAL_INSTRUCTION);
  CHECK_EQ(trap_caught.mepc, pc);
  CHECK_EQ(trap_caught.mtval, insn_at(pc));
  CHECK_EQ(trap_caught.mtval & 0x7fu, CSR_OPCODE);
  CHECK_EQ(trap_caught.mtval >> 20, (uint32_t)NONEXISTENT_CSR);

  pc = EXEC_AT("csrw " XSTR(NONEXISTENT_CSR) ", %1", "r"(1));
  CHECK_EQ(trap_caught.count, before + 2);
  CHECK_EQ(trap_caught.mtval, insn_at(pc));
}

int main(void) {
  test_identity();
  test_mscratch();
  test_counters();
  test_write_rules();
  test_nonexistent();
  return 0;
}
