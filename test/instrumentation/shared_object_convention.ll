; Code built for a shared object (-fPIC without -fPIE: "PIC Level" set,
; "PIE Level" not) calls the runtime, which lives in the executable,
; through the PLT, where glibc's lazy-binding trampoline saves only the
; argument registers: it calls the entry points with the C convention
; (their definitions keep every register, a superset). An executable's
; code (PIE, as here in the twin) calls them with preserve_mostcc.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s \
; RUN:   | FileCheck %s
; RUN: sed -e 's/^!llvm.module.flags = !{!0}$/!llvm.module.flags = !{!0, !1}/' %s \
; RUN:   | %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S \
; RUN:   | FileCheck %s --check-prefix=PIE

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define i64 @get(
; CHECK:       call void @__weft_func_entry(
; CHECK:       call void @__weft_read8(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK:       call void @__weft_func_exit()
; CHECK:       declare void @__weft_read8(ptr, ptr)
; PIE-LABEL:   define i64 @get(
; PIE:         call preserve_mostcc void @__weft_func_entry(
; PIE:         call preserve_mostcc void @__weft_read8(ptr %p, ptr @weft.site{{[.0-9]*}})
; PIE:         call preserve_mostcc void @__weft_func_exit()
define i64 @get(ptr %p) {
  %v = load i64, ptr %p, align 8
  call void @use(i64 %v)
  ret i64 %v
}

declare void @use(i64)

!llvm.module.flags = !{!0}
!0 = !{i32 8, !"PIC Level", i32 2}
!1 = !{i32 7, !"PIE Level", i32 2}
