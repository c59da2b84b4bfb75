// A configuration read by many threads under std::shared_mutex and
// replaced now and then by one; readers check it is never half-replaced.
#include <cstdio>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

struct Config {
  std::string name;
  int version = 0;
  std::vector<int> limits;
};

int main() {
  Config cfg{"v0", 0, std::vector<int>(32, 0)};
  std::shared_mutex mu;
  std::vector<std::thread> ts;
  long bad = 0;
  std::mutex bad_mu;
  for (int r = 0; r < 4; r++)
    ts.emplace_back([&] {
      long mine = 0;
      for (int i = 0; i < 50000; i++) {
        std::shared_lock<std::shared_mutex> g(mu);
        for (int l : cfg.limits) mine += l != cfg.version;
        mine += cfg.name != "v" + std::to_string(cfg.version);
      }
      std::lock_guard<std::mutex> g(bad_mu);
      bad += mine;
    });
  ts.emplace_back([&] {
    for (int v = 1; v <= 2000; v++) {
      std::unique_lock<std::shared_mutex> g(mu);
      cfg.version = v;
      cfg.name = "v" + std::to_string(v);
      cfg.limits.assign(32, v);
    }
  });
  for (auto &t : ts) t.join();
  if (bad) {
    std::fprintf(stderr, "%ld inconsistent reads\n", bad);
    return 1;
  }
  return 0;
}
