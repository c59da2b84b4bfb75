//===- shared_symbol_cache.cc - Symbolizer answers shared across runs -----===//
//
// Layout of the region (one anonymous MAP_SHARED mapping):
//
//   Header   Magic, Used (bytes of the arena handed out), Heads[kBuckets]
//            (arena offset of each bucket's newest entry; 0: empty)
//   Arena    entries, 8-byte aligned, never moved or changed once linked:
//            Entry header, then the key (kind, '\0', module path, '\0'),
//            then the answer
//
// Keys are module paths and module-relative offsets, the same in every run
// of one server (its runs are forks of one process); the hash only finds a
// bucket, and nothing is ever iterated in hash order, so no output depends
// on it.
//
//===----------------------------------------------------------------------===//

#include "base/internal_mappings.h"
#include "report/shared_symbol_cache.h"

#include "base/internal_libc.h"
#include "base/raw_syscall.h"
#include "core/text_buffer.h"

#include <atomic>
#include <sys/mman.h>
#include <sys/syscall.h>

namespace weft {
namespace {

constexpr uint32_t kMagic = 0x43534657; // "WFSC"
constexpr size_t kBuckets = 4096;
constexpr size_t kRegionSize = size_t(16) << 20;

struct Header {
  uint32_t Magic;
  std::atomic<uint32_t> Used;
  std::atomic<uint32_t> Heads[kBuckets];
};

struct Entry {
  uint32_t Next; // arena offset of the next entry in the bucket; 0: none
  uint32_t KeyLen;
  uint32_t AnswerLen;
  uint32_t Pad;
  uint64_t Offset;
  // then KeyLen bytes of key, AnswerLen bytes of answer
};

// Set in the server and inherited by every fork: the same address in every
// run, mapping the same pages.
Header *Region;

constexpr uint32_t kArenaStart = (sizeof(Header) + 7) & ~uint32_t(7);

uint64_t mix(uint64_t H, const char *S) {
  for (; *S; ++S)
    H = (H ^ uint8_t(*S)) * 0x100000001b3ULL;
  return (H ^ 0xff) * 0x100000001b3ULL;
}

size_t bucketOf(const char *Kind, const char *Module, uintptr_t Offset) {
  uint64_t H = mix(mix(0xcbf29ce484222325ULL, Kind), Module);
  H ^= uint64_t(Offset);
  H *= 0x9e3779b97f4a7c15ULL;
  return size_t(H >> 52) % kBuckets;
}

char *at(uint32_t Off) { return reinterpret_cast<char *>(Region) + Off; }

bool sameKey(const Entry *E, const char *Kind, size_t KindLen, const char *Module,
             size_t ModuleLen, uintptr_t Offset) {
  if (E->Offset != Offset || E->KeyLen != KindLen + 1 + ModuleLen + 1)
    return false;
  const char *K = reinterpret_cast<const char *>(E + 1);
  return !internalStrcmp(K, Kind) && !internalStrcmp(K + KindLen + 1, Module);
}

} // namespace

void createSharedSymbolCache() {
  long P = mapInternal(kRegionSize, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE);
  if (P < 0 && P > -4096)
    return; // no sharing: every run asks its own symbolizer
  Region = reinterpret_cast<Header *>(P);
  Region->Magic = kMagic; // fresh anonymous pages are zero: all heads empty
  Region->Used.store(kArenaStart, std::memory_order_release);
}

bool findSharedAnswer(const char *Kind, const char *Module, uintptr_t Offset,
                      TextBuffer &Answer) {
  if (!Region || Region->Magic != kMagic)
    return false;
  size_t KindLen = internalStrlen(Kind), ModuleLen = internalStrlen(Module);
  uint32_t Off = Region->Heads[bucketOf(Kind, Module, Offset)].load(std::memory_order_acquire);
  while (Off) {
    const auto *E = reinterpret_cast<const Entry *>(at(Off));
    if (sameKey(E, Kind, KindLen, Module, ModuleLen, Offset)) {
      Answer.clear();
      Answer.append(reinterpret_cast<const char *>(E + 1) + E->KeyLen, E->AnswerLen);
      return true;
    }
    Off = E->Next;
  }
  return false;
}

void addSharedAnswer(const char *Kind, const char *Module, uintptr_t Offset,
                     const char *Answer, size_t Len) {
  if (!Region || Region->Magic != kMagic)
    return;
  size_t KindLen = internalStrlen(Kind), ModuleLen = internalStrlen(Module);
  size_t KeyLen = KindLen + 1 + ModuleLen + 1;
  size_t Size = (sizeof(Entry) + KeyLen + Len + 7) & ~size_t(7);
  if (Size > kRegionSize / 4)
    return;
  if (Region->Used.load(std::memory_order_relaxed) >= kRegionSize)
    return; // full: checked first so that Used cannot wrap around
  uint32_t Off = Region->Used.fetch_add(uint32_t(Size), std::memory_order_relaxed);
  if (size_t(Off) + Size > kRegionSize) {
    Region->Used.store(uint32_t(kRegionSize), std::memory_order_relaxed); // stays full
    return;
  }
  auto *E = reinterpret_cast<Entry *>(at(Off));
  E->KeyLen = uint32_t(KeyLen);
  E->AnswerLen = uint32_t(Len);
  E->Pad = 0;
  E->Offset = Offset;
  char *K = reinterpret_cast<char *>(E + 1);
  internalMemcpy(K, Kind, KindLen + 1);
  internalMemcpy(K + KindLen + 1, Module, ModuleLen + 1);
  internalMemcpy(K + KeyLen, Answer, Len);
  std::atomic<uint32_t> &Head = Region->Heads[bucketOf(Kind, Module, Offset)];
  uint32_t Old = Head.load(std::memory_order_relaxed);
  do
    E->Next = Old;
  while (!Head.compare_exchange_weak(Old, Off, std::memory_order_release,
                                     std::memory_order_relaxed));
}

} // namespace weft
