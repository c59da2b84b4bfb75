// thread_pool_tasks.cpp: a pool of 4 worker threads runs a million small
// tasks that the main thread submits through a queue guarded by a mutex and
// a condition variable (workers wait on it while the queue is empty; the
// submitter waits on a second one while it is full). Each task is a few
// dozen instructions of arithmetic on its own slot. Stands for task-pool
// code (an executor, a job system): per task a lock, an unlock, usually a
// signal, and a wake-up whenever a worker had run dry.
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

// Work size: tasks.
#define SCALE 1
constexpr unsigned Tasks = 1000000 * SCALE;
constexpr unsigned Workers = 4;
constexpr size_t QueueCap = 256;

namespace {

std::mutex Lock;
std::condition_variable NotEmpty, NotFull;
std::deque<unsigned> Queue; // under Lock
bool Closed = false;        // under Lock
std::vector<uint64_t> Results(Tasks);

uint64_t work(unsigned N) {
  uint64_t X = N * 0x9E3779B97F4A7C15ull + 1;
  for (int I = 0; I < 8; ++I)
    X ^= X << 13, X ^= X >> 7, X ^= X << 17;
  return X;
}

void worker() {
  for (;;) {
    unsigned N;
    {
      std::unique_lock<std::mutex> G(Lock);
      NotEmpty.wait(G, [] { return !Queue.empty() || Closed; });
      if (Queue.empty())
        return;
      N = Queue.front();
      Queue.pop_front();
      if (Queue.size() == QueueCap - 1)
        NotFull.notify_one();
    }
    Results[N] = work(N); // each slot written by exactly one task
  }
}

} // namespace

int main() {
  std::vector<std::thread> Pool;
  for (unsigned I = 0; I < Workers; ++I)
    Pool.emplace_back(worker);
  for (unsigned N = 0; N < Tasks; ++N) {
    std::unique_lock<std::mutex> G(Lock);
    NotFull.wait(G, [] { return Queue.size() < QueueCap; });
    Queue.push_back(N);
    NotEmpty.notify_one();
  }
  {
    std::lock_guard<std::mutex> G(Lock);
    Closed = true;
  }
  NotEmpty.notify_all();
  for (auto &T : Pool)
    T.join();
  uint64_t Sum = 0;
  for (uint64_t R : Results)
    Sum += R;
  std::printf("thread_pool_tasks: tasks=%u sum=%016llx\n", Tasks, (unsigned long long)Sum);
  return 0;
}
