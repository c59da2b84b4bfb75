; Twin of skip_constant_global.ll: the same global without "constant" (and a
; const-qualified one that is only marked readonly-by-convention) is
; instrumented, even for reads.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@table = global [4 x i32] [i32 1, i32 2, i32 3, i32 4]

; CHECK-LABEL: define i32 @read_mutable(
; CHECK:       [[P:%.*]] = getelementptr
; CHECK-NEXT:  call preserve_mostcc void @__weft_read4(ptr [[P]], ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT:  load i32, ptr [[P]]
define i32 @read_mutable(i64 %i) {
  %p = getelementptr [4 x i32], ptr @table, i64 0, i64 %i
  %a = load i32, ptr %p
  ret i32 %a
}
