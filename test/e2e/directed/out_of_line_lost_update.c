// A lost update in a large function, as most accesses of a large file are:
// deposit() is above the inline check's size limit
// (-weft-inline-small-function) and has no loop, so its accesses call the
// runtime's register-preserving entry points out of line, with no flag or
// option given. Those calls carry a site flag of their own
// (docs/scheduling.md, "Out-of-line sites"), so the race the first schedule
// detects on `balance` makes the write's call a race-directed point of the
// later ones, and the random walk at the default quantum finds the lost
// update within a few schedules; without directed points it does not in
// 1,000. The race is annotated benign so that the run goes on to the
// assertion. The race-free twin (-DFIXED: one lock for both threads) stays
// silent over 2,000 schedules of the default exploration.
// RUN: %weft-cc %s -S -emit-llvm -o - | FileCheck %s --check-prefix=IR
// IR-LABEL: define {{.*}} @deposit(
// IR-NOT:   _slow(
// IR:       call preserve_mostcc void @__weft_write8(ptr {{.*}}@balance, ptr @weft.site{{[.0-9]*}})
// IR-LABEL: define
// RUN: %weft-cc %s -o %t
// RUN: not %weft test -n 100 -j 2 --seed 1 --strategy random --schedule-file %t.schedule -- %t | FileCheck %s
// CHECK: weft: failure: assertion failed at {{.*}}out_of_line_lost_update.c:{{[0-9]+}}:{{[0-9]+}} in main with seed 0x
// CHECK: weft test: {{[0-9]+}} schedules, 1 failed
// RUN: FileCheck %s --check-prefix=SCHEDULE < %t.schedule
// SCHEDULE: racy_sites out_of_line_lost_update.c.tmp+0x{{[0-9a-f]+$}}
// RUN: %python %S/../../schedules/Inputs/replay_many.py 10 %weft replay --schedule-file %t.schedule -- %t
// RUN: %weft test -n 1000 -j 2 --seed 1 --strategy random --no-directed-points -- %t | FileCheck %s --check-prefix=UNDIRECTED
// UNDIRECTED: weft test: 1000 schedules, 0 failed
// RUN: %weft-cc -DFIXED %s -o %t.fixed
// RUN: %weft test -n 2000 -j 2 --seed 1 -- %t.fixed | FileCheck %s --check-prefix=FIXED
// FIXED: weft test: 2000 schedules, 0 failed
#include <assert.h>
#include <pthread.h>
#include <stddef.h>

void __weft_benign_race(const volatile void *, size_t, const char *);

enum { Rounds = 3 };

static pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
long balance;

// Enough arithmetic (in registers, no memory) to make deposit() large.
#define STEP(k) a = a * 31 + (b ^ k); b = (b >> 3) + a * k; c ^= a + b * (k + 7);
#define STEPS                                                                  \
  STEP(1) STEP(2) STEP(3) STEP(4) STEP(5) STEP(6) STEP(7) STEP(8) STEP(9)      \
  STEP(10) STEP(11) STEP(12) STEP(13) STEP(14) STEP(15) STEP(16) STEP(17)      \
  STEP(18) STEP(19) STEP(20) STEP(21) STEP(22) STEP(23) STEP(24) STEP(25)      \
  STEP(26) STEP(27) STEP(28) STEP(29) STEP(30) STEP(31) STEP(32)

// Returns a checksum of its arithmetic so that the optimizer keeps it.
__attribute__((noinline)) long deposit(pthread_mutex_t *lock, long amount, long seed) {
  long a = seed, b = seed * 3, c = seed ^ 0x55;
  STEPS
  pthread_mutex_lock(lock);
  balance = balance + amount;
  pthread_mutex_unlock(lock);
  return a ^ b ^ c;
}

static long sums[2];
static void *client(void *arg) {
  long id = (long)arg;
#ifdef FIXED
  pthread_mutex_t *lock = &lock_a;
#else
  pthread_mutex_t *lock = id ? &lock_b : &lock_a;
#endif
  for (int i = 0; i < Rounds; i++)
    sums[id] += deposit(lock, 1, id + i);
  return 0;
}

int main(void) {
  __weft_benign_race(&balance, sizeof balance, "the lost update is the bug under test");
  pthread_t t[2];
  for (long i = 0; i < 2; i++)
    pthread_create(&t[i], 0, client, (void *)i);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  assert(balance == 2 * Rounds);
  return sums[0] == sums[1]; // 0: the checksums differ (their seeds do)
}
