// The twin of handler_spoils_errno.c, built with ORDERED: the handler makes
// the same failing call but saves errno first and restores it, as a handler
// must.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK: errno after: 0, handled 2

#define ORDERED
#include "handler_spoils_errno.c"
