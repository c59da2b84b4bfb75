// A stack deeper than a whole (empty) history arena cannot be kept for an
// access, whatever the generation (here 60,000 frames, more than half of
// stack_history_mb=1 holds): weft starts a new generation once to
// find that out, and afterwards records accesses at that depth with an
// unavailable stack rather than starting a generation for each of them.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 WEFT_OPTIONS="stack_history_mb=1 print_stats=1" %t 2>&1 | FileCheck %s
// (Before, every access deeper than the arena started one: 38,161 here.)
// CHECK: weft: stats: {{.*}} stack-generations={{[0-9]$}}

#define NOINLINE __attribute__((noinline))

static volatile int cell[1000];
static volatile int sink;

// Each level is a frame of its own (not a tail call); at the bottom, each
// of the 1,000 writes is to a new granule, so each stores a slot.
NOINLINE static void down(int depth) {
  if (depth == 0) {
    for (int i = 0; i < 1000; ++i)
      cell[i] = i;
    return;
  }
  down(depth - 1);
  sink++;
}

int main(void) {
  down(60000);
  return 0;
}
