; The inline fast paths read the runtime's thread pointer, which lives in
; the executable. Whatever the module is compiled for — not PIC (as this
; module), PIC, or PIE — it is initial-exec TLS, through
; llvm.threadlocal.address: any object file, even one compiled as PIE (the
; default), may be linked into a shared library, where local-exec cannot be
; used (test/driver/shared_object_race.c); linking an executable, the
; linker makes it local-exec anyway.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s | FileCheck %s
; RUN: sed -e 's/^;PIC: //' %s | %opt -load-pass-plugin %plugin -passes=weft -S | FileCheck %s
; RUN: sed -e 's/^;PIC: //' -e 's/"PIE Level", i32 0/"PIE Level", i32 2/' %s \
; RUN:   | %opt -load-pass-plugin %plugin -passes=weft -S | FileCheck %s
; CHECK: @__weft_inline_thread = external thread_local(initialexec) global ptr
; CHECK: call ptr @llvm.threadlocal.address.p0(ptr @__weft_inline_thread)

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i64 @read8(ptr %p) {
  %v = load i64, ptr %p, align 8
  ret i64 %v
}

;PIC: !llvm.module.flags = !{!0, !1}
;PIC: !0 = !{i32 8, !"PIC Level", i32 2}
;PIC: !1 = !{i32 7, !"PIE Level", i32 0}
