; Loads and stores of a vtable pointer (clang's TBAA tag "vtable pointer")
; get the vptr callbacks, so that the runtime can name a virtual call racing
; with a constructor or destructor; other accesses stay as they are.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@vtable = constant [3 x ptr] zeroinitializer

; CHECK-LABEL: define void @construct(
; CHECK:       call void @__weft_vptr_update(ptr %obj, ptr getelementptr inbounds (i8, ptr @vtable, i64 16))
; CHECK-NEXT:  store ptr getelementptr inbounds (i8, ptr @vtable, i64 16), ptr %obj, align 8, !tbaa
; CHECK-NOT:   call void @__weft_write8
; CHECK:       ret void
define void @construct(ptr %obj) {
  store ptr getelementptr inbounds (i8, ptr @vtable, i64 16), ptr %obj, align 8, !tbaa !0
  ret void
}

; CHECK-LABEL: define ptr @virtual_call_target(
; CHECK:       call void @__weft_vptr_read(ptr %obj)
; CHECK-NEXT:  load ptr, ptr %obj, align 8, !tbaa
; CHECK-NOT:   call void @__weft_read8
define ptr @virtual_call_target(ptr %obj) {
  %vt = load ptr, ptr %obj, align 8, !tbaa !0
  ret ptr %vt
}

; A pointer load with an ordinary TBAA tag is a plain read.
; CHECK-LABEL: define ptr @plain_pointer(
; CHECK:       call preserve_mostcc void @__weft_read8(ptr %p, ptr @weft.site{{[.0-9]*}})
define ptr @plain_pointer(ptr %p) {
  %v = load ptr, ptr %p, align 8, !tbaa !3
  ret ptr %v
}

!0 = !{!1, !1, i64 0}
!1 = !{!"vtable pointer", !2, i64 0}
!2 = !{!"Simple C++ TBAA"}
!3 = !{!4, !4, i64 0}
!4 = !{!"any pointer", !5, i64 0}
!5 = !{!"omnipotent char", !2, i64 0}
