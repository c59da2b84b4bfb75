; Known limitation (docs/limits.md, "masked vector accesses"): masked loads and
; stores, gathers and scatters touch a data-dependent subset of lanes and the
; runtime has no per-lane entry point yet, so the pass leaves them
; uninstrumented (counted in a statistic). This test states the behaviour we
; want and is expected to fail until that is fixed.
; XFAIL: *
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @masked(
define void @masked(ptr %p, <4 x i1> %m, <4 x ptr> %ps) {
; CHECK: call void @__weft_read
; CHECK-NEXT: call <4 x i32> @llvm.masked.load
  %a = call <4 x i32> @llvm.masked.load.v4i32.p0(ptr %p, i32 4, <4 x i1> %m, <4 x i32> poison)
; CHECK: call void @__weft_write
; CHECK-NEXT: call void @llvm.masked.store
  call void @llvm.masked.store.v4i32.p0(<4 x i32> %a, ptr %p, i32 4, <4 x i1> %m)
; CHECK: call void @__weft_read
; CHECK-NEXT: call <4 x i32> @llvm.masked.gather
  %g = call <4 x i32> @llvm.masked.gather.v4i32.v4p0(<4 x ptr> %ps, i32 4, <4 x i1> %m, <4 x i32> poison)
  ret void
}

declare <4 x i32> @llvm.masked.load.v4i32.p0(ptr, i32, <4 x i1>, <4 x i32>)
declare void @llvm.masked.store.v4i32.p0(<4 x i32>, ptr, i32, <4 x i1>)
declare <4 x i32> @llvm.masked.gather.v4i32.v4p0(<4 x ptr>, i32, <4 x i1>, <4 x i32>)
