// A C++ source for run_several_sources_norace.c: weft run links libstdc++
// when C and C++ sources are mixed.
#include <string>
#include <vector>

extern "C" int cxx_part() {
  std::vector<std::string> Words{"a", "bb", "ccc"};
  int Total = 0;
  for (const std::string &W : Words)
    Total += static_cast<int>(W.size());
  return Total;
}
