// condvar_pipeline.cpp: a producer fills batches (std::vector<uint32_t>) and
// hands them to a consumer through a bounded queue guarded by a std::mutex
// and two std::condition_variables (not-full / not-empty); the consumer
// checksums each batch. Stands for pipelined producer/consumer code: it
// measures blocking waits and wake-ups plus moving data between threads.
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

// Work size: number of batches.
#define SCALE 1
constexpr unsigned Batches = 75000 * SCALE;
constexpr unsigned BatchSize = 512, QueueCap = 8;

static std::mutex q_lock;
static std::condition_variable not_full, not_empty;
static std::deque<std::vector<uint32_t>> queue; // under q_lock
static bool done;                               // under q_lock

static void producer() {
  uint32_t x = 2463534242u;
  for (unsigned b = 0; b < Batches; ++b) {
    std::vector<uint32_t> batch(BatchSize);
    for (auto &e : batch) {
      x ^= x << 13, x ^= x >> 17, x ^= x << 5;
      e = x;
    }
    std::unique_lock<std::mutex> g(q_lock);
    not_full.wait(g, [] { return queue.size() < QueueCap; });
    queue.push_back(std::move(batch));
    g.unlock();
    not_empty.notify_one();
  }
  std::lock_guard<std::mutex> g(q_lock);
  done = true;
  not_empty.notify_all();
}

static uint64_t consumer() {
  uint64_t check = 0;
  for (;;) {
    std::vector<uint32_t> batch;
    {
      std::unique_lock<std::mutex> g(q_lock);
      not_empty.wait(g, [] { return !queue.empty() || done; });
      if (queue.empty())
        return check;
      batch = std::move(queue.front());
      queue.pop_front();
    }
    not_full.notify_one();
    for (unsigned pass = 0; pass < 4; ++pass)
      for (uint32_t e : batch)
        check = (check ^ (e + pass)) * 0x100000001B3ull;
  }
}

int main() {
  uint64_t check = 0;
  std::thread c([&check] { check = consumer(); });
  std::thread p(producer);
  p.join();
  c.join();
  std::printf("condvar_pipeline: batches=%u check=%016llx\n", Batches,
              (unsigned long long)check);
  return 0;
}
