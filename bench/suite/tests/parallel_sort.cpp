// Sorts a vector by sorting four quarters on four threads, then merging.
#include <algorithm>
#include <cstdio>
#include <random>
#include <thread>
#include <vector>

int main() {
  std::vector<unsigned> v(1 << 20);
  std::mt19937 rng(42);
  for (auto &x : v) x = rng();
  std::vector<unsigned> want = v;
  std::sort(want.begin(), want.end());
  size_t q = v.size() / 4;
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; i++)
    ts.emplace_back([&v, i, q] { std::sort(v.begin() + i * q, v.begin() + (i + 1) * q); });
  for (auto &t : ts) t.join();
  std::thread left([&] { std::inplace_merge(v.begin(), v.begin() + q, v.begin() + 2 * q); });
  std::inplace_merge(v.begin() + 2 * q, v.begin() + 3 * q, v.end());
  left.join();
  std::inplace_merge(v.begin(), v.begin() + 2 * q, v.end());
  if (v != want) {
    std::fprintf(stderr, "not sorted\n");
    return 1;
  }
  return 0;
}
