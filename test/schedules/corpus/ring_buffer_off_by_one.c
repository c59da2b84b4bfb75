// A bounded ring buffer whose "full" test is off by one: the producer
// waits only while more than Capacity items are queued, so it can write a
// Capacity+1-th item into the slot of the oldest one, which the consumer
// has not taken yet; that item is lost and the consumer sees the sequence
// jump. It needs the consumer to fall Capacity items behind. (FIXED: wait
// while count == Capacity.)
#include <assert.h>
#include <pthread.h>

enum { Capacity = 2, Items = 6 };

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static int slots[Capacity]; // under m
static int head, count;     // under m

static void *producer(void *arg) {
  for (int i = 0; i < Items; i++) {
    pthread_mutex_lock(&m);
#ifdef FIXED
    while (count == Capacity)
#else
    while (count > Capacity)
#endif
      pthread_cond_wait(&not_full, &m);
    slots[(head + count) % Capacity] = i;
    if (count < Capacity)
      count++;
    else
      head = (head + 1) % Capacity; // overwrote the oldest item
    pthread_cond_signal(&not_empty);
    pthread_mutex_unlock(&m);
  }
  return 0;
}

static void *consumer(void *arg) {
  for (int expected = 0; expected < Items;) {
    pthread_mutex_lock(&m);
    while (count == 0)
      pthread_cond_wait(&not_empty, &m);
    int v = slots[head];
    head = (head + 1) % Capacity;
    count--;
    pthread_cond_signal(&not_full);
    pthread_mutex_unlock(&m);
    assert(v == expected && "an item was lost");
    expected++;
    if (v == Items - 1)
      break;
  }
  return 0;
}

int main(void) {
  pthread_t p, c;
  pthread_create(&p, 0, producer, 0);
  pthread_create(&c, 0, consumer, 0);
  pthread_join(p, 0);
  pthread_join(c, 0);
  return 0;
}
