// Twin of use_after_free_large_block_race.c: 3 MiB of other buffers are
// freed before the read, more than the quarantine holds (2 MiB), so the
// buffer has left it, and the read is ordered after its own thread's free:
// silent, as under TSan. Nothing is allocated after the frees, so the
// buffer's memory is not another held block. (The value read is glibc's
// business once the memory is back, so it is not checked.)
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK: checksum 1

#define FREED_IN_BETWEEN (3 << 20)
#include "use_after_free_large_block_race.c"
