// Sums slices of a vector with std::async and collects them with futures.
#include <cstdio>
#include <future>
#include <numeric>
#include <vector>

int main() {
  constexpr int Slices = 8;
  std::vector<long> v(2000000);
  std::iota(v.begin(), v.end(), 1);
  std::vector<std::future<long>> parts;
  size_t step = v.size() / Slices;
  for (int s = 0; s < Slices; s++)
    parts.push_back(std::async(std::launch::async, [&v, s, step] {
      long sum = 0;
      for (size_t i = s * step; i < (s + 1) * step; i++) sum += v[i] % 97;
      return sum;
    }));
  long total = 0;
  for (auto &f : parts) total += f.get();
  long want = 0;
  for (long x : v) want += x % 97;
  if (total != want) {
    std::fprintf(stderr, "total %ld, want %ld\n", total, want);
    return 1;
  }
  return 0;
}
