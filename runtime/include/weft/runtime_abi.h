//===- runtime_abi.h - C declarations of weft's runtime entry points ------===//
//
// The instrumented program calls these; the runtime defines them. The list
// itself lives in runtime_callbacks.def so that nothing spells a name twice.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_ABI_H
#define WEFT_RUNTIME_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WEFT_VOID void
#define WEFT_PTR void *
#define WEFT_I32 uint32_t
#define WEFT_I64 uint64_t
#define WEFT_CALLBACK(Name, Ret, Params) Ret __weft_##Name Params;
#include "weft/runtime_callbacks.def"
#undef WEFT_VOID
#undef WEFT_PTR
#undef WEFT_I32
#undef WEFT_I64

#ifdef __cplusplus
}
#endif

#endif // WEFT_RUNTIME_ABI_H
