//===- thread_id.h - Typed identifiers of program threads -----------------===//
//
// Thread ids are dense and handed out in creation order (T0 is the main
// thread), so they are the same in every run of the same schedule and can
// index vector clocks directly.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_THREAD_ID_H
#define WEFT_SCHEDULER_THREAD_ID_H

#include <cstdint>

namespace weft {

enum class ThreadId : uint32_t { Main = 0, Invalid = UINT32_MAX };

inline uint32_t index(ThreadId T) { return static_cast<uint32_t>(T); }

} // namespace weft

#endif
