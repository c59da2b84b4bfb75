// A thread blocked in read() on an empty pipe must not block the others:
// it leaves the schedule (with thread_switch=user it goes back to its own OS
// thread to wait in the kernel) and the writer runs. What the writer did
// before writing is ordered before the read that receives it.
// RUN: %weft-cc -O1 %s -o %t
// RUN: env WEFT_OPTIONS=thread_switch=os %weft test -n 20 --seed 2 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_OPTIONS=thread_switch=user %weft test -n 20 --seed 2 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 20 schedules, 0 failed

#include <pthread.h>
#include <sched.h>
#include <unistd.h>

static int Fds[2];
static int Payload[16];
static pthread_mutex_t Lock = PTHREAD_MUTEX_INITIALIZER;
static int Noise;

static void *reader(void *Arg) {
  (void)Arg;
  long Sum = 0;
  for (int I = 0; I < 16; ++I) {
    char C;
    if (read(Fds[0], &C, 1) != 1)
      return (void *)1;
    Sum += Payload[(int)C];
  }
  return (void *)(long)(Sum == 120 * 3 ? 0 : 2);
}

static void *writer(void *Arg) {
  (void)Arg;
  for (int I = 0; I < 16; ++I) {
    for (int J = 0; J < 3; ++J) { // let the reader reach its read first
      pthread_mutex_lock(&Lock);
      ++Noise;
      pthread_mutex_unlock(&Lock);
    }
    Payload[I] = I * 3;
    char C = (char)I;
    if (write(Fds[1], &C, 1) != 1)
      return (void *)1;
  }
  return 0;
}

static void *bystander(void *Arg) {
  (void)Arg;
  for (int I = 0; I < 30; ++I) {
    pthread_mutex_lock(&Lock);
    ++Noise;
    pthread_mutex_unlock(&Lock);
    sched_yield();
  }
  return 0;
}

int main(void) {
  if (pipe(Fds))
    return 3;
  pthread_t R, W, B;
  pthread_create(&R, 0, reader, 0);
  pthread_create(&B, 0, bystander, 0);
  pthread_create(&W, 0, writer, 0);
  void *Rr, *Wr;
  pthread_join(R, &Rr);
  pthread_join(W, &Wr);
  pthread_join(B, 0);
  return Rr || Wr;
}
