// block_churn.c: two threads each read blocks of a file into freshly
// allocated buffers, over and over: malloc a block of 4-64 KiB (one in
// eight of 64-256 KiB), pread() it from a 4 MiB file, copy it into a
// buffer grown by realloc() in 4 KiB appends (a std::string or vector
// growing), checksum a sample of the copy, and free both. Stands for
// storage engines reading table blocks (LevelDB's ReadBlock allocates a
// buffer per block), parsers and codecs with per-message buffers, and any
// code whose large-ish blocks are allocated, filled and freed again and
// again: it measures the allocation shadow (a new block's and a freed
// block's shadow reset) and range checks over memory whose shadow is
// fresh, where page faults on the shadow can cost more than the check.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// Work size: blocks read per thread.
#define SCALE 1
enum { Blocks = 4000 * SCALE };
enum { Threads = 2, FileSize = 4 << 20, Append = 4 << 10 };
enum { MinBlock = 4 << 10, MaxBlock = 64 << 10, MaxLarge = 256 << 10 };

static int fd; // opened by main before the threads start; pread only

static pthread_mutex_t total_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t total_sum, total_bytes; // under total_lock

static void *reader(void *arg) {
  uint64_t x = 0x9E3779B97F4A7C15ull * ((uintptr_t)arg + 1), h = 0xCBF29CE484222325ull;
  uint64_t bytes = 0;
  for (unsigned i = 0; i < Blocks; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    size_t len = (x & 7) == 0 ? MaxBlock + (x >> 8) % (MaxLarge - MaxBlock + 1)
                              : MinBlock + (x >> 8) % (MaxBlock - MinBlock + 1);
    off_t off = (off_t)((x >> 32) % (FileSize - len));
    unsigned char *block = malloc(len);
    if (!block || pread(fd, block, len, off) != (ssize_t)len) {
      fprintf(stderr, "block_churn: read failed\n");
      exit(1);
    }
    // The growing copy: appends of up to 4 KiB, capacity doubled as needed.
    size_t cap = 1024, used = 0;
    unsigned char *copy = malloc(cap);
    while (used < len) {
      size_t n = len - used < Append ? len - used : Append;
      if (used + n > cap) {
        while (used + n > cap)
          cap *= 2;
        copy = realloc(copy, cap);
      }
      memcpy(copy + used, block + used, n);
      used += n;
    }
    // A sample of the words (every 256th byte) and the last word.
    for (size_t o = 0; o + 8 <= len; o += 256) {
      uint64_t w;
      memcpy(&w, copy + o, 8);
      h = (h ^ w) * 0x100000001B3ull;
    }
    uint64_t last;
    memcpy(&last, copy + len - 8, 8);
    h = (h ^ last ^ len) * 0x100000001B3ull;
    bytes += len;
    free(copy);
    free(block);
  }
  pthread_mutex_lock(&total_lock);
  total_sum += h; // a sum: the same whichever thread adds first
  total_bytes += bytes;
  pthread_mutex_unlock(&total_lock);
  return NULL;
}

int main(void) {
  // The file: 4 MiB of xorshift words, written once and unlinked at exit.
  FILE *f = tmpfile();
  if (!f)
    return 1;
  uint64_t x = 0x2545F4914F6CDD1Dull;
  for (size_t i = 0; i < FileSize; i += 8) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    fwrite(&x, 8, 1, f);
  }
  fflush(f);
  fd = fileno(f);
  pthread_t t[Threads];
  for (uintptr_t i = 0; i < Threads; ++i)
    pthread_create(&t[i], NULL, reader, (void *)i);
  for (unsigned i = 0; i < Threads; ++i)
    pthread_join(t[i], NULL);
  printf("block_churn: blocks=%d bytes=%llu check=%016llx\n", Threads * Blocks,
         (unsigned long long)total_bytes, (unsigned long long)total_sum);
  fclose(f);
  return 0;
}
