// shared_ptr_map.cpp: four threads look up objects in a map of 10,000
// std::shared_ptr<Obj> behind a std::shared_mutex, copying the pointer out
// under the read lock and using the object after it (one lookup in 1,024
// replaces an entry under the write lock). Stands for read-mostly registries
// of reference-counted objects (sessions, caches, plugin tables): every
// copy and release of a shared_ptr is an acq_rel atomic on a control block
// somewhere in the heap, so what it measures is the cost of atomics on many
// scattered locations, on top of a reader-writer lock.
#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

// Work size: lookups per thread.
#define SCALE 1
enum { Threads = 4, Lookups = 1000000 * SCALE, Objects = 10000 };

struct Obj {
  std::string name;
  int value;
};

static std::unordered_map<int, std::shared_ptr<Obj>> registry;
static std::shared_mutex registryLock;

int main() {
  for (int i = 0; i < Objects; ++i)
    registry[i] = std::make_shared<Obj>(Obj{"object-" + std::to_string(i), i});
  std::atomic<unsigned long> total{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < Threads; ++t)
    threads.emplace_back([t, &total] {
      unsigned long acc = 0;
      unsigned x = unsigned(t) + 1;
      for (int i = 0; i < Lookups; ++i) {
        x = x * 1103515245u + 12345u;
        int key = int((x >> 8) % Objects);
        std::shared_ptr<Obj> p;
        if ((x & 1023) == 0) {
          std::unique_lock<std::shared_mutex> lock(registryLock);
          registry[key] = std::make_shared<Obj>(Obj{"object-" + std::to_string(key), key});
          p = registry[key];
        } else {
          std::shared_lock<std::shared_mutex> lock(registryLock);
          p = registry.find(key)->second;
        }
        acc += unsigned(p->value) + p->name.size();
      }
      total += acc;
    });
  for (std::thread &t : threads)
    t.join();
  printf("shared_ptr_map: total=%lu\n", total.load());
  return 0;
}
