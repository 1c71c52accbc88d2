#include "host_ops.h"

#include "fw/atomic.h"
#include "fw/mmio.h"
#include "tessera/hw/hostif_regs.h"
#include "tessera/hw/memory_map.h"

static uint32_t hostif_read(uint32_t reg) {
  return mmio_read32(TESSERA_HOSTIF_BASE + reg);
}
static void hostif_write(uint32_t reg, uint32_t value) {
  mmio_write32(TESSERA_HOSTIF_BASE + reg, value);
}

uint32_t op_nop(const struct tsr_command* command, uint32_t detail[4]) {
  (void)command;
  (void)detail;
  return TSR_OK;
}

/* One transfer of operand 0 from or to the host address in params[0..1]. The manager waits
 * for it: a list's ops run in order anyway, and a transfer ends in bounded time. */
static uint32_t host_dma(const struct tsr_command* command, uint32_t detail[4], uint32_t to_host) {
  const struct tsr_operand* device = &command->operands[0];
  if (device->bytes == 0) return TSR_ERR_INVALID_COMMAND;
  hostif_write(HOSTIF_DMA_HOST_LO, command->params[0]);
  hostif_write(HOSTIF_DMA_HOST_HI, command->params[1]);
  hostif_write(HOSTIF_DMA_DEVICE, device->addr);
  hostif_write(HOSTIF_DMA_LENGTH, device->bytes);
  /* What the manager wrote to the device buffer before lands before the DMA reads it. */
  __asm__ volatile("fence w, o" ::: "memory");
  hostif_write(HOSTIF_DMA_CONTROL, HOSTIF_DMA_START | to_host);
  uint32_t status;
  while ((status = hostif_read(HOSTIF_DMA_STATUS)) & HOSTIF_DMA_BUSY) cpu_relax();
  hostif_write(HOSTIF_DMA_STATUS, HOSTIF_DMA_DONE | HOSTIF_DMA_ERROR);
  if (status & HOSTIF_DMA_ERROR) {
    detail[0] = command->params[0];
    detail[1] = command->params[1];
    detail[2] = device->addr;
    detail[3] = device->bytes;
    return TSR_ERR_HOST_DMA;
  }
  return TSR_OK;
}

uint32_t op_copy_from_host(const struct tsr_command* command, uint32_t detail[4]) {
  return host_dma(command, detail, 0);
}

uint32_t op_copy_to_host(const struct tsr_command* command, uint32_t detail[4]) {
  return host_dma(command, detail, HOSTIF_DMA_TO_HOST);
}
