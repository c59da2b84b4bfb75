; A read followed by a write of at least the same bytes, with nothing that
; could synchronize in between, is covered by the write's check: the read is
; not instrumented. A call, an atomic or a fence in between keeps it; so do a
; smaller write and a different pointer. A write in the next block counts
; (more across blocks and nosync calls: elide_across_blocks.ll).
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s | FileCheck %s
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -weft-elide-redundant=false -S %s | FileCheck %s --check-prefix=OFF

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare void @opaque() nounwind

; CHECK-LABEL: define void @increment(
; CHECK-NOT:   __weft_read4
; CHECK:       call preserve_mostcc void @__weft_write4(ptr %p, ptr @weft.site{{[.0-9]*}})
; OFF-LABEL:   define void @increment(
; OFF:         call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
; OFF:         call preserve_mostcc void @__weft_write4(ptr %p, ptr @weft.site{{[.0-9]*}})
define void @increment(ptr %p) {
  %v = load i32, ptr %p, align 4
  %w = add i32 %v, 1
  store i32 %w, ptr %p, align 4
  ret void
}

; CHECK-LABEL: define void @call_between(
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK:       call void @opaque()
; CHECK:       call preserve_mostcc void @__weft_write4(ptr %p, ptr @weft.site{{[.0-9]*}})
define void @call_between(ptr %p) {
  %v = load i32, ptr %p, align 4
  call void @opaque()
  store i32 %v, ptr %p, align 4
  ret void
}

; CHECK-LABEL: define void @fence_between(
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK:       call preserve_mostcc void @__weft_write4(ptr %p, ptr @weft.site{{[.0-9]*}})
define void @fence_between(ptr %p) {
  %v = load i32, ptr %p, align 4
  fence acquire
  store i32 %v, ptr %p, align 4
  ret void
}

; CHECK-LABEL: define void @atomic_between(
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK:       call preserve_mostcc void @__weft_write4(ptr %p, ptr @weft.site{{[.0-9]*}})
define void @atomic_between(ptr %p, ptr %flag) {
  %v = load i32, ptr %p, align 4
  %f = load atomic i32, ptr %flag acquire, align 4
  store i32 %v, ptr %p, align 4
  ret void
}

; CHECK-LABEL: define void @narrower_write(
; CHECK:       call preserve_mostcc void @__weft_read8(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK:       call preserve_mostcc void @__weft_write4(ptr %p, ptr @weft.site{{[.0-9]*}})
define void @narrower_write(ptr %p) {
  %v = load i64, ptr %p, align 8
  %t = trunc i64 %v to i32
  store i32 %t, ptr %p, align 8
  ret void
}

; CHECK-LABEL: define void @other_pointer(
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK:       call preserve_mostcc void @__weft_write4(ptr %q, ptr @weft.site{{[.0-9]*}})
define void @other_pointer(ptr %p, ptr %q) {
  %v = load i32, ptr %p, align 4
  store i32 %v, ptr %q, align 4
  ret void
}

; CHECK-LABEL: define void @other_block(
; CHECK-NOT:   __weft_read4
; CHECK:       next:
; CHECK:       call preserve_mostcc void @__weft_write4(ptr %p, ptr @weft.site{{[.0-9]*}})
define void @other_block(ptr %p) {
  %v = load i32, ptr %p, align 4
  br label %next
next:
  store i32 %v, ptr %p, align 4
  ret void
}
