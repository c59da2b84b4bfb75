; Twin of skip_compiler_globals.ll: user globals whose names merely resemble
; the reserved prefixes are instrumented.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -weft-elide-redundant=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@llvmish = global i64 0
@weft_state = global i32 0
@_weft_state = global i32 0

; CHECK-LABEL: define void @user(
; CHECK:       call preserve_mostcc void @__weft_read8(ptr @llvmish, ptr @weft.site{{[.0-9]*}})
; CHECK:       call preserve_mostcc void @__weft_write8(ptr @llvmish, ptr @weft.site{{[.0-9]*}})
; CHECK:       call preserve_mostcc void @__weft_read4(ptr @weft_state, ptr @weft.site{{[.0-9]*}})
; CHECK:       call preserve_mostcc void @__weft_read4(ptr @_weft_state, ptr @weft.site{{[.0-9]*}})
define void @user() {
  %a = load i64, ptr @llvmish
  store i64 %a, ptr @llvmish
  %b = load i32, ptr @weft_state
  %c = load i32, ptr @_weft_state
  ret void
}
