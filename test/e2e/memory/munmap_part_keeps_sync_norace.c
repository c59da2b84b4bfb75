// A thread publishes two payloads through flags (store-release, so weft
// keeps a sync object for each) that sit right beside a 2 MiB stretch of the
// same mapping holding 16,384 more released atomics, then unmaps that
// stretch. Memory the kernel takes back drops its sync objects and hands
// back the pages of the sync table that it emptied (docs/design.md, "Sync
// objects are found by address"); the two flags share such pages with the
// unmapped stretch, one at each end, and must keep their objects: a reader
// that acquires them afterwards is ordered after both payload writes.
// Twin: munmap_part_keeps_sync_race.c.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: env WEFT_SEED=2 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK: payloads 11 22

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/mman.h>

#ifndef FLAG_B_ORDER
#define FLAG_B_ORDER memory_order_release
#endif

enum { Page = 4096, Middle = 2 << 20, Atomics = Middle / 128 };

static char *region;
static atomic_int *flag_a, *flag_b; // just before and just after the middle
static int payload_a, payload_b;
static atomic_int unmapped;

static void *writer(void *arg) {
  (void)arg;
  atomic_int *mid = (atomic_int *)(region + Page);
  for (int i = 0; i < Atomics; ++i) // one every 128 bytes: every page of heads
    atomic_store_explicit(&mid[i * 32], i, memory_order_release);
  payload_a = 11;
  atomic_store_explicit(flag_a, 1, memory_order_release);
  payload_b = 22;
  atomic_store_explicit(flag_b, 1, FLAG_B_ORDER);
  if (munmap(region + Page, Middle) != 0) {
    perror("munmap");
    return (void *)1;
  }
  atomic_store_explicit(&unmapped, 1, memory_order_relaxed);
  return NULL;
}

static void *reader(void *arg) {
  (void)arg;
  while (!atomic_load_explicit(&unmapped, memory_order_relaxed))
    sched_yield();
  while (!atomic_load_explicit(flag_a, memory_order_acquire) ||
         !atomic_load_explicit(flag_b, memory_order_acquire))
    sched_yield();
  int a = payload_a;
  int b = payload_b; // ordered only by flag_b (line 57: the race twin names it)
  printf("payloads %d %d\n", a, b);
  return NULL;
}

int main(void) {
  region = mmap(NULL, Middle + 2 * Page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (region == MAP_FAILED) {
    perror("mmap");
    return 1;
  }
  flag_a = (atomic_int *)(region + Page) - 1;
  flag_b = (atomic_int *)(region + Page + Middle);
  pthread_t w, r;
  pthread_create(&r, NULL, reader, NULL);
  pthread_create(&w, NULL, writer, NULL);
  void *wret;
  pthread_join(w, &wret);
  pthread_join(r, NULL);
  return wret != NULL;
}
