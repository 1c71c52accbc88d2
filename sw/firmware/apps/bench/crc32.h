/* CRC-32 (IEEE 802.3, reflected) computed two independent ways, so each checks the other. */
#ifndef BENCH_CRC32_H
#define BENCH_CRC32_H

#include <stddef.h>
#include <stdint.h>

void crc32_init_table(void);
uint32_t crc32_table_driven(const uint8_t* data, size_t len);
uint32_t crc32_bitwise(const uint8_t* data, size_t len);

#endif
