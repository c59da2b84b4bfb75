// The twin of handler_malloc.c, built with ORDERED: the handler fills a
// static buffer instead of allocating one, and main allocates and frees
// outside it.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK: handled 1, buffer 1

#define ORDERED
#include "handler_malloc.c"
