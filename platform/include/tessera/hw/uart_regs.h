/* UART: a 16550-compatible subset, one byte register per address (reg shift 0).
 * Transmit only is modelled with data: THR writes go to the console or a file;
 * the receiver is always empty. */
#ifndef TESSERA_HW_UART_REGS_H
#define TESSERA_HW_UART_REGS_H

#define UART_RBR 0x0 /* read: receive buffer (DLAB=0) */
#define UART_THR 0x0 /* write: transmit holding (DLAB=0) */
#define UART_DLL 0x0 /* divisor latch low (DLAB=1) */
#define UART_IER 0x1 /* interrupt enable (DLAB=0) */
#define UART_DLM 0x1 /* divisor latch high (DLAB=1) */
#define UART_IIR 0x2 /* read: interrupt identification */
#define UART_FCR 0x2 /* write: FIFO control */
#define UART_LCR 0x3 /* line control; bit 7 is DLAB */
#define UART_MCR 0x4 /* modem control */
#define UART_LSR 0x5 /* line status */
#define UART_MSR 0x6 /* modem status */
#define UART_SCR 0x7 /* scratch */

#define UART_LCR_DLAB 0x80u
#define UART_LSR_DR 0x01u   /* receive data ready */
#define UART_LSR_THRE 0x20u /* transmit holding register empty */
#define UART_LSR_TEMT 0x40u /* transmitter empty */
#define UART_IIR_NO_INT 0x01u

#endif
