; Twin of skip_nonescaping_alloca.ll: once a stack slot's address escapes —
; passed to a call, stored to memory, or returned — another thread can reach
; it, and every access to it is instrumented.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@published = global ptr null

declare void @share(ptr) nounwind

; CHECK-LABEL: define i32 @passed_to_call(
; CHECK:       [[ELT:%.*]] = getelementptr
; CHECK-NEXT:  call preserve_mostcc void @__weft_write4(ptr [[ELT]], ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT:  store i32 %v, ptr [[ELT]]
; CHECK:       call void @share(
; CHECK-NEXT:  call preserve_mostcc void @__weft_read4(ptr [[ELT]], ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT:  load i32, ptr [[ELT]]
define i32 @passed_to_call(i32 %v) {
  %slot = alloca [4 x i32]
  %elt = getelementptr [4 x i32], ptr %slot, i64 0, i64 2
  store i32 %v, ptr %elt
  call void @share(ptr %slot)
  %r = load i32, ptr %elt
  ret i32 %r
}

; CHECK-LABEL: define void @stored_to_global(
; CHECK:       call preserve_mostcc void @__weft_write8(ptr @published, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT:  store ptr %slot, ptr @published
; CHECK-NEXT:  call preserve_mostcc void @__weft_write4(ptr %slot, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT:  store i32 1, ptr %slot
define void @stored_to_global() {
  %slot = alloca i32
  store ptr %slot, ptr @published
  store i32 1, ptr %slot
  ret void
}

; CHECK-LABEL: define ptr @returned(
; CHECK:       call preserve_mostcc void @__weft_write4(ptr %slot, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT:  store i32 1, ptr %slot
define ptr @returned() {
  %slot = alloca i32
  store i32 1, ptr %slot
  ret ptr %slot
}
