# Cross toolchain for the bare-metal RV32IMAC firmware (gcc-riscv64-unknown-elf + picolibc).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)

set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_ASM_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_AR riscv64-unknown-elf-ar)
set(CMAKE_RANLIB riscv64-unknown-elf-ranlib)
set(CMAKE_OBJCOPY riscv64-unknown-elf-objcopy)
set(CMAKE_OBJDUMP riscv64-unknown-elf-objdump)

# There is no target to run a try_compile executable on, and no startfiles until ours link.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# GCC 12 needs _zicsr/_zifencei spelled out to assemble csr* and fence.i ...
set(_rv_compile "-march=rv32imac_zicsr_zifencei -mabi=ilp32 --specs=picolibc.specs")
set(CMAKE_C_FLAGS_INIT "${_rv_compile} -O2 -g -Wall -Wextra")
set(CMAKE_ASM_FLAGS_INIT "${_rv_compile} -g")
# ... but its multilib matcher does not know those suffixes and would pick the 64-bit
# libraries, so the link repeats the plain -march (the last one wins).
set(CMAKE_EXE_LINKER_FLAGS_INIT "-march=rv32imac -mabi=ilp32 -nostartfiles")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
