// The race-free twin of sanitizer_unaligned_race.c: the same misaligned
// accesses through __sanitizer_unaligned_load/store16/32/64, ordered by
// join, and each width reads back what was stored.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x3 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING

#include <pthread.h>
#include <sanitizer/common_interface_defs.h>
#include <stdint.h>
#include <stdio.h>

static char buf[32];

static void *writer(void *arg) {
  __sanitizer_unaligned_store16(buf + 1, 0xbeef);
  __sanitizer_unaligned_store32(buf + 5, 0x11223344u);
  __sanitizer_unaligned_store64(buf + 11, 0x0102030405060708ull);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL);
  pthread_join(t, NULL);
  printf("%x %x %llx\n", __sanitizer_unaligned_load16(buf + 1),
         __sanitizer_unaligned_load32(buf + 5),
         (unsigned long long)__sanitizer_unaligned_load64(buf + 11));
  return 0;
}

// CHECK: beef 11223344 102030405060708
