// Twin of mmap_reuse_norace.c: a mapping made at an address another thread
// unmapped starts clean, but it is memory like any other.
//  1. Two threads write the new mapping with nothing ordering them: that
//     race is reported, and its previous access is the new owner's write,
//     not the dead mapping's.
//  2. The first owner released a flag that lived in its mapping (an atomic
//     store-release: weft keeps a sync object for the address) after
//     writing a global. The next mapping at that address is new: an
//     acquire load of its flag must not inherit the old object's clock, so
//     the second owner's read of the global still races with the write.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
//
// CHECK:      fresh mapping: same address
// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   Write of size 1 at 0x{{[0-9a-f]+}} by thread T{{[23]}}:
// CHECK-NEXT:     #0 {{second_owner|third}} {{.*}}mmap_reuse_race.c:{{59|68}}
// CHECK:        Previous write of size 1 at 0x{{[0-9a-f]+}} by thread T{{[23]}}:
// CHECK-NEXT:     #0 {{second_owner|third}} {{.*}}mmap_reuse_race.c:{{59|68}}
// CHECK:      flag mapping: same address
// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   Read of size 4 at 0x{{[0-9a-f]+}} by thread T5:
// CHECK-NEXT:     #0 flag_reader {{.*}}mmap_reuse_race.c:{{89|90}}
// CHECK:        Previous write of size 4 at 0x{{[0-9a-f]+}} by thread T4:
// CHECK-NEXT:     #0 flag_writer {{.*}}mmap_reuse_race.c:75
// CHECK:        Location is global 'payload' of size 4
// CHECK-NOT:  WARNING: weft

#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>

enum { kLen = 4 * 4096 };

static char *handed, *fresh;
int payload;

static char *map_at(void *hint) {
  int flags = MAP_PRIVATE | MAP_ANONYMOUS | (hint ? MAP_FIXED_NOREPLACE : 0);
  char *p = mmap(hint, kLen, PROT_READ | PROT_WRITE, flags, -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

static void *first_owner(void *arg) {
  char *ring = map_at(NULL);
  ring[100] = 1;
  munmap(ring, kLen);
  __atomic_store_n(&handed, ring, __ATOMIC_RELAXED);
  return NULL;
}

static void *second_owner(void *arg) {
  char *old;
  while (!(old = __atomic_load_n(&handed, __ATOMIC_RELAXED)))
    ;
  char *ring = map_at(old);
  printf("fresh mapping: %s\n", ring == old ? "same address" : "moved");
  ring[100] = 2;
  __atomic_store_n(&fresh, ring, __ATOMIC_RELAXED);
  return NULL;
}

static void *third(void *arg) {
  char *ring;
  while (!(ring = __atomic_load_n(&fresh, __ATOMIC_RELAXED)))
    ;
  ring[100] = 3;
  return NULL;
}

static void *flag_writer(void *arg) {
  char *page = map_at(NULL);
  int *flag = (int *)page;
  payload = 42;
  __atomic_store_n(flag, 1, __ATOMIC_RELEASE);
  munmap(page, kLen);
  __atomic_store_n(&handed, page, __ATOMIC_RELAXED);
  return NULL;
}

static void *flag_reader(void *arg) {
  char *old;
  while (!(old = __atomic_load_n(&handed, __ATOMIC_RELAXED)))
    ;
  char *page = map_at(old);
  printf("flag mapping: %s\n", page == old ? "same address" : "moved");
  int *flag = (int *)page;
  if (__atomic_load_n(flag, __ATOMIC_ACQUIRE) == 0) // a new, zero flag
    return (void *)(long)payload;
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0); // in order with the reports
  pthread_t a, b, c;
  pthread_create(&a, NULL, first_owner, NULL);
  pthread_create(&b, NULL, second_owner, NULL);
  pthread_create(&c, NULL, third, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_join(c, NULL);
  munmap(fresh, kLen);

  __atomic_store_n(&handed, NULL, __ATOMIC_RELAXED);
  pthread_create(&a, NULL, flag_writer, NULL);
  pthread_create(&b, NULL, flag_reader, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
