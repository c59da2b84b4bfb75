; The shadow call stack: func_entry(return address) at entry, func_exit at
; every way out — each return, and the unwinding path of every call that may
; throw, so a C++ exception passing through keeps the stack balanced.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@g = global i32 0

declare void @may_throw()
declare void @no_throw() nounwind
declare i32 @__gxx_personality_v0(...)

; CHECK-LABEL: define void @entry_and_returns(
; CHECK-NEXT:  [[RA:%.*]] = call ptr @llvm.returnaddress(i32 0)
; CHECK-NEXT:  call preserve_mostcc void @__weft_func_entry(ptr [[RA]])
; CHECK:       a:
; CHECK-NEXT:  call preserve_mostcc void @__weft_write4(ptr @g, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT:  store
; CHECK-NEXT:  call preserve_mostcc void @__weft_func_exit()
; CHECK-NEXT:  ret void
; CHECK:       b:
; CHECK-NEXT:  call preserve_mostcc void @__weft_func_exit()
; CHECK-NEXT:  ret void
define void @entry_and_returns(i1 %c) nounwind {
  br i1 %c, label %a, label %b
a:
  store i32 1, ptr @g
  ret void
b:
  ret void
}

; No access and no call: nothing to put on the shadow stack.
; CHECK-LABEL: define i32 @leaf(
; CHECK-NEXT:  add
; CHECK-NEXT:  ret i32
define i32 @leaf(i32 %x) {
  %y = add i32 %x, 1
  ret i32 %y
}

; Calls alone are enough: the callee's frames need their caller's.
; CHECK-LABEL: define void @calls_only(
; CHECK-NEXT:  call ptr @llvm.returnaddress(i32 0)
; CHECK-NEXT:  call preserve_mostcc void @__weft_func_entry(
; CHECK-NEXT:  call void @no_throw()
; CHECK-NEXT:  call preserve_mostcc void @__weft_func_exit()
; CHECK-NEXT:  ret void
define void @calls_only() nounwind {
  call void @no_throw()
  ret void
}

; Intrinsics are not calls for this purpose.
; CHECK-LABEL: define void @intrinsics_only(
; CHECK-NOT:   __weft_func_entry
; CHECK:       ret void
define void @intrinsics_only(ptr %p) {
  call void @llvm.donothing()
  ret void
}

; An existing landing pad: the resume path leaves the frame too.
; CHECK-LABEL: define void @invoke_landingpad(
; CHECK:       call preserve_mostcc void @__weft_func_entry(
; CHECK:       invoke void @may_throw()
; CHECK-NEXT:  to label %ok unwind label %lpad
; CHECK:       ok:
; CHECK-NEXT:  call preserve_mostcc void @__weft_func_exit()
; CHECK-NEXT:  ret void
; CHECK:       lpad:
; CHECK-NEXT:  [[LP:%.*]] = landingpad { ptr, i32 }
; CHECK-NEXT:  cleanup
; CHECK-NEXT:  call preserve_mostcc void @__weft_func_exit()
; CHECK-NEXT:  resume { ptr, i32 } [[LP]]
define void @invoke_landingpad() personality ptr @__gxx_personality_v0 {
  invoke void @may_throw() to label %ok unwind label %lpad
ok:
  ret void
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
}

; A plain call that may throw becomes an invoke whose cleanup pad calls
; func_exit and resumes unwinding.
; CHECK-LABEL: define void @call_may_throw(
; CHECK:       call preserve_mostcc void @__weft_func_entry(
; CHECK:       invoke void @may_throw()
; CHECK-NEXT:  to label %[[CONT:.*]] unwind label %[[CLEANUP:.*]]
; CHECK:       [[CONT]]:
; CHECK-NEXT:  call preserve_mostcc void @__weft_func_exit()
; CHECK-NEXT:  ret void
; CHECK:       [[CLEANUP]]:
; CHECK-NEXT:  [[LP:%.*]] = landingpad { ptr, i32 }
; CHECK-NEXT:  cleanup
; CHECK-NEXT:  call preserve_mostcc void @__weft_func_exit()
; CHECK-NEXT:  resume { ptr, i32 } [[LP]]
define void @call_may_throw() personality ptr @__gxx_personality_v0 {
  call void @may_throw()
  ret void
}

; A function that never returns still gets its entry; unreachable needs no exit.
; CHECK-LABEL: define void @no_return(
; CHECK:       call preserve_mostcc void @__weft_func_entry(
; CHECK-NEXT:  call void @abort()
; CHECK-NEXT:  unreachable
declare void @abort() noreturn nounwind
define void @no_return() nounwind {
  call void @abort()
  unreachable
}

declare void @llvm.donothing()

; A musttail call must stay immediately before its return: the frame is left
; before the tail call, which replaces it.
; CHECK-LABEL: define i32 @tail(
; CHECK:       call preserve_mostcc void @__weft_func_entry(
; CHECK:       call preserve_mostcc void @__weft_func_exit()
; CHECK-NEXT:  [[R:%.*]] = musttail call i32 @tail_callee(i32 %x)
; CHECK-NEXT:  ret i32 [[R]]
declare i32 @tail_callee(i32)
define i32 @tail(i32 %x) {
  %r = musttail call i32 @tail_callee(i32 %x)
  ret i32 %r
}
