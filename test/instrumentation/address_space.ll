; Pointers outside address space 0 (GPU memories, x86 fs/gs segments) do not
; name memory the runtime's void * ABI can describe: left alone, plain or
; atomic. The same accesses through address space 0 are instrumented.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -weft-elide-redundant=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @segments(
; CHECK-NOT:   call void @__weft_{{read|write|atomic}}
; CHECK:       ret void
define void @segments(ptr addrspace(256) %gs, ptr addrspace(1) %p1) {
  %a = load i32, ptr addrspace(256) %gs
  store i32 %a, ptr addrspace(1) %p1
  %b = load atomic i32, ptr addrspace(1) %p1 acquire, align 4
  %c = atomicrmw add ptr addrspace(1) %p1, i32 1 seq_cst
  ret void
}

; CHECK-LABEL: define void @flat(
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK:       call preserve_mostcc void @__weft_write4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK:       call void @__weft_atomic_load(ptr %p, i32 4, i32 2)
; CHECK:       call void @__weft_atomic_rmw(ptr %p, i32 4, i32 5)
define void @flat(ptr %p) {
  %a = load i32, ptr %p
  store i32 %a, ptr %p
  %b = load atomic i32, ptr %p acquire, align 4
  %c = atomicrmw add ptr %p, i32 1 seq_cst
  ret void
}
