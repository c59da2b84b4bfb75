; Every instrumented module starts the runtime from a constructor at priority
; 0, ahead of any user constructor; the constructor itself is not
; instrumented. Existing constructors are kept.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @user_ctor, ptr null }]
@g = global i32 0

; CHECK: @llvm.global_ctors = appending global [2 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @user_ctor, ptr null }, { i32, ptr, ptr } { i32 0, ptr @weft.module_ctor, ptr null }]

define void @user_ctor() {
  store i32 1, ptr @g
  ret void
}

; The user's constructor is an ordinary function to the pass.
; CHECK-LABEL: define void @user_ctor()
; CHECK:       call preserve_mostcc void @__weft_write4(ptr @g, ptr @weft.site{{[.0-9]*}})

; CHECK:       declare void @__weft_init()
; CHECK-LABEL: define internal void @weft.module_ctor()
; CHECK-NEXT:  call void @__weft_init()
; CHECK-NEXT:  ret void
; CHECK-NEXT:  }
