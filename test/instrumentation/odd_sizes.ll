; Accesses whose store size has no fixed-size entry point are reported as a
; range of exactly that many bytes (store size, not alloc size: i24 is 3).
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-elide-redundant=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%three = type { i8, i8, i8 }

; CHECK-LABEL: define void @odd(
define void @odd(ptr %p) {
; CHECK:      call void @__weft_write_range(ptr %p, i64 3)
; CHECK-NEXT: store i24 1, ptr %p
  store i24 1, ptr %p
; CHECK-NEXT: call void @__weft_read_range(ptr %p, i64 3)
; CHECK-NEXT: load i24, ptr %p
  %a = load i24, ptr %p
; CHECK-NEXT: call void @__weft_write_range(ptr %p, i64 3)
; CHECK-NEXT: store [3 x i8] zeroinitializer, ptr %p
  store [3 x i8] zeroinitializer, ptr %p
; CHECK-NEXT: call void @__weft_read_range(ptr %p, i64 3)
; CHECK-NEXT: load %three, ptr %p
  %b = load %three, ptr %p
; x86_fp80 stores 10 bytes.
; CHECK-NEXT: call void @__weft_read_range(ptr %p, i64 10)
; CHECK-NEXT: load x86_fp80, ptr %p
  %c = load x86_fp80, ptr %p
; A 32-byte aggregate.
; CHECK-NEXT: call void @__weft_write_range(ptr %p, i64 32)
; CHECK-NEXT: store [4 x i64] zeroinitializer, ptr %p
  store [4 x i64] zeroinitializer, ptr %p
  ret void
}

; An empty type touches no memory: nothing to report.
; CHECK-LABEL: define void @empty(
; CHECK-NOT:   call void @__weft_{{read|write}}
; CHECK:       ret void
define void @empty(ptr %p) {
  store {} zeroinitializer, ptr %p
  ret void
}
