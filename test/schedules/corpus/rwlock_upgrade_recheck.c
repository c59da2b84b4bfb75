// Upgrading a read lock by releasing it and taking the write lock: a
// reader sees a seat free under the read lock, lets go of it, takes the
// write lock and books the seat without checking again. Another thread can
// book the same seat in between, and the theatre is overbooked. (FIXED:
// the condition is checked again under the write lock.)
#include <assert.h>
#include <pthread.h>

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int free_seats = 1; // under rw
static int booked;         // under rw

static void *book(void *arg) {
  pthread_rwlock_rdlock(&rw);
  int available = free_seats > 0;
  pthread_rwlock_unlock(&rw);
  if (!available)
    return 0;
  pthread_rwlock_wrlock(&rw);
#ifdef FIXED
  if (free_seats > 0) {
    free_seats--;
    booked++;
  }
#else
  free_seats--;
  booked++;
#endif
  pthread_rwlock_unlock(&rw);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, book, 0);
  pthread_create(&b, 0, book, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  assert(booked == 1 && free_seats == 0 && "a seat was sold twice");
  return 0;
}
