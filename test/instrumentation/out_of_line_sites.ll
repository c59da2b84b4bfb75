; Accesses called out of line (the register-preserving __weft_read1..8 and
; __weft_write1..8, where the pass does not inline the check: here the
; module's inline budget is 0) carry a site flag of their own, as the inline
; check's slow call does (weft/shadow_layout.h): a private byte, zero at
; start, one per call site, so that a race found at such a call becomes a
; race-directed scheduling point of later runs (docs/scheduling.md,
; "Out-of-line sites"). The call does not read the flag; it hands over its
; address. Accesses of 16 bytes and ranges have no flag (docs/limits.md).
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-instrument-func-entry-exit=false \
; RUN:   -weft-inline-budget=0 -S %s | FileCheck %s
; The same with the inline path turned off altogether.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-instrument-func-entry-exit=false \
; RUN:   -weft-inline-fast-paths=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK: @weft.site = private global i8 0
; CHECK: @weft.site.1 = private global i8 0

; Each access its own flag, every size from 1 to 8, unaligned ones too.
; CHECK-LABEL: define void @sizes(
; CHECK-NOT:   load i8, ptr @weft.site
; CHECK:       call preserve_mostcc void @__weft_read1(ptr %p, ptr [[S1:@weft.site[.0-9]*]])
; CHECK-NEXT:  %a = load i8, ptr %p
; CHECK:       call preserve_mostcc void @__weft_read2(ptr %p, ptr [[S2:@weft.site[.0-9]*]])
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p, ptr [[S4:@weft.site[.0-9]*]])
; CHECK:       call preserve_mostcc void @__weft_write8(ptr %q, ptr [[S8:@weft.site[.0-9]*]])
; CHECK-NEXT:  store i64 %d, ptr %q, align 8
; CHECK:       call preserve_mostcc void @__weft_write4(ptr %u, ptr [[SU:@weft.site[.0-9]*]])
; CHECK-NEXT:  store i32 %c, ptr %u, align 1
; A 16-byte access calls the range-like entry point, without a flag.
; CHECK:       call void @__weft_read16(ptr %v)
; CHECK-NOT:   load i8, ptr @weft.site
; CHECK:       ret void
define void @sizes(ptr %p, ptr %q, ptr %u, ptr %v) {
  %a = load i8, ptr %p, align 1
  %b = load i16, ptr %p, align 2
  %c = load i32, ptr %p, align 4
  %d = load i64, ptr %q, align 8
  store i64 %d, ptr %q, align 8
  store i32 %c, ptr %u, align 1
  %w = load i128, ptr %v, align 16
  ret void
}

; Two calls at one address are two sites: a site is a place in the code,
; not a location in memory.
; CHECK-LABEL: define void @two_sites(
; CHECK:       call preserve_mostcc void @__weft_write8(ptr %p, ptr [[A:@weft.site[.0-9]*]])
; CHECK:       call void @opaque()
; CHECK:       call preserve_mostcc void @__weft_write8(ptr %p, ptr [[B:@weft.site[.0-9]*]])
; CHECK-NOT:   ptr [[A]])
define void @two_sites(ptr %p) {
  store i64 1, ptr %p, align 8
  call void @opaque()
  store i64 2, ptr %p, align 8
  ret void
}

declare void @opaque()
