; cmpxchg keeps its instruction. Before it: the scheduling point
; atomic_cmpxchg_point(addr, size). After it: atomic_cmpxchg(addr, size,
; succeeded, success_order, failure_order), the success bit zero-extended.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define i1 @cas(
define i1 @cas(ptr %p) {
; CHECK:      call void @__weft_atomic_cmpxchg_point(ptr %p, i32 4)
; CHECK-NEXT: [[R:%.*]] = cmpxchg ptr %p, i32 0, i32 1 seq_cst acquire
; CHECK-NEXT: [[OK:%.*]] = extractvalue { i32, i1 } [[R]], 1
; CHECK-NEXT: [[OK32:%.*]] = zext i1 [[OK]] to i32
; CHECK-NEXT: call void @__weft_atomic_cmpxchg(ptr %p, i32 4, i32 [[OK32]], i32 5, i32 2)
  %r = cmpxchg ptr %p, i32 0, i32 1 seq_cst acquire
  %ok = extractvalue { i32, i1 } %r, 1
  ret i1 %ok
}

; CHECK-LABEL: define void @orders(
define void @orders(ptr %p) {
; CHECK:      call void @__weft_atomic_cmpxchg_point(ptr %p, i32 8)
; CHECK-NEXT: cmpxchg weak ptr %p, i64 0, i64 1 acq_rel monotonic
; CHECK-NEXT: extractvalue
; CHECK-NEXT: zext
; CHECK-NEXT: call void @__weft_atomic_cmpxchg(ptr %p, i32 8, i32 %{{.*}}, i32 4, i32 0)
  %1 = cmpxchg weak ptr %p, i64 0, i64 1 acq_rel monotonic
; CHECK-NEXT: call void @__weft_atomic_cmpxchg_point(ptr %p, i32 8)
; CHECK-NEXT: cmpxchg ptr %p, ptr null, ptr %p release monotonic
; CHECK-NEXT: extractvalue
; CHECK-NEXT: zext
; CHECK-NEXT: call void @__weft_atomic_cmpxchg(ptr %p, i32 8, i32 %{{.*}}, i32 3, i32 0)
  %2 = cmpxchg ptr %p, ptr null, ptr %p release monotonic
; CHECK-NEXT: call void @__weft_atomic_cmpxchg_point(ptr %p, i32 1)
; CHECK-NEXT: cmpxchg ptr %p, i8 0, i8 1 monotonic monotonic
; CHECK-NEXT: extractvalue
; CHECK-NEXT: zext
; CHECK-NEXT: call void @__weft_atomic_cmpxchg(ptr %p, i32 1, i32 %{{.*}}, i32 0, i32 0)
  %3 = cmpxchg ptr %p, i8 0, i8 1 monotonic monotonic
; CHECK-NEXT: call void @__weft_atomic_cmpxchg_point(ptr %p, i32 16)
; CHECK-NEXT: cmpxchg ptr %p, i128 0, i128 1 seq_cst seq_cst
; CHECK-NEXT: extractvalue
; CHECK-NEXT: zext
; CHECK-NEXT: call void @__weft_atomic_cmpxchg(ptr %p, i32 16, i32 %{{.*}}, i32 5, i32 5)
  %4 = cmpxchg ptr %p, i128 0, i128 1 seq_cst seq_cst
  ret void
}
