; Atomic loads and stores keep their instruction and are announced to the
; runtime just before it with (address, size, C ABI memory order):
; relaxed=0 (unordered too), acquire=2, release=3, seq_cst=5.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @loads(
define void @loads(ptr %p) {
; CHECK:      call void @__weft_atomic_load(ptr %p, i32 4, i32 0)
; CHECK-NEXT: load atomic i32, ptr %p unordered
  %u = load atomic i32, ptr %p unordered, align 4
; CHECK-NEXT: call void @__weft_atomic_load(ptr %p, i32 4, i32 0)
; CHECK-NEXT: load atomic i32, ptr %p monotonic
  %m = load atomic i32, ptr %p monotonic, align 4
; CHECK-NEXT: call void @__weft_atomic_load(ptr %p, i32 4, i32 2)
; CHECK-NEXT: load atomic i32, ptr %p acquire
  %a = load atomic i32, ptr %p acquire, align 4
; CHECK-NEXT: call void @__weft_atomic_load(ptr %p, i32 4, i32 5)
; CHECK-NEXT: load atomic i32, ptr %p seq_cst
  %s = load atomic i32, ptr %p seq_cst, align 4
; Sizes come from the type.
; CHECK-NEXT: call void @__weft_atomic_load(ptr %p, i32 1, i32 5)
; CHECK-NEXT: load atomic i8, ptr %p seq_cst
  %b = load atomic i8, ptr %p seq_cst, align 1
; CHECK-NEXT: call void @__weft_atomic_load(ptr %p, i32 8, i32 2)
; CHECK-NEXT: load atomic ptr, ptr %p acquire
  %q = load atomic ptr, ptr %p acquire, align 8
; CHECK-NEXT: call void @__weft_atomic_load(ptr %p, i32 16, i32 5)
; CHECK-NEXT: load atomic i128, ptr %p seq_cst
  %w = load atomic i128, ptr %p seq_cst, align 16
; CHECK-NOT:  call void @__weft_read
  ret void
}

; CHECK-LABEL: define void @stores(
define void @stores(ptr %p) {
; CHECK:      call void @__weft_atomic_store(ptr %p, i32 4, i32 0)
; CHECK-NEXT: store atomic i32 1, ptr %p unordered
  store atomic i32 1, ptr %p unordered, align 4
; CHECK-NEXT: call void @__weft_atomic_store(ptr %p, i32 4, i32 0)
; CHECK-NEXT: store atomic i32 1, ptr %p monotonic
  store atomic i32 1, ptr %p monotonic, align 4
; CHECK-NEXT: call void @__weft_atomic_store(ptr %p, i32 4, i32 3)
; CHECK-NEXT: store atomic i32 1, ptr %p release
  store atomic i32 1, ptr %p release, align 4
; CHECK-NEXT: call void @__weft_atomic_store(ptr %p, i32 4, i32 5)
; CHECK-NEXT: store atomic i32 1, ptr %p seq_cst
  store atomic i32 1, ptr %p seq_cst, align 4
; CHECK-NEXT: call void @__weft_atomic_store(ptr %p, i32 2, i32 3)
; CHECK-NEXT: store atomic i16 1, ptr %p release
  store atomic i16 1, ptr %p release, align 2
; CHECK-NEXT: call void @__weft_atomic_store(ptr %p, i32 8, i32 5)
; CHECK-NEXT: store atomic double 1.0{{.*}}, ptr %p seq_cst
  store atomic double 1.0, ptr %p seq_cst, align 8
; CHECK-NOT:  call void @__weft_write
  ret void
}
