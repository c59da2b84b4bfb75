; Repeating an access that was already checked in the same stretch of a block
; (no call, atomic or fence in between) adds nothing: a second read after a
; read or a write, a second write after a write, of at most the same bytes.
; A wider repeat, a write after a read, or a repeat after a call stay.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare void @opaque() nounwind

; CHECK-LABEL: define i32 @read_twice(
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NOT:   call void @__weft_read
; CHECK:       ret i32
define i32 @read_twice(ptr %p) {
  %a = load i32, ptr %p, align 4
  %b = load i32, ptr %p, align 4
  %s = add i32 %a, %b
  ret i32 %s
}

; CHECK-LABEL: define i32 @read_after_write(
; CHECK:       call preserve_mostcc void @__weft_write8(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NOT:   call void @__weft_read
; CHECK:       ret i32
define i32 @read_after_write(ptr %p) {
  store i64 0, ptr %p, align 8
  %b = load i32, ptr %p, align 4
  ret i32 %b
}

; CHECK-LABEL: define void @write_twice(
; CHECK:       call preserve_mostcc void @__weft_write4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NOT:   call void @__weft_write
; CHECK:       ret void
define void @write_twice(ptr %p) {
  store i32 1, ptr %p, align 4
  store i32 2, ptr %p, align 4
  ret void
}

; CHECK-LABEL: define i64 @wider_repeat(
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK:       call preserve_mostcc void @__weft_read8(ptr %p, ptr @weft.site{{[.0-9]*}})
define i64 @wider_repeat(ptr %p) {
  %a = load i32, ptr %p, align 4
  %b = load i64, ptr %p, align 8
  ret i64 %b
}

; CHECK-LABEL: define i32 @repeat_after_call(
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK:       call void @opaque()
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
define i32 @repeat_after_call(ptr %p) {
  %a = load i32, ptr %p, align 4
  call void @opaque()
  %b = load i32, ptr %p, align 4
  %s = add i32 %a, %b
  ret i32 %s
}
