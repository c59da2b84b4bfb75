// Twin of readonly_mapping_norace.c. Reads of a file mapped without
// PROT_WRITE are neither checked nor recorded (shadow/read_only_pages.h);
// everything around them still is:
//  1. Made writable with mprotect, the mapping is memory like any other: a
//     write and a read of the same byte by two threads with nothing ordering
//     them is reported.
//  2. Unmapped, and anonymous memory mapped at the same address: a race on
//     the new memory is reported (the read-only mark ends with the mapping).
//  3. Two threads copying out of a read-only mapping into one buffer: the
//     copies' writes race, and that is reported (the read side is skipped,
//     the write side is not).
// Concurrent reads of the read-only mapping itself are never a race, in
// either twin.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=2 %expect-exit 66 %t 2>&1 | FileCheck %s
//
// CHECK:      made writable
// CHECK:      WARNING: weft: data race
// CHECK:        {{Write|Read}} of size 1 at 0x{{[0-9a-f]+}} by thread T{{[0-9]+}}:
// CHECK-NEXT:     #0 {{writer|reader}} {{.*}}readonly_mapping_race.c
// CHECK:      remapped: same address
// CHECK:      WARNING: weft: data race
// CHECK:        {{Write|Read}} of size 1 at 0x{{[0-9a-f]+}} by thread T{{[0-9]+}}:
// CHECK-NEXT:     #0 {{writer2|reader2}} {{.*}}readonly_mapping_race.c
// CHECK:      copies
// CHECK:      WARNING: weft: data race
// CHECK:        Write of size {{[0-9]+}} at 0x{{[0-9a-f]+}} by thread T{{[0-9]+}}:
// CHECK:          copier {{.*}}readonly_mapping_race.c
// CHECK-NOT:  WARNING: weft
// CHECK:      done

#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum { kLen = 8 * 4096 };

static char *map;       // the mapping the threads work on
static char *dst;       // the buffer both copiers write
static long sum;        // what the readers of the read-only mapping saw
static pthread_mutex_t sum_lock = PTHREAD_MUTEX_INITIALIZER;

static char *map_file(void *hint) {
  int fd = memfd_create("weft-ro", 0);
  char page[4096];
  for (int i = 0; i < (int)sizeof page; ++i)
    page[i] = (char)('a' + i % 26);
  for (int i = 0; i < kLen / 4096; ++i)
    if (write(fd, page, sizeof page) != sizeof page)
      abort();
  char *p = mmap(hint, kLen, PROT_READ, MAP_SHARED | (hint ? MAP_FIXED_NOREPLACE : 0), fd, 0);
  close(fd);
  return p == MAP_FAILED ? NULL : p;
}

static void *writer(void *arg) {
  map[200] = 'W';
  return NULL;
}

static void *reader(void *arg) {
  return (void *)(long)map[200];
}

// The same for the memory mapped anew (a report per pair of sites).
static void *writer2(void *arg) {
  map[300] = 'W';
  return NULL;
}

static void *reader2(void *arg) {
  return (void *)(long)map[300];
}

static void *ro_reader(void *arg) {
  // Byte reads, a copy out and a compare: all of a read-only mapping.
  long s = 0;
  char buf[512];
  for (int i = 0; i < kLen; i += 64)
    s += map[i];
  memcpy(buf, map + 1000, sizeof buf);
  s += memcmp(buf, map + 2000, sizeof buf) != 0;
  pthread_mutex_lock(&sum_lock);
  sum += s + buf[7];
  pthread_mutex_unlock(&sum_lock);
  return NULL;
}

static void *copier(void *arg) {
  memcpy(dst, map + (long)arg, 1024);
  return NULL;
}

/// Runs \p a and \p b in two threads: at once, or (ORDERED) one after the
/// other, \p b started after \p a was joined.
static void pair(void *(*a)(void *), void *(*b)(void *), void *arg_a, void *arg_b) {
  pthread_t x, y;
  pthread_create(&x, NULL, a, arg_a);
#ifdef ORDERED
  pthread_join(x, NULL);
#endif
  pthread_create(&y, NULL, b, arg_b);
#ifndef ORDERED
  pthread_join(x, NULL);
#endif
  pthread_join(y, NULL);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0); // in order with the reports

  // 1. Read while read-only (never a race), then made writable.
  map = map_file(NULL);
  pair(ro_reader, ro_reader, NULL, NULL);
  if (mprotect(map, kLen, PROT_READ | PROT_WRITE) != 0)
    abort();
  printf("made writable\n");
  pair(writer, reader, NULL, NULL);
  munmap(map, kLen);

  // 2. Read while read-only, unmapped, anonymous memory at the same place.
  map = map_file(NULL);
  char *old = map;
  pair(ro_reader, ro_reader, NULL, NULL);
  munmap(map, kLen);
  map = mmap(old, kLen, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  printf("remapped: %s\n", map == old ? "same address" : "moved");
  pair(writer2, reader2, NULL, NULL);
  munmap(map, kLen);

  // 3. Copies out of a read-only mapping into one buffer.
  map = map_file(NULL);
  dst = malloc(1024);
  printf("copies\n");
  pair(copier, copier, (void *)0L, (void *)4096L);
  pair(ro_reader, ro_reader, NULL, NULL);
  munmap(map, kLen);
  free(dst);

  // 4. The program puts a file of its own under every high descriptor
  //    number (where weft keeps the file its read-only shadow maps): that
  //    file's bytes must never become shadow. Ordered accesses to memory
  //    mapped where a read-only mapping was stay silent in both twins.
  int junk = memfd_create("junk", 0);
  char ones[4096];
  memset(ones, 0xff, sizeof ones);
  for (int i = 0; i < 2 * kLen / 4096; ++i)
    if (write(junk, ones, sizeof ones) != sizeof ones)
      abort();
  for (int fd = 900; fd < 1024; ++fd)
    dup2(junk, fd);
  map = map_file(NULL);
  pair(ro_reader, ro_reader, NULL, NULL);
  old = map;
  munmap(map, kLen);
  map = mmap(old, kLen, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  map[400] = 1;
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL);
  pthread_join(t, NULL);
  munmap(map, kLen);
  printf("done %ld\n", sum > 0 ? 1L : 0L);
  return 0;
}
