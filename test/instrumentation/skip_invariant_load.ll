; Rule isInvariantLoad: !invariant.load promises nobody changes the location
; while it can be read, so the read cannot be half of a race.
; Twin: keep_plain_load.ll.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define i32 @invariant(
; CHECK-NOT:   call void @__weft_read
; CHECK:       load i32, ptr %p, align 4, !invariant.load
define i32 @invariant(ptr %p) {
  %v = load i32, ptr %p, !invariant.load !0
  ret i32 %v
}

!0 = !{}
