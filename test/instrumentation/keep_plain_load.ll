; Twin of skip_invariant_load.ll: without !invariant.load (even with other
; metadata such as !invariant.group or !nonnull) the same load is instrumented.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define i32 @plain(
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT:  load i32, ptr %p
define i32 @plain(ptr %p) {
  %v = load i32, ptr %p
  ret i32 %v
}

; CHECK-LABEL: define ptr @invariant_group(
; CHECK:       call preserve_mostcc void @__weft_read8(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT:  load ptr, ptr %p
define ptr @invariant_group(ptr %p) {
  %v = load ptr, ptr %p, !invariant.group !0, !nonnull !0
  ret ptr %v
}

!0 = !{}
