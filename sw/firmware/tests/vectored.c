/* Vectored mtvec: interrupts enter at base + 4 * cause, exceptions at base. */
#include <stdint.h>

#include "fw/check.h"
#include "fw/clint.h"
#include "fw/csr.h"
#include "fw/irq.h"
#include "fw/trap.h"

/* Slot n records n in vector_slot and joins the common trap_entry, so the C handlers see
 * the same frame as in direct mode. The slots are plain (4-byte) jumps. */
volatile uint32_t vector_slot = UINT32_MAX;
extern const char vector_table[];
__asm__(
    "  .pushsection .text.vector_table, \"ax\", @progbits\n"
    "  .balign 64\n"
    "  .option push\n"
    "  .option norvc\n"
    "vector_table:\n"
    "  .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n"
    "  j vector_stub_\\n\n"
    "  .endr\n"
    "  .option pop\n"
    "  .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n"
    "vector_stub_\\n:\n"
    "  addi sp, sp, -16\n"
    "  sw t0, 0(sp)\n"
    "  sw t1, 4(sp)\n"
    "  li t0, \\n\n"
    "  la t1, vector_slot\n"
    "  sw t0, 0(t1)\n"
    "  lw t1, 4(sp)\n"
    "  lw t0, 0(sp)\n"
    "  addi sp, sp, 16\n"
    "  j trap_entry\n"
    "  .endr\n"
    "  .popsection\n");

static volatile uint32_t software_irqs, timer_irqs;

static void on_software(struct trap_frame* frame) {
  (void)frame;
  clint_set_msip(0, false);
  software_irqs++;
}

static void on_timer(struct trap_frame* frame) {
  (void)frame;
  clint_set_mtimecmp(0, UINT64_MAX);
  timer_irqs++;
}

int main(void) {
  uint32_t direct = csr_read(mtvec);
  csr_write(mtvec, (uintptr_t)vector_table | MTVEC_MODE_VECTORED);
  CHECK_EQ(csr_read(mtvec), (uintptr_t)vector_table | MTVEC_MODE_VECTORED);

  trap_catch(CAUSE_ECALL_M);
  __asm__ volatile("ecall" ::: "memory");
  CHECK_EQ(trap_caught.count, 1u);
  CHECK_EQ(vector_slot, 0u);

  trap_set_handler(MCAUSE_INTERRUPT | IRQ_M_SOFT, on_software);
  csr_set(mie, MIE_MSIE);
  clint_set_msip(0, true);
  irq_wait_for(&software_irqs);
  CHECK_EQ(vector_slot, IRQ_M_SOFT);

  trap_set_handler(MCAUSE_INTERRUPT | IRQ_M_TIMER, on_timer);
  csr_set(mie, MIE_MTIE);
  clint_set_mtimecmp(0, clint_mtime() + 100);
  irq_wait_for(&timer_irqs);
  CHECK_EQ(vector_slot, IRQ_M_TIMER);
  CHECK_EQ(software_irqs, 1u);

  csr_clear(mie, MIE_MSIE | MIE_MTIE);
  csr_write(mtvec, direct);
  return 0;
}
