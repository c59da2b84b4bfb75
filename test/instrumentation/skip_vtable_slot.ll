; Rule isVtableSlotRead: a read through a vtable pointer (a load clang's TBAA
; tags "vtable pointer") reads the vtable, constant data the compiler
; emits: a virtual call's function pointer, the offset to the top, the RTTI
; pointer. It cannot race, and is not checked; the vtable pointer's own
; load still is (vptr_accesses.ll). Twins: the same read through a pointer
; loaded with an ordinary tag, and a store through the vtable pointer, stay
; checked.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false \
; RUN:   -weft-instrument-func-entry-exit=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @virtual_call(
; CHECK:       call void @__weft_vptr_read(ptr %obj)
; CHECK-NEXT:  %vt = load ptr, ptr %obj
; CHECK-NOT:   call {{.*}}@__weft_read8
; CHECK:       %fn = load ptr, ptr %slot
; CHECK-NOT:   call {{.*}}@__weft_read8
; CHECK:       %top = load i64, ptr %offset
; CHECK-NEXT:  call void %fn(ptr %obj)
define void @virtual_call(ptr %obj) {
  %vt = load ptr, ptr %obj, align 8, !tbaa !0
  %slot = getelementptr inbounds i8, ptr %vt, i64 16
  %fn = load ptr, ptr %slot, align 8
  %offset = getelementptr inbounds i8, ptr %vt, i64 -16
  %top = load i64, ptr %offset, align 8
  call void %fn(ptr %obj)
  ret void
}

; CHECK-LABEL: define ptr @through_plain_pointer(
; CHECK:       call preserve_mostcc void @__weft_read8(ptr %slot, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT:  %fn = load ptr, ptr %slot
define ptr @through_plain_pointer(ptr %obj) {
  %table = load ptr, ptr %obj, align 8, !tbaa !3
  %slot = getelementptr inbounds i8, ptr %table, i64 16
  %fn = load ptr, ptr %slot, align 8
  ret ptr %fn
}

; CHECK-LABEL: define void @store_through_vptr(
; CHECK:       call preserve_mostcc void @__weft_write8(ptr %slot, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT:  store ptr null, ptr %slot
define void @store_through_vptr(ptr %obj) {
  %vt = load ptr, ptr %obj, align 8, !tbaa !0
  %slot = getelementptr inbounds i8, ptr %vt, i64 16
  store ptr null, ptr %slot, align 8
  ret void
}

!0 = !{!1, !1, i64 0}
!1 = !{!"vtable pointer", !2, i64 0}
!2 = !{!"Simple C++ TBAA"}
!3 = !{!4, !4, i64 0}
!4 = !{!"any pointer", !5, i64 0}
!5 = !{!"omnipotent char", !2, i64 0}
