/* Machine-mode CSR access and the architectural constants of the privileged spec. */
#ifndef FW_CSR_H
#define FW_CSR_H

#include <stdint.h>

#define csr_read(csr)                                      \
  ({                                                       \
    uint32_t csr_value_;                                   \
    __asm__ volatile("csrr %0, " #csr : "=r"(csr_value_)); \
    csr_value_;                                            \
  })
#define csr_write(csr, value) __asm__ volatile("csrw " #csr ", %0" ::"rK"(value) : "memory")
#define csr_set(csr, bits) __asm__ volatile("csrs " #csr ", %0" ::"rK"(bits) : "memory")
#define csr_clear(csr, bits) __asm__ volatile("csrc " #csr ", %0" ::"rK"(bits) : "memory")
#define csr_read_clear(csr, bits)                                                        \
  ({                                                                                     \
    uint32_t csr_old_;                                                                   \
    __asm__ volatile("csrrc %0, " #csr ", %1" : "=r"(csr_old_) : "rK"(bits) : "memory"); \
    csr_old_;                                                                            \
  })
#define csr_swap(csr, value)                                                              \
  ({                                                                                      \
    uint32_t csr_old_;                                                                    \
    __asm__ volatile("csrrw %0, " #csr ", %1" : "=r"(csr_old_) : "rK"(value) : "memory"); \
    csr_old_;                                                                             \
  })

/* A 64-bit counter read as two halves: retry if the low half wrapped in between. */
#define csr_read64(csr)                    \
  ({                                       \
    uint32_t csr_hi_, csr_lo_;             \
    do {                                   \
      csr_hi_ = csr_read(csr##h);          \
      csr_lo_ = csr_read(csr);             \
    } while (csr_hi_ != csr_read(csr##h)); \
    ((uint64_t)csr_hi_ << 32) | csr_lo_;   \
  })

#define MSTATUS_MIE (1u << 3)
#define MSTATUS_MPIE (1u << 7)
#define MSTATUS_MPP (3u << 11)

#define MTVEC_MODE_VECTORED 1u

/* Interrupt numbers: bit positions in mie/mip and codes in mcause. */
#define IRQ_M_SOFT 3u
#define IRQ_M_TIMER 7u
#define IRQ_M_EXT 11u
#define MIE_MSIE (1u << IRQ_M_SOFT)
#define MIE_MTIE (1u << IRQ_M_TIMER)
#define MIE_MEIE (1u << IRQ_M_EXT)
#define MIP_MSIP MIE_MSIE
#define MIP_MTIP MIE_MTIE
#define MIP_MEIP MIE_MEIE

#define MCAUSE_INTERRUPT 0x80000000u
#define CAUSE_MISALIGNED_FETCH 0u
#define CAUSE_FETCH_ACCESS 1u
#define CAUSE_ILLEGAL_INSTRUCTION 2u
#define CAUSE_BREAKPOINT 3u
#define CAUSE_MISALIGNED_LOAD 4u
#define CAUSE_LOAD_ACCESS 5u
#define CAUSE_MISALIGNED_STORE 6u
#define CAUSE_STORE_ACCESS 7u
#define CAUSE_ECALL_M 11u

#define MISA_MXL_32 (1u << 30)
#define MISA_EXT(letter) (1u << ((letter) - 'A'))

#endif
