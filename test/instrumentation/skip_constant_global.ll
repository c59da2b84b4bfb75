; Rule isConstantGlobal: a constant global is never written (doing so is UB
; and it usually lives in read-only memory), and a race needs a write.
; Twin: keep_mutable_global.ll.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@table = constant [4 x i32] [i32 1, i32 2, i32 3, i32 4]
@answer = private unnamed_addr constant i64 42

; CHECK-LABEL: define i32 @read_constants(
; CHECK-NOT:   call void @__weft_
; CHECK:       ret i32
define i32 @read_constants(i64 %i) {
  %p = getelementptr [4 x i32], ptr @table, i64 0, i64 %i
  %a = load i32, ptr %p
  %b = load i64, ptr @answer
  %c = trunc i64 %b to i32
  %r = add i32 %a, %c
  ret i32 %r
}
