; Rule isCompilerOwnedGlobal: globals made by the compiler (llvm.*, gcov and
; profile counters) or by weft itself are not the user's data; a report about
; them could be neither understood nor suppressed.
; Twin: keep_user_globals.ll.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@__llvm_gcov_ctr = internal global [2 x i64] zeroinitializer
@__profc_f = private global [1 x i64] zeroinitializer
@__weft_state = external global i32

; CHECK-LABEL: define void @counters(
; CHECK-NOT:   call void @__weft_{{read|write}}
; CHECK:       ret void
define void @counters() {
  %a = load i64, ptr @__llvm_gcov_ctr
  %b = add i64 %a, 1
  store i64 %b, ptr @__llvm_gcov_ctr
  %c = load i64, ptr @__profc_f
  store i64 %c, ptr @__profc_f
  %d = load i32, ptr @__weft_state
  ret void
}
