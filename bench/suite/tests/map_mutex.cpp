// Four threads insert and look up keys in one std::map behind std::mutex.
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

int main() {
  constexpr int Threads = 4, Keys = 30000;
  std::map<int, int> m;
  std::mutex mu;
  std::vector<std::thread> ts;
  for (int t = 0; t < Threads; t++)
    ts.emplace_back([&, t] {
      for (int k = t; k < Keys; k += Threads) {
        std::lock_guard<std::mutex> g(mu);
        m[k] = k * 2;
      }
      long misses = 0;
      for (int k = 0; k < Keys; k++) {
        std::lock_guard<std::mutex> g(mu);
        auto it = m.find(k);
        misses += it != m.end() && it->second != k * 2;
      }
      if (misses) std::fprintf(stderr, "thread %d: %ld wrong values\n", t, misses);
    });
  for (auto &t : ts) t.join();
  long sum = 0;
  for (auto &kv : m) sum += kv.second - 2 * kv.first;
  if (m.size() != Keys || sum != 0) {
    std::fprintf(stderr, "size %zu\n", m.size());
    return 1;
  }
  return 0;
}
