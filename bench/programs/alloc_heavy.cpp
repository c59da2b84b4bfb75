// alloc_heavy.cpp: two threads each allocate and free many small objects:
// linked lists of new/delete'd nodes, malloc/free'd buffers of varying
// sizes, and short-lived std::vector<int>s, freed out of allocation order.
// Stands for allocation-heavy code: it measures the allocator interception
// path (and shadow-memory cleanup on free).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

// Work size: rounds per thread.
#define SCALE 1
constexpr unsigned Threads = 2;
constexpr unsigned Rounds = 30000 * SCALE;
constexpr unsigned ListLen = 200, Buffers = 64;

struct Node {
  Node *next;
  uint64_t value;
  char pad[16];
};

static std::mutex total_lock;
static uint64_t total; // under total_lock

static uint64_t worker(unsigned id) {
  uint64_t x = 0xD1B54A32D192ED03ull * (id + 1), acc = 0;
  void *bufs[Buffers] = {};
  for (unsigned r = 0; r < Rounds; ++r) {
    Node *list = nullptr;
    for (unsigned i = 0; i < ListLen; ++i) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      list = new Node{list, x, {}};
    }
    for (unsigned i = 0; i < Buffers; ++i) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      unsigned slot = x % Buffers;
      std::free(bufs[slot]); // free a random older buffer, then refill it
      size_t size = 8 + (x >> 40) % 120;
      bufs[slot] = std::malloc(size);
      std::memset(bufs[slot], int(x & 0xff), size);
      acc += static_cast<unsigned char *>(bufs[slot])[size - 1];
    }
    std::vector<int> v;
    for (unsigned i = 0; i < 32; ++i)
      v.push_back(int(i ^ r));
    acc += v.back();
    while (list) {
      Node *n = list->next;
      acc += list->value & 0xff;
      delete list;
      list = n;
    }
  }
  for (void *b : bufs)
    std::free(b);
  return acc;
}

int main() {
  std::thread th[Threads];
  for (unsigned i = 0; i < Threads; ++i)
    th[i] = std::thread([i] {
      uint64_t a = worker(i);
      std::lock_guard<std::mutex> g(total_lock);
      total += a;
    });
  for (auto &t : th)
    t.join();
  std::printf("alloc_heavy: total=%llu\n", (unsigned long long)total);
  return 0;
}
