/* Loads from an address no device answers, with no handler installed: the VP must raise an
 * access fault (never crash), and the runtime's unexpected-trap report must name the address. */
#include <stdint.h>

#include "tessera/hw/memory_map.h"

int main(void) {
  volatile uint32_t* hole = (volatile uint32_t*)TESSERA_UNMAPPED_BASE;
  return (int)*hole;
}
