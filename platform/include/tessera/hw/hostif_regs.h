/* Host interface, device side: what the firmware sees of the PCIe-like endpoint. The host
 * rings doorbells and writes mailbox words through its BAR; the device answers in reply words,
 * raises MSIs, and moves data between host memory and device memory with its DMA. */
#ifndef TESSERA_HW_HOSTIF_REGS_H
#define TESSERA_HW_HOSTIF_REGS_H

#define HOSTIF_DOORBELL 0x000   /* RO: doorbells rung by the host so far (wraps) */
#define HOSTIF_IRQ_STATUS 0x004 /* RW1C: bit 0 a doorbell is pending; drives PLIC_SOURCE_HOST */
#define HOSTIF_MAILBOX_WORDS 8u
#define HOSTIF_MAILBOX(i) (0x010u + 4u * (unsigned)(i)) /* RO: words the host wrote */
#define HOSTIF_REPLY(i) (0x040u + 4u * (unsigned)(i))   /* RW: words the host reads */
#define HOSTIF_MSI 0x080 /* WO: raises an MSI to the host carrying the value written */

/* Device DMA between host memory (addresses the driver registered) and device memory. */
#define HOSTIF_DMA_HOST_LO 0x100
#define HOSTIF_DMA_HOST_HI 0x104
#define HOSTIF_DMA_DEVICE 0x108
#define HOSTIF_DMA_LENGTH 0x10C
#define HOSTIF_DMA_CONTROL \
  0x110 /* WO: bit 0 start, bit 1 direction: 0 host->device, 1 device->host */
#define HOSTIF_DMA_STATUS 0x114 /* RW1C: bit 0 busy (RO), bit 1 done, bit 2 error */

#define HOSTIF_DMA_START 0x1u
#define HOSTIF_DMA_TO_HOST 0x2u
#define HOSTIF_DMA_BUSY 0x1u
#define HOSTIF_DMA_DONE 0x2u
#define HOSTIF_DMA_ERROR 0x4u

#endif
