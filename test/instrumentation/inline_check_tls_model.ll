; The inline access check reads the runtime's thread pointer, which lives in
; the executable. Code built for an executable (PIE, or not PIC at all, as
; this module) reaches it at a link-time offset (local-exec); PIC code, which
; may become a shared object, asks the GOT for the offset (initial-exec).
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s | FileCheck %s --check-prefix=EXE
; RUN: sed -e 's/^;PIC: //' %s | %opt -load-pass-plugin %plugin -passes=weft -S \
; RUN:   | FileCheck %s --check-prefix=DSO
; RUN: sed -e 's/^;PIC: //' -e 's/"PIE Level", i32 0/"PIE Level", i32 2/' %s | %opt -load-pass-plugin %plugin -passes=weft -S \
; RUN:   | FileCheck %s --check-prefix=EXE
; EXE: @__weft_current_thread = external thread_local(localexec) global ptr
; DSO: @__weft_current_thread = external thread_local(initialexec) global ptr

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i64 @read8(ptr %p) {
  %v = load i64, ptr %p, align 8
  ret i64 %v
}

;PIC: !llvm.module.flags = !{!0, !1}
;PIC: !0 = !{i32 8, !"PIC Level", i32 2}
;PIC: !1 = !{i32 7, !"PIE Level", i32 0}
