; Alignment does not change the entry point: the runtime handles accesses that
; straddle shadow cells itself.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-elide-redundant=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @unaligned(
define void @unaligned(ptr %p) {
; CHECK:      call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: load i32, ptr %p, align 1
  %a = load i32, ptr %p, align 1
; CHECK-NEXT: call preserve_mostcc void @__weft_write8(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: store i64 0, ptr %p, align 2
  store i64 0, ptr %p, align 2
; CHECK-NEXT: call void @__weft_write16(ptr %p)
; CHECK-NEXT: store i128 0, ptr %p, align 4
  store i128 0, ptr %p, align 4
; CHECK-NEXT: call preserve_mostcc void @__weft_read2(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: load i16, ptr %p, align 1
  %b = load i16, ptr %p, align 1
  ret void
}
