; Rule isUncapturedAlloca: a stack slot whose address never leaves the
; function is reachable only from the thread running the frame, so its
; accesses (through GEPs too, and by memset) are not instrumented.
; Twin: keep_escaping_alloca.ll.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define i32 @private_slot(
; CHECK-NOT:   call void @__weft_
; CHECK:       ret i32
define i32 @private_slot(i32 %v) {
  %slot = alloca [4 x i32]
  %elt = getelementptr [4 x i32], ptr %slot, i64 0, i64 2
  store i32 %v, ptr %elt
  call void @llvm.memset.p0.i64(ptr %slot, i8 0, i64 8, i1 false)
  %r = load i32, ptr %elt
  ret i32 %r
}

declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
