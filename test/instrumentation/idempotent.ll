; Running the pass twice (the plugin loaded twice, -fpass-plugin given twice)
; must not instrument twice: the module constructor marks a module as done.
; RUN: %opt -load-pass-plugin %plugin -passes=weft,weft -weft-inline-fast-paths=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK: @llvm.global_ctors = {{.*}}[1 x {{.*}} @weft.module_ctor
; CHECK-LABEL: define i32 @f(
; CHECK:       call preserve_mostcc void @__weft_func_entry(
; CHECK-NOT:   call preserve_mostcc void @__weft_func_entry(
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT:  load i32, ptr %p
; CHECK-NEXT:  call preserve_mostcc void @__weft_func_exit()
; CHECK-NEXT:  ret i32
define i32 @f(ptr %p) {
  %v = load i32, ptr %p
  ret i32 %v
}
; CHECK:     define internal void @weft.module_ctor()
; CHECK-NOT: define internal void @weft.module_ctor
