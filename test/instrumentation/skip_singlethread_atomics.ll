; Atomics with syncscope("singlethread") can only be observed by the same
; thread (its signal handlers): they are skipped like signal fences. The
; system-scope twin of each is instrumented.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @single_thread(
; CHECK-NOT:   call void @__weft_atomic
; CHECK-NOT:   call void @__weft_read
; CHECK-NOT:   call void @__weft_write
; CHECK:       ret void
define void @single_thread(ptr %p) {
  %a = load atomic i32, ptr %p syncscope("singlethread") acquire, align 4
  store atomic i32 0, ptr %p syncscope("singlethread") release, align 4
  %b = atomicrmw add ptr %p, i32 1 syncscope("singlethread") seq_cst
  %c = cmpxchg ptr %p, i32 0, i32 1 syncscope("singlethread") seq_cst seq_cst
  ret void
}

; CHECK-LABEL: define void @system(
; CHECK:       call void @__weft_atomic_load(ptr %p, i32 4, i32 2)
; CHECK:       call void @__weft_atomic_store(ptr %p, i32 4, i32 3)
; CHECK:       call void @__weft_atomic_rmw(ptr %p, i32 4, i32 5)
; CHECK:       call void @__weft_atomic_cmpxchg_point(ptr %p, i32 4)
define void @system(ptr %p) {
  %a = load atomic i32, ptr %p acquire, align 4
  store atomic i32 0, ptr %p release, align 4
  %b = atomicrmw add ptr %p, i32 1 seq_cst
  %c = cmpxchg ptr %p, i32 0, i32 1 seq_cst seq_cst
  ret void
}
