; Plain loads and stores of every fixed size get the sized entry point, with
; the size taken from the type's store size (float -> 4, ptr -> 8, i128 -> 16).
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -weft-elide-redundant=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @loads(
define void @loads(ptr %p) {
; CHECK:      call preserve_mostcc void @__weft_read1(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: load i8, ptr %p
  %1 = load i8, ptr %p
; CHECK-NEXT: call preserve_mostcc void @__weft_read2(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: load i16, ptr %p
  %2 = load i16, ptr %p
; CHECK-NEXT: call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: load i32, ptr %p
  %3 = load i32, ptr %p
; CHECK-NEXT: call preserve_mostcc void @__weft_read8(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: load i64, ptr %p
  %4 = load i64, ptr %p
; CHECK-NEXT: call void @__weft_read16(ptr %p)
; CHECK-NEXT: load i128, ptr %p
  %5 = load i128, ptr %p
; CHECK-NEXT: call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: load float, ptr %p
  %6 = load float, ptr %p
; CHECK-NEXT: call preserve_mostcc void @__weft_read8(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: load double, ptr %p
  %7 = load double, ptr %p
; CHECK-NEXT: call preserve_mostcc void @__weft_read8(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: load ptr, ptr %p
  %8 = load ptr, ptr %p
  ret void
}

; CHECK-LABEL: define void @stores(
define void @stores(ptr %p) {
; CHECK:      call preserve_mostcc void @__weft_write1(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: store i8 0, ptr %p
  store i8 0, ptr %p
; CHECK-NEXT: call preserve_mostcc void @__weft_write2(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: store i16 0, ptr %p
  store i16 0, ptr %p
; CHECK-NEXT: call preserve_mostcc void @__weft_write4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: store i32 0, ptr %p
  store i32 0, ptr %p
; CHECK-NEXT: call preserve_mostcc void @__weft_write8(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: store i64 0, ptr %p
  store i64 0, ptr %p
; CHECK-NEXT: call void @__weft_write16(ptr %p)
; CHECK-NEXT: store i128 0, ptr %p
  store i128 0, ptr %p
; CHECK-NEXT: call preserve_mostcc void @__weft_write4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: store float 0.0{{.*}}, ptr %p
  store float 0.0, ptr %p
; CHECK-NEXT: call preserve_mostcc void @__weft_write8(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: store double 0.0{{.*}}, ptr %p
  store double 0.0, ptr %p
; CHECK-NEXT: call preserve_mostcc void @__weft_write8(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: store ptr null, ptr %p
  store ptr null, ptr %p
  ret void
}
