// The first access to a 4 GiB region of memory (weft maps the region's
// shadow then) keeps all of its access bits: a constructor's vtable
// pointer store there is still a vptr write, so a read racing with it is
// reported as a race on the vptr. The race-free twin is
// vptr_new_region_norace.cpp (this program with ORDERED: release/acquire).
// RUN: %weft-cxx %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=2 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race on vptr (ctor/dtor vs virtual call)
// CHECK: weft: reported 1 warning
// EXPECT: race
// TSAN-DIFFERS: TSan's fixed shadow layout has no room for program memory at the address this test maps (it stops with 'mmap at bad address'); weft's shadow follows any layout.

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <new>
#include <sys/mman.h>
#include <thread>

struct Base {
  virtual ~Base() {}
  virtual int work() { return 1; }
};
struct Derived : Base {
  int work() override { return 42; }
};

static std::atomic<Base *> built{nullptr};
#ifdef ORDERED
// Release/acquire: the constructor's vptr store happens before the read.
constexpr std::memory_order kPublish = std::memory_order_release;
constexpr std::memory_order kObserve = std::memory_order_acquire;
#else
constexpr std::memory_order kPublish = std::memory_order_relaxed;
constexpr std::memory_order kObserve = std::memory_order_relaxed;
#endif

// A page in a 4 GiB region nothing else uses (bits 32-48 of the address
// select the region), so that the constructor's store is its first access.
static void *freshRegionPage() {
  for (uintptr_t Region = 0x3f00; Region < 0x3f40; ++Region) {
    void *Want = reinterpret_cast<void *>(Region << 32);
    void *P = mmap(Want, 4096, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (P == Want)
      return P;
    if (P != MAP_FAILED)
      munmap(P, 4096);
  }
  std::perror("mmap");
  return nullptr;
}

int main() {
  void *Page = freshRegionPage();
  if (!Page)
    return 1;
  std::thread builder([Page] {
    // Relaxed (without ORDERED): tells main where the object is, but
    // orders nothing.
    built.store(new (Page) Derived, kPublish);
  });
  Base *Obj;
  while (!(Obj = built.load(kObserve)))
    std::this_thread::yield();
  uintptr_t Vptr = *reinterpret_cast<volatile uintptr_t *>(Obj);
  builder.join();
  return Vptr == 0;
}
