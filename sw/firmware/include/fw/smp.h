/* Symmetric multiprocessing: starting the other harts, waiting for them, and their failures.
 *
 * Hart 0 starts alone (the others are held in reset) and runs main. smp_release(h) starts
 * hart h at crt0, which gives it its own stack and TLS block and calls secondary_main(h); bss
 * and data are already live, so main sets up whatever the others need before releasing them.
 * A hart other than 0 finishes when it returns from secondary_main or calls exit: it parks
 * for good, and a non-zero status is recorded for hart 0, which exits with it from smp_join
 * or from any SMP wait. So a failed CHECK on any hart fails the program, from hart 0, without
 * hart 0 waiting forever for the hart that gave up. (picolibc's exit runs the atexit handlers
 * and destructors first, on whichever hart calls it: firmware that registers any should end
 * other harts with _exit.) The trap handler table is shared: a handler installed by one hart
 * serves them all (smp_hart_id() tells them apart). */
#ifndef FW_SMP_H
#define FW_SMP_H

#include <stdbool.h>
#include <stdint.h>

#include "fw/csr.h"

/* The build defines it, and sizes the linker's stack and TLS areas from the same value. */
#ifndef FW_MAX_HARTS
#error "FW_MAX_HARTS comes from the firmware build"
#endif
#define SMP_MAX_HARTS FW_MAX_HARTS
_Static_assert(SMP_MAX_HARTS <= 32, "hart sets are 32-bit masks, as SYSCTRL_HART_RUNNING");

static inline uint32_t smp_hart_id(void) {
  return csr_read(mhartid);
}

/* Bits 0 to harts - 1: the set of the first `harts` harts. */
static inline uint32_t smp_hart_mask(uint32_t harts) {
  return harts >= 32 ? UINT32_MAX : (1u << harts) - 1;
}

/* Harts this firmware can run: the chip's, but at most SMP_MAX_HARTS (crt0 parks the rest). */
uint32_t smp_num_harts(void);

/* Takes hart `hartid` out of reset. False, and nothing happens, for the caller itself or a
 * hart beyond smp_num_harts(). */
bool smp_release(uint32_t hartid);

/* Releases every hart but the caller. */
void smp_release_all(void);

/* Waits until every released hart other than the caller has finished, or one has failed;
 * returns the first failure's exit status, else 0. Hart 0's main ends with it. */
int smp_join(void);

/* On hart 0: if another hart has failed, exits with its status. Elsewhere: nothing. Every
 * wait in the SMP library calls it; so should a test's own wait loops on hart 0. */
void smp_abort_if_failed(void);

/* Spins until *word == value, calling smp_abort_if_failed. */
void smp_wait_for(const volatile uint32_t* word, uint32_t value);

/* Ends the calling hart (not hart 0) with `status`: what _exit does there. A non-zero status
 * also raises hart 0's software interrupt, to wake it if it sleeps in wfi. */
_Noreturn void smp_hart_exit(int status);

/* Where a released hart starts. The runtime's weak default parks it in wfi (and so never
 * finishes: do not smp_join harts that run it). */
void secondary_main(uint32_t hartid);

#endif
