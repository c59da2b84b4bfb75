; volatile is not synchronization: volatile accesses are checked like plain
; ones (a volatile flag written by one thread and read by another races).
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @volatile_accesses(
define void @volatile_accesses(ptr %p) {
; CHECK:      call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: load volatile i32, ptr %p
  %a = load volatile i32, ptr %p
; CHECK-NEXT: call preserve_mostcc void @__weft_write1(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: store volatile i8 1, ptr %p
  store volatile i8 1, ptr %p
; CHECK-NEXT: call void @__weft_write_range(ptr %p, i64 3)
; CHECK-NEXT: store volatile i24 1, ptr %p
  store volatile i24 1, ptr %p
  ret void
}
