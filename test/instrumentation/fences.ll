; Thread fences are announced with their C ABI order. A singlethread fence
; (atomic_signal_fence) only orders a thread against its own signal handlers:
; a compiler barrier, nothing for the runtime to see.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @fences(
define void @fences() {
; CHECK:      call void @__weft_atomic_fence(i32 2)
; CHECK-NEXT: fence acquire
  fence acquire
; CHECK-NEXT: call void @__weft_atomic_fence(i32 3)
; CHECK-NEXT: fence release
  fence release
; CHECK-NEXT: call void @__weft_atomic_fence(i32 4)
; CHECK-NEXT: fence acq_rel
  fence acq_rel
; CHECK-NEXT: call void @__weft_atomic_fence(i32 5)
; CHECK-NEXT: fence seq_cst
  fence seq_cst
; CHECK-NEXT: fence syncscope("singlethread") seq_cst
; CHECK-NEXT: fence syncscope("singlethread") acquire
  fence syncscope("singlethread") seq_cst
  fence syncscope("singlethread") acquire
  ret void
}

; A function whose only fence is a signal fence is not instrumented at all.
; CHECK-LABEL: define void @signal_fence_only(
; CHECK-NEXT:  fence syncscope("singlethread") seq_cst
; CHECK-NEXT:  ret void
define void @signal_fence_only() {
  fence syncscope("singlethread") seq_cst
  ret void
}
