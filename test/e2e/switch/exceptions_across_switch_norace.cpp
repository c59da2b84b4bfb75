// A C++ exception thrown in a thread unwinds through frames whose
// destructors reach scheduling points (unlocks), so the thread is switched
// out and in (with thread_switch=user, maybe onto another OS thread) in the
// middle of unwinding; it is caught, and handed to main through an
// exception_ptr, which rethrows it. The per-thread exception state lives in
// TLS and must follow the thread.
// RUN: %weft-cxx -O1 %s -o %t
// RUN: env WEFT_OPTIONS=thread_switch=os %weft test -n 20 --seed 5 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_OPTIONS=thread_switch=user %weft test -n 20 --seed 5 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_OPTIONS=thread_switch=user WEFT_SEED=0x5 %t | FileCheck %s --check-prefix=OUT
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 20 schedules, 0 failed
// OUT: caught 3 exceptions: boom 0, boom 1, boom 2

#include <cstdio>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

static std::mutex Lock;
static int Shared;

struct Step {
  ~Step() {
    std::lock_guard<std::mutex> G(Lock); // a scheduling point while unwinding
    ++Shared;
  }
};

__attribute__((noinline)) static void deep(int Me, int Depth) {
  Step S;
  if (Depth == 0)
    throw std::runtime_error("boom " + std::to_string(Me));
  deep(Me, Depth - 1);
}

int main() {
  std::vector<std::exception_ptr> Errors(3);
  std::vector<std::thread> Threads;
  for (int I = 0; I < 3; ++I)
    Threads.emplace_back([I, &Errors] {
      try {
        deep(I, 5);
      } catch (const std::runtime_error &E) {
        {
          std::lock_guard<std::mutex> G(Lock);
          ++Shared;
        }
        // Still the same exception after switches inside the handler.
        if (std::string(E.what()) == "boom " + std::to_string(I))
          Errors[I] = std::current_exception();
      }
    });
  for (auto &T : Threads)
    T.join();
  std::string Seen;
  int Caught = 0;
  for (auto &E : Errors) {
    try {
      if (E)
        std::rethrow_exception(E);
    } catch (const std::exception &X) {
      Seen += (Caught++ ? ", " : "") + std::string(X.what());
    }
  }
  std::printf("caught %d exceptions: %s\n", Caught, Seen.c_str());
  return Caught == 3 && Shared == 3 * 7 ? 0 : 1;
}
