// A watchdog waits with timeouts on a condition variable while a worker
// reports progress; the watchdog must see every heartbeat and a clean stop.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

int main() {
  std::mutex mu;
  std::condition_variable cv;
  long beats = 0;
  bool stopped = false;
  std::thread worker([&] {
    for (int i = 0; i < 2000; i++) {
      volatile long spin = 0;
      for (int k = 0; k < 2000; k++) spin = spin + k;
      std::lock_guard<std::mutex> g(mu);
      beats++;
      cv.notify_one();
    }
    std::lock_guard<std::mutex> g(mu);
    stopped = true;
    cv.notify_one();
  });
  long timeouts = 0;
  {
    std::unique_lock<std::mutex> g(mu);
    while (!stopped)
      if (!cv.wait_for(g, std::chrono::milliseconds(50), [&] { return stopped || beats % 100 == 0; }))
        timeouts++;
      else if (!stopped)
        cv.wait_for(g, std::chrono::milliseconds(1));
  }
  worker.join();
  if (beats != 2000) {
    std::fprintf(stderr, "beats %ld, timeouts %ld\n", beats, timeouts);
    return 1;
  }
  return 0;
}
