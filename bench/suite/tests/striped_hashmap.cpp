// A hash map split into 16 stripes, each behind its own mutex; four threads
// count words into it, and the totals must match a serial count.
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

struct Stripe {
  std::mutex mu;
  std::unordered_map<std::string, long> counts;
};

int main() {
  constexpr int Stripes = 16, Threads = 4, Words = 200000;
  std::vector<Stripe> stripes(Stripes);
  auto word = [](int i) { return "w" + std::to_string((i * 7919) % 5000); };
  std::vector<std::thread> ts;
  for (int t = 0; t < Threads; t++)
    ts.emplace_back([&, t] {
      std::hash<std::string> h;
      for (int i = t; i < Words; i += Threads) {
        std::string w = word(i);
        Stripe &s = stripes[h(w) % Stripes];
        std::lock_guard<std::mutex> g(s.mu);
        s.counts[w]++;
      }
    });
  for (auto &t : ts) t.join();
  std::unordered_map<std::string, long> want;
  for (int i = 0; i < Words; i++) want[word(i)]++;
  long total = 0, wrong = 0;
  for (auto &s : stripes)
    for (auto &kv : s.counts) {
      total += kv.second;
      wrong += want[kv.first] != kv.second;
    }
  if (total != Words || wrong) {
    std::fprintf(stderr, "total %ld, wrong %ld\n", total, wrong);
    return 1;
  }
  return 0;
}
