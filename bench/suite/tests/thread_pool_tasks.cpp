// A fixed pool of four workers takes 100,000 small tasks from a queue under
// a mutex and condition variable; the submitter waits for all of them.
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

class Pool {
public:
  explicit Pool(int n) {
    for (int i = 0; i < n; i++) workers_.emplace_back([this] { run(); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> g(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto &w : workers_) w.join();
  }
  void submit(std::function<void()> f) {
    {
      std::lock_guard<std::mutex> g(mu_);
      tasks_.push_back(std::move(f));
      pending_++;
    }
    cv_.notify_one();
  }
  void wait_idle() {
    std::unique_lock<std::mutex> g(mu_);
    idle_.wait(g, [this] { return pending_ == 0; });
  }

private:
  void run() {
    for (;;) {
      std::function<void()> f;
      {
        std::unique_lock<std::mutex> g(mu_);
        cv_.wait(g, [this] { return stop_ || !tasks_.empty(); });
        if (tasks_.empty()) return;
        f = std::move(tasks_.front());
        tasks_.pop_front();
      }
      f();
      std::lock_guard<std::mutex> g(mu_);
      if (--pending_ == 0) idle_.notify_all();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_, idle_;
  std::deque<std::function<void()>> tasks_;
  std::vector<std::thread> workers_;
  long pending_ = 0;
  bool stop_ = false;
};

int main() {
  constexpr int Tasks = 100000;
  std::vector<long> out(Tasks);
  {
    Pool pool(4);
    for (int i = 0; i < Tasks; i++) pool.submit([&out, i] { out[i] = long(i) * i % 1009; });
    pool.wait_idle();
  }
  long bad = 0;
  for (int i = 0; i < Tasks; i++) bad += out[i] != long(i) * i % 1009;
  if (bad) {
    std::fprintf(stderr, "%ld tasks wrong\n", bad);
    return 1;
  }
  return 0;
}
