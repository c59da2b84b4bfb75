; A module with no code still starts the runtime: the program may consist of
; such modules plus uninstrumented libraries that call back into it.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK: @llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 0, ptr @weft.module_ctor, ptr null }]
; CHECK: define internal void @weft.module_ctor()
; CHECK-NEXT:  call void @__weft_init()
