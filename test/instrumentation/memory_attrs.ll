; An instrumented function calls into the runtime, which reads and writes its
; own state: memory(...) attributes that said otherwise are dropped from the
; function and from its direct call sites, so that no later pass deletes or
; reorders the calls. Functions left untouched keep theirs.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@g = global i32 0

; CHECK-LABEL: define i32 @reader() #0 {
; CHECK:       call preserve_mostcc void @__weft_read4(ptr @g, ptr @weft.site{{[.0-9]*}})
define i32 @reader() nounwind memory(read) {
  %v = load i32, ptr @g
  ret i32 %v
}

; CHECK-LABEL: define void @arg_writer(ptr %p) #0 {
; CHECK:       call preserve_mostcc void @__weft_write4(ptr %p, ptr @weft.site{{[.0-9]*}})
define void @arg_writer(ptr %p) nounwind memory(argmem: write) {
  store i32 0, ptr %p
  ret void
}

; CHECK-LABEL: define i32 @pure_leaf(i32 %x) #1 {
define i32 @pure_leaf(i32 %x) nounwind memory(none) {
  %y = mul i32 %x, 3
  ret i32 %y
}

; CHECK-LABEL: define i32 @caller(
; CHECK:       call i32 @reader(){{$}}
; CHECK:       call i32 @pure_leaf(i32 1) [[PURE_CALL:#[0-9]+]]
define i32 @caller() nounwind {
  %a = call i32 @reader() memory(read)
  %b = call i32 @pure_leaf(i32 1) memory(none)
  %c = add i32 %a, %b
  ret i32 %c
}

; CHECK: attributes #0 = { nounwind }
; CHECK: attributes #1 = { nounwind memory(none) }
; CHECK: attributes [[PURE_CALL]] = { memory(none) }
