; Functions the pass leaves alone entirely: disable_sanitizer_instrumentation
; (the user's "no instrumentation of any kind"), naked functions (no prologue
; or epilogue may be emitted), and weft's own __weft_* functions. The twin
; @instrumented shows the same body is otherwise instrumented.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@g = global i32 0
declare void @callee() nounwind

; CHECK-LABEL: define void @opted_out(
; CHECK-NOT:   call void @__weft_
; CHECK:       ret void
define void @opted_out() disable_sanitizer_instrumentation {
  store i32 1, ptr @g
  %a = atomicrmw add ptr @g, i32 1 seq_cst
  call void @callee()
  ret void
}

; CHECK-LABEL: define void @naked(
; CHECK-NOT:   call void @__weft_
; CHECK:       unreachable
define void @naked() naked {
  call void asm sideeffect "ret", ""()
  unreachable
}

; CHECK-LABEL: define void @__weft_helper(
; CHECK-NOT:   call void @__weft_
; CHECK:       ret void
define void @__weft_helper() {
  store i32 1, ptr @g
  call void @callee()
  ret void
}

; CHECK-LABEL: define void @instrumented(
; CHECK:       call preserve_mostcc void @__weft_func_entry(
; CHECK:       call preserve_mostcc void @__weft_write4(ptr @g, ptr @weft.site{{[.0-9]*}})
; CHECK:       call void @__weft_atomic_rmw(ptr @g, i32 4, i32 5)
; CHECK:       call preserve_mostcc void @__weft_func_exit()
define void @instrumented() {
  store i32 1, ptr @g
  %a = atomicrmw add ptr @g, i32 1 seq_cst
  call void @callee()
  ret void
}
