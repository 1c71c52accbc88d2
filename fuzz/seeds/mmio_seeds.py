"""Writes the mmio fuzz target's seed inputs: access records as mmio_fuzz.cpp decodes them."""
import struct
import sys
from pathlib import Path

WRITE, TILE, DEBUG, DMI, BYTE_ENABLE, SHORT_STREAMING, TIME_RUNS = 1, 2, 8, 12, 0x10, 0x20, 0x40
CLINT, PLIC, UART, SYSCTRL, HOSTIF, SRAM0, SRAM1, DRAM, RAW = range(9)
LEN = {1: 0, 2: 1, 4: 2, 8: 3}


def access(op, region, offset, length=4, value=0, delay_ns=0):
    """An access of 1, 2, 4 or 8 bytes."""
    return struct.pack("<BBIBQB", op, region, offset, LEN[length], value, delay_ns)


def burst(op, region, offset, length, value=0, delay_ns=0):
    """An access of any length up to 127 bytes (the length code's other form)."""
    return struct.pack("<BBIBQB", op, region, offset, 0x80 | length, value, delay_ns)


SEEDS = {
    "clint": [
        access(WRITE, CLINT, 0x4000, 8, 5),  # mtimecmp(0)
        access(0, CLINT, 0xBFF8, 8),  # mtime
        access(TIME_RUNS, CLINT, 0xBFFC, 4, 0, 200),  # the timer fires meanwhile
        access(WRITE, CLINT, 0x0, 4, 1),  # msip(0)
        access(WRITE | TILE, CLINT, 0x4008, 4, 7),  # mtimecmp(1), low half, via the mesh
        access(WRITE, CLINT, 0xBFF8, 8, 1 << 40),  # mtime
        access(0, CLINT, 0x4004, 2),  # a width no register has
    ],
    "plic": [
        access(WRITE, PLIC, 8, 4, 3),  # priority of source 2
        access(WRITE, PLIC, 0x2000, 4, 0xFFFFFFFF),  # enables, context 0
        access(WRITE, PLIC, 0x200000, 4, 1),  # threshold
        access(WRITE, SYSCTRL, 0x10C, 4, 1),  # TEST_IRQ up
        access(0, PLIC, 0x1000),  # pending
        access(0, PLIC, 0x200004),  # claim
        access(WRITE, SYSCTRL, 0x10C, 4, 0),
        access(WRITE, PLIC, 0x200004, 4, 2),  # complete
        access(WRITE | TILE, PLIC, 0x201000, 4, 7),  # context 1 threshold, via the mesh
        access(DEBUG, PLIC, 0x2080),
    ],
    "uart": [
        access(WRITE, UART, 3, 1, 0x80),  # LCR: DLAB
        access(WRITE, UART, 0, 1, 1),
        access(WRITE, UART, 1, 1, 0),
        access(WRITE, UART, 3, 1, 3),
        *[access(WRITE, UART, 0, 1, c) for c in b"hi\n"],
        access(0, UART, 5, 1),  # LSR
        access(0, UART, 2, 1),  # IIR
        access(WRITE | BYTE_ENABLE, UART, 7, 1, 0x55),
        access(0, UART, 0, 4),
    ],
    "sysctrl": [
        *[access(0, SYSCTRL, offset) for offset in range(0, 0x30, 4)],
        access(0, SYSCTRL, 0x108),
        access(WRITE, SYSCTRL, 0x104, 4, 0),  # release hart 0
        access(WRITE, SYSCTRL, 0x104, 4, 9),  # no such hart
        access(WRITE | TILE, SYSCTRL, 0x100, 4, 3),  # test exit, via the mesh
    ],
    "hostif": [
        access(WRITE, HOSTIF, 0x100, 4, 0),  # host address 0x1_0000_0000
        access(WRITE, HOSTIF, 0x104, 4, 1),
        access(WRITE, HOSTIF, 0x108, 4, 0x80000000),  # device address
        access(WRITE, HOSTIF, 0x10C, 4, 512),
        access(WRITE, HOSTIF, 0x110, 4, 3),  # start, to the host
        access(TIME_RUNS, HOSTIF, 0x114, 4, 0, 255),
        access(TIME_RUNS, HOSTIF, 0x114, 4, 0, 255),
        access(WRITE, HOSTIF, 0x114, 4, 6),  # clear done and error
        access(WRITE, HOSTIF, 0x110, 4, 1),  # start, from the host
        access(WRITE, HOSTIF, 0x80, 4, 0x42),  # MSI
        access(WRITE, HOSTIF, 0x40, 4, 9),  # reply 0
        access(0, HOSTIF, 0x10),  # mailbox 0
        access(WRITE, HOSTIF, 0x4, 4, 1),
    ],
    "memory": [
        burst(WRITE, DRAM, 0xF8, 16, 0x0123456789ABCDEF),  # across an interleave granule
        burst(0, DRAM, 0xF0, 127),
        burst(WRITE | TILE, SRAM0, 0x1C, 40, 0x1111),  # across rows and banks, via the mesh
        burst(0, SRAM1, 0, 100),
        access(WRITE, DRAM, 0x3FFFC, 8, 1),  # past the end of DRAM
        access(DMI, DRAM, 0x100),
        access(DMI | TILE, SRAM0, 0x10),
        access(DMI, SRAM1, 0x3FF8),
        access(DMI, CLINT, 0),  # registers grant no DMI
        burst(DEBUG | WRITE, DRAM, 0x1000, 64, 7),
        burst(SHORT_STREAMING, DRAM, 0xFC, 8),
        burst(BYTE_ENABLE | WRITE, SRAM0, 0, 8),
    ],
    "raw": [
        access(0, RAW, 0x00000000),
        access(0, RAW, 0x20000000),
        access(WRITE, RAW, 0xFFFFFFFC, 8),
        access(TILE, RAW, 0x41003FFC, 8),  # past the end of a scratchpad
        access(DMI | TILE, RAW, 0x10000000),
        access(DEBUG, RAW, 0x8003FFFF, 2),
    ],
}

out = Path(sys.argv[1])
for name, records in SEEDS.items():
    (out / name).write_bytes(b"".join(records))
