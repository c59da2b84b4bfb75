// Four threads build and drop strings and vectors of varied sizes, and one
// hands a batch of buffers to another thread to free.
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

int main() {
  std::vector<std::thread> ts;
  std::vector<long> lens(4);
  for (int t = 0; t < 4; t++)
    ts.emplace_back([&lens, t] {
      long len = 0;
      for (int i = 0; i < 30000; i++) {
        std::vector<std::string> v;
        for (int k = 0; k < 8; k++) v.emplace_back(size_t(16 + (i * k + t) % 200), char('a' + k));
        for (auto &s : v) len += long(s.size());
      }
      lens[t] = len;
    });
  for (auto &t : ts) t.join();
  std::vector<std::vector<char> *> batch;
  std::mutex mu;
  std::thread maker([&] {
    for (int i = 0; i < 20000; i++) {
      auto *b = new std::vector<char>(size_t(64 + i % 512), 'x');
      std::lock_guard<std::mutex> g(mu);
      batch.push_back(b);
    }
  });
  maker.join();
  long freed = 0;
  std::thread freer([&] {
    std::lock_guard<std::mutex> g(mu);
    for (auto *b : batch) {
      freed += (*b)[0] == 'x';
      delete b;
    }
    batch.clear();
  });
  freer.join();
  long want = 0;
  for (int t = 0; t < 4; t++)
    for (int i = 0; i < 30000; i++)
      for (int k = 0; k < 8; k++) want += 16 + (i * k + t) % 200;
  long got = lens[0] + lens[1] + lens[2] + lens[3];
  if (got != want || freed != 20000) {
    std::fprintf(stderr, "lengths %ld, want %ld; freed %ld\n", got, want, freed);
    return 1;
  }
  return 0;
}
