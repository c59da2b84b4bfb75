// lock_heavy_map.cpp: two threads share one std::unordered_map guarded by a
// std::mutex and do a deterministic mix of lookups (~70%), inserts/updates
// (~20%) and erases (~10%), taking the lock for every operation. Stands for
// lock-protected shared state with fine-grained critical sections: it
// measures the cost of each lock/unlock (a scheduling point under weft).
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <thread>
#include <unordered_map>

// Work size: operations per thread.
#define SCALE 1
constexpr unsigned Threads = 2;
constexpr unsigned OpsPerThread = 4000000 * SCALE;
constexpr uint64_t KeySpace = 1 << 14;

static std::mutex map_lock;
static std::unordered_map<uint64_t, uint64_t> shared_map; // under map_lock

static uint64_t worker(unsigned id) {
  uint64_t x = 0x2545F4914F6CDD1Dull * (id + 1), found = 0;
  for (unsigned i = 0; i < OpsPerThread; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    uint64_t key = x % KeySpace;
    unsigned kind = (x >> 32) % 10;
    std::lock_guard<std::mutex> g(map_lock);
    if (kind < 7) {
      auto it = shared_map.find(key);
      if (it != shared_map.end())
        found += 1;
    } else if (kind < 9) {
      shared_map[key] += i;
    } else {
      shared_map.erase(key);
    }
  }
  return found;
}

int main() {
  uint64_t found[Threads] = {};
  std::thread th[Threads];
  for (unsigned i = 0; i < Threads; ++i)
    th[i] = std::thread([i, &found] { found[i] = worker(i); });
  for (auto &t : th)
    t.join();
  // The interleaving decides which lookups hit, so only print what every
  // schedule agrees on: the number of operations done.
  uint64_t sum = 0;
  for (uint64_t f : found)
    sum += f;
  std::printf("lock_heavy_map: ops=%u hits_nonzero=%d\n", Threads * OpsPerThread,
              sum > 0);
  return 0;
}
