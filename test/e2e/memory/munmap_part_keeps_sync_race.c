// Twin of munmap_part_keeps_sync_norace.c: the second flag is stored
// relaxed, so nothing orders the reader's read of the second payload after
// its write, and that race is reported; the first flag, beside the unmapped
// stretch, still orders the first payload (no report for it).
// RUN: %weft-cc -DFLAG_B_ORDER=memory_order_relaxed %S/munmap_part_keeps_sync_norace.c -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=2 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK:      WARNING: weft: data race
// (The compiler may narrow the payloads: they only ever hold 0 or one value.)
// CHECK-NEXT:   Read of size {{[14]}} at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 reader {{.*}}munmap_part_keeps_sync_norace.c:57
// CHECK:        Previous write of size {{[14]}} at 0x{{[0-9a-f]+}} by thread T2:
// CHECK-NEXT:     #0 writer {{.*}}munmap_part_keeps_sync_norace.c:39
// CHECK:        Location is global 'payload_b' of size {{[14]}}
// CHECK:      payloads 11 22
// CHECK-NOT:  WARNING: weft
