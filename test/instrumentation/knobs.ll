; The hidden -weft-* knobs switch each kind of instrumentation off (all are on
; by default; see the other tests).
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s -weft-instrument-memory-accesses=false | FileCheck %s --check-prefix=NOACCESS
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s -weft-instrument-atomics=false | FileCheck %s --check-prefix=NOATOMIC
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s -weft-instrument-memintrinsics=false | FileCheck %s --check-prefix=NOMEMINTR
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s -weft-instrument-func-entry-exit=false | FileCheck %s --check-prefix=NOENTRY
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s -weft-handle-cxx-exceptions=false | FileCheck %s --check-prefix=NOEH
; With the inline fast paths on (the default), the same knobs leave out
; their inline forms too.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s -weft-instrument-memory-accesses=false | FileCheck %s --check-prefix=INLINE-NOACCESS
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s -weft-instrument-func-entry-exit=false | FileCheck %s --check-prefix=INLINE-NOENTRY

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare void @may_throw()
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

define void @f(ptr %p) {
  store i32 0, ptr %p
  %a = atomicrmw add ptr %p, i32 1 seq_cst
  call void @llvm.memset.p0.i64(ptr %p, i8 0, i64 8, i1 false)
  call void @may_throw()
  ret void
}

; NOACCESS:      call preserve_mostcc void @__weft_func_entry(
; NOACCESS-NOT:  call void @__weft_write4
; NOACCESS:      call void @__weft_atomic_rmw(
; NOACCESS:      call void @__weft_write_range(ptr %p, i64 8)

; NOATOMIC:      call preserve_mostcc void @__weft_write4(ptr %p, ptr @weft.site{{[.0-9]*}})
; NOATOMIC-NOT:  call void @__weft_atomic_rmw
; NOATOMIC:      call void @__weft_write_range(ptr %p, i64 8)

; NOMEMINTR:     call preserve_mostcc void @__weft_write4(ptr %p, ptr @weft.site{{[.0-9]*}})
; NOMEMINTR:     call void @__weft_atomic_rmw(
; NOMEMINTR-NOT: call void @__weft_write_range
; NOMEMINTR:     call void @llvm.memset

; NOENTRY-NOT:   call void @__weft_func_entry
; NOENTRY:       call preserve_mostcc void @__weft_write4(ptr %p, ptr @weft.site{{[.0-9]*}})
; NOENTRY-NOT:   call void @__weft_func_exit
; NOENTRY:       ret void

; Without exception handling the call stays a call; only the return exits.
; NOEH:          call preserve_mostcc void @__weft_func_entry(
; NOEH:          call void @may_throw()
; NOEH-NEXT:     call preserve_mostcc void @__weft_func_exit()
; NOEH-NEXT:     ret void
; NOEH-NOT:      landingpad

; INLINE-NOACCESS:     getelementptr inbounds i8, ptr {{%.*}}, i64 104
; INLINE-NOACCESS-NOT: @__weft_shadow_regions
; INLINE-NOACCESS-NOT: call void @__weft_write4
; INLINE-NOACCESS:     call void @__weft_atomic_rmw(
; INLINE-NOACCESS:     call preserve_mostcc void @__weft_func_exit()

; INLINE-NOENTRY-NOT:  i64 104
; INLINE-NOENTRY:      @__weft_shadow_regions
; INLINE-NOENTRY:      call void @__weft_write4_slow(ptr %p, ptr @weft.site{{[.0-9]*}})
; INLINE-NOENTRY-NOT:  call void @__weft_func_exit
; INLINE-NOENTRY-NOT:  i64 116
; INLINE-NOENTRY:      ret void
