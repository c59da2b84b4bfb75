// A stand-in for BS::thread_pool's test program (tools/realworld_args.test):
// takes the switches bench/realworld/run passes, prints report headers of
// both tools and the real program's failure summary, exits like it.
#include <cstdio>
#include <cstring>

int main(int argc, char **argv) {
  if (argc != 3 || std::strcmp(argv[1], "stdout") != 0 || std::strcmp(argv[2], "tests") != 0)
    return 3;
  std::fprintf(stderr, "WARNING: weft: data race (pid=12)\n"
                       "WARNING: weft: data race (pid=12)\n"
                       "WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock) (pid=12)\n"
                       "WARNING: weft: thread leak\n");
  std::puts("FAILURE: Passed 5 checks, but failed 2!");
  return 2;
}
