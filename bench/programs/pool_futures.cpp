// pool_futures.cpp: a pool of 4 worker threads runs tasks that the main
// thread submits in batches of 64 through a queue guarded by a mutex and a
// condition variable, each as a std::packaged_task whose std::future the
// main thread waits on (future.get) before the next batch. Every task fills
// a fresh vector of 64 atomic flags with release stores and reads them back
// with acquire loads, then adds its result to its batch under the pool's
// statistics mutex and, nested inside it, the batch's own mutex (a mutex
// per object, taken under a global one). Stands for BS::thread_pool's own
// tests and for futures-based job systems: millions of short-lived sync
// objects (atomics, futures' states, per-object mutexes) over a run, and a
// few mutexes that nest, created late. Under weft it checks that memory
// follows the live sync objects and the mutexes that nest, not how many
// sync objects the run ever created (docs/performance.md, "BS::thread_pool
// after the bisection").
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

// Work size: batches of tasks.
#define SCALE 1
constexpr unsigned Batches = 1500 * SCALE;
constexpr unsigned TasksPerBatch = 64;
constexpr unsigned FlagsPerTask = 64;
constexpr unsigned Workers = 4;

namespace {

std::mutex QueueLock;
std::condition_variable NotEmpty;
std::deque<std::function<void()>> Queue; // under QueueLock
bool Closed = false;                      // under QueueLock
std::mutex StatsLock;                     // taken before any batch's Lock
uint64_t TasksDone = 0;                   // under StatsLock

struct Batch {
  std::mutex Lock;
  uint64_t Sum = 0; // under Lock
};

void worker() {
  for (;;) {
    std::function<void()> Task;
    {
      std::unique_lock<std::mutex> G(QueueLock);
      NotEmpty.wait(G, [] { return !Queue.empty() || Closed; });
      if (Queue.empty())
        return;
      Task = std::move(Queue.front());
      Queue.pop_front();
    }
    Task();
  }
}

uint64_t task(Batch *B, unsigned N) {
  std::vector<std::atomic<uint32_t>> Flags(FlagsPerTask);
  uint64_t X = N * 0x9E3779B97F4A7C15ull + 1;
  for (auto &F : Flags) {
    X ^= X << 13, X ^= X >> 7, X ^= X << 17;
    F.store(uint32_t(X), std::memory_order_release);
  }
  uint64_t Sum = 0;
  for (auto &F : Flags)
    Sum += F.load(std::memory_order_acquire);
  std::lock_guard<std::mutex> S(StatsLock);
  std::lock_guard<std::mutex> G(B->Lock);
  B->Sum += Sum;
  ++TasksDone;
  return Sum;
}

} // namespace

int main() {
  std::vector<std::thread> Pool;
  for (unsigned I = 0; I < Workers; ++I)
    Pool.emplace_back(worker);
  uint64_t Total = 0, FromFutures = 0;
  for (unsigned BI = 0; BI < Batches; ++BI) {
    auto B = std::make_unique<Batch>();
    std::vector<std::future<uint64_t>> Results;
    for (unsigned T = 0; T < TasksPerBatch; ++T) {
      auto P = std::make_shared<std::packaged_task<uint64_t()>>(
          [Bp = B.get(), N = BI * TasksPerBatch + T] { return task(Bp, N); });
      Results.push_back(P->get_future());
      {
        std::lock_guard<std::mutex> G(QueueLock);
        Queue.emplace_back([P] { (*P)(); });
      }
      NotEmpty.notify_one();
    }
    for (auto &R : Results)
      FromFutures += R.get();
    std::lock_guard<std::mutex> G(B->Lock);
    Total += B->Sum;
  }
  {
    std::lock_guard<std::mutex> G(QueueLock);
    Closed = true;
  }
  NotEmpty.notify_all();
  for (auto &T : Pool)
    T.join();
  std::printf("pool_futures: tasks=%llu sum=%016llx %s\n",
              (unsigned long long)TasksDone, (unsigned long long)Total,
              Total == FromFutures ? "futures agree" : "FUTURES DISAGREE");
  return Total == FromFutures ? 0 : 1;
}
