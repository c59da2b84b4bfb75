; atomicrmw keeps its instruction; the runtime gets (address, size, order)
; just before it, whatever the operation.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @rmw(
define void @rmw(ptr %p) {
; CHECK:      call void @__weft_atomic_rmw(ptr %p, i32 4, i32 0)
; CHECK-NEXT: atomicrmw add ptr %p, i32 1 monotonic
  %1 = atomicrmw add ptr %p, i32 1 monotonic
; CHECK-NEXT: call void @__weft_atomic_rmw(ptr %p, i32 4, i32 2)
; CHECK-NEXT: atomicrmw sub ptr %p, i32 1 acquire
  %2 = atomicrmw sub ptr %p, i32 1 acquire
; CHECK-NEXT: call void @__weft_atomic_rmw(ptr %p, i32 8, i32 3)
; CHECK-NEXT: atomicrmw xchg ptr %p, i64 1 release
  %3 = atomicrmw xchg ptr %p, i64 1 release
; CHECK-NEXT: call void @__weft_atomic_rmw(ptr %p, i32 1, i32 4)
; CHECK-NEXT: atomicrmw or ptr %p, i8 1 acq_rel
  %4 = atomicrmw or ptr %p, i8 1 acq_rel
; CHECK-NEXT: call void @__weft_atomic_rmw(ptr %p, i32 2, i32 5)
; CHECK-NEXT: atomicrmw nand ptr %p, i16 1 seq_cst
  %5 = atomicrmw nand ptr %p, i16 1 seq_cst
; CHECK-NEXT: call void @__weft_atomic_rmw(ptr %p, i32 4, i32 5)
; CHECK-NEXT: atomicrmw fadd ptr %p, float 1.0{{.*}} seq_cst
  %6 = atomicrmw fadd ptr %p, float 1.0 seq_cst
; CHECK-NEXT: call void @__weft_atomic_rmw(ptr %p, i32 8, i32 5)
; CHECK-NEXT: atomicrmw xchg ptr %p, ptr null seq_cst
  %7 = atomicrmw xchg ptr %p, ptr null seq_cst
; CHECK-NEXT: call void @__weft_atomic_rmw(ptr %p, i32 4, i32 0)
; CHECK-NEXT: atomicrmw umax ptr %p, i32 7 monotonic
  %8 = atomicrmw umax ptr %p, i32 7 monotonic
  ret void
}
