#include "crc32.h"

#define CRC32_POLY 0xEDB88320u

static uint32_t table[256];

static uint32_t crc32_byte_bitwise(uint32_t crc, uint8_t byte) {
  crc ^= byte;
  for (int bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ (CRC32_POLY & -(crc & 1u));
  return crc;
}

void crc32_init_table(void) {
  for (uint32_t i = 0; i < 256; i++) table[i] = crc32_byte_bitwise(0, (uint8_t)i);
}

uint32_t crc32_table_driven(const uint8_t* data, size_t len) {
  uint32_t crc = UINT32_MAX;
  for (size_t i = 0; i < len; i++) crc = table[(crc ^ data[i]) & 0xFFu] ^ (crc >> 8);
  return ~crc;
}

uint32_t crc32_bitwise(const uint8_t* data, size_t len) {
  uint32_t crc = UINT32_MAX;
  for (size_t i = 0; i < len; i++) crc = crc32_byte_bitwise(crc, data[i]);
  return ~crc;
}
