// A work-stealing deque: the owner pushes and pops tasks at the bottom
// without a lock, thieves steal from the top under a lock of their own.
// The bad steal: a thief reads `bottom`, checks that a task is left, and
// takes it, while the owner's pop of the last task checks `top` with plain
// accesses only. When the owner's pop falls between the thief's check and
// its update of `top`, both take the same task and it runs twice. The
// window lies between plain accesses of the two sides. (FIXED: the owner
// pops under the thieves' lock too.)
#include <assert.h>
#include <pthread.h>
#include <stddef.h>

enum { Tasks = 4, Thieves = 2 };

__attribute__((weak)) void __weft_benign_race(const volatile void *, size_t, const char *);

static int tasks[Tasks];
static long top, bottom; // tasks[top, bottom) are queued
static pthread_mutex_t steal_lock = PTHREAD_MUTEX_INITIALIZER;
static int runs[Tasks];  // how often each task ran
static pthread_mutex_t runs_lock = PTHREAD_MUTEX_INITIALIZER;

static void run(int task) {
  pthread_mutex_lock(&runs_lock);
  runs[task]++;
  pthread_mutex_unlock(&runs_lock);
}

static int steal(void) {
  int task = -1;
  pthread_mutex_lock(&steal_lock);
  long t = top;
  if (t < bottom) {
    task = tasks[t];
    top = t + 1;
  }
  pthread_mutex_unlock(&steal_lock);
  return task;
}

static int pop(void) {
#ifdef FIXED
  pthread_mutex_lock(&steal_lock);
#endif
  int task = -1;
  long b = bottom - 1;
  if (top <= b) {
    task = tasks[b];
    bottom = b;
  }
#ifdef FIXED
  pthread_mutex_unlock(&steal_lock);
#endif
  return task;
}

static void *thief(void *arg) {
  (void)arg;
  for (int task; (task = steal()) >= 0;)
    run(task);
  return 0;
}

int main(void) {
  if (__weft_benign_race) {
    __weft_benign_race(&top, sizeof top, "the bad steal is the bug under test");
    __weft_benign_race(&bottom, sizeof bottom, "the bad steal is the bug under test");
  }
  for (int i = 0; i < Tasks; i++)
    tasks[bottom++] = i;
  pthread_t t[Thieves];
  for (int i = 0; i < Thieves; i++)
    pthread_create(&t[i], 0, thief, 0);
  for (int task; (task = pop()) >= 0;)
    run(task);
  for (int i = 0; i < Thieves; i++)
    pthread_join(t[i], 0);
  for (int i = 0; i < Tasks; i++)
    assert(runs[i] == 1);
  return 0;
}
