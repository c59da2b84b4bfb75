// parallel_sort.cpp: a merge sort of 8 Mi ints that forks with std::async
// down to depth 4 (16 leaves sorted with std::sort, merged back up through
// a scratch vector), then checks the result. Stands for fork-join code over
// large arrays: parallel algorithms, divide-and-conquer solvers, batch
// pipelines. What it measures is the cost of first touches of many
// granules by 4-byte elements, in threads that no lock orders, and thread
// creation from threads (nested std::async): glibc's cache of finished
// threads' stacks hands one thread's TLS vector to another's child, which
// weft once reported as a race (test/e2e/threads/stack_cache_reuse_norace.c).
#include <algorithm>
#include <cstdio>
#include <future>
#include <random>
#include <vector>

// Work size: elements sorted.
#define SCALE 1
static const size_t Elements = size_t(8) << 20 << (SCALE - 1);
enum { ForkDepth = 4, LeafSize = 2048 };

static void mergeSort(std::vector<int> &v, size_t lo, size_t hi, std::vector<int> &tmp,
                      int depth) {
  if (hi - lo < LeafSize) {
    std::sort(v.begin() + lo, v.begin() + hi);
    return;
  }
  size_t mid = lo + (hi - lo) / 2;
  if (depth < ForkDepth) {
    auto left = std::async(std::launch::async, [&] { mergeSort(v, lo, mid, tmp, depth + 1); });
    mergeSort(v, mid, hi, tmp, depth + 1);
    left.get();
  } else {
    mergeSort(v, lo, mid, tmp, depth + 1);
    mergeSort(v, mid, hi, tmp, depth + 1);
  }
  std::merge(v.begin() + lo, v.begin() + mid, v.begin() + mid, v.begin() + hi,
             tmp.begin() + lo);
  std::copy(tmp.begin() + lo, tmp.begin() + hi, v.begin() + lo);
}

int main() {
  std::vector<int> v(Elements), tmp(Elements);
  std::mt19937 gen(1);
  for (int &x : v)
    x = int(gen());
  mergeSort(v, 0, v.size(), tmp, 0);
  unsigned long check = 0;
  for (size_t i = 0; i < v.size(); i += 4099)
    check = check * 31 + unsigned(v[i]);
  bool sorted = std::is_sorted(v.begin(), v.end());
  printf("parallel_sort: sorted=%d checksum=%lx\n", sorted, check);
  return sorted ? 0 : 1;
}
