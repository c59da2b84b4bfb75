; Which accesses get the inline fast path (chooseInline): in small
; functions (at most -weft-inline-small-function instructions, 200 by
; default) every one; in larger ones those in innermost loops of at most
; -weft-inline-loop-size instructions (64). The others call the runtime's
; register-preserving entry points (preserve_mostcc). And the module's
; budget (-weft-inline-budget IR instructions, 8192) bounds the whole:
; functions, smallest first, take their inline paths whole while they fit.
; That keeps the code the backend compiles, and so the compile time, near
; TSan's (docs/performance.md, compile time). Here the size limit is
; lowered to 4 so that @large, 10 instructions, counts as large and @small,
; 2, as small.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-instrument-func-entry-exit=false \
; RUN:   -weft-inline-small-function=4 -S %s | FileCheck %s
; By default both functions are small: every access is inline.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-instrument-func-entry-exit=false \
; RUN:   -S %s | FileCheck %s --check-prefix=DEFAULT
; A loop larger than -weft-inline-loop-size (5 instructions > 2) calls.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-instrument-func-entry-exit=false \
; RUN:   -weft-inline-small-function=4 -weft-inline-loop-size=2 -S %s \
; RUN:   | FileCheck %s --check-prefix=LOOPSIZE
; A budget of one access check (30): @small, visited first, takes it;
; @large's loop no longer fits and calls.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-instrument-func-entry-exit=false \
; RUN:   -weft-inline-small-function=4 -weft-inline-budget=30 -S %s \
; RUN:   | FileCheck %s --check-prefix=BUDGET
; No budget: nothing is inline.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-instrument-func-entry-exit=false \
; RUN:   -weft-inline-budget=0 -S %s | FileCheck %s --check-prefix=NONE
; NONE-NOT: call void @__weft_{{.*}}_slow(

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define i64 @large(
; The access before the loop calls the runtime ...
; CHECK:       call preserve_mostcc void @__weft_read8(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT:  %first = load i64, ptr %p, align 8
; ... the one in the loop is inline ...
; CHECK:       loop:
; CHECK:       call ptr @llvm.threadlocal.address.p0(ptr @__weft_inline_thread)
; CHECK:       call void @__weft_write8_slow(ptr %q, ptr @weft.site{{[.0-9]*}})
; CHECK:       store i64 %i, ptr %q, align 8
; ... and the one after it calls the runtime again.
; CHECK:       call preserve_mostcc void @__weft_read8(ptr %q, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT:  %last = load i64, ptr %q, align 8
; DEFAULT-LABEL: define i64 @large(
; DEFAULT-NOT:   call preserve_mostcc void @__weft_read8(
; DEFAULT:       call void @__weft_read8_slow(ptr %p, ptr @weft.site{{[.0-9]*}})
; DEFAULT:       call void @__weft_write8_slow(ptr %q, ptr @weft.site{{[.0-9]*}})
; DEFAULT:       call void @__weft_read8_slow(ptr %q, ptr @weft.site{{[.0-9]*}})
define i64 @large(ptr %p, ptr %q, i64 %n) {
entry:
  %first = load i64, ptr %p, align 8
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  store i64 %i, ptr %q, align 8
  call void @tick()
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, %n
  br i1 %done, label %exit, label %loop
exit:
  %last = load i64, ptr %q, align 8
  %sum = add i64 %first, %last
  ret i64 %sum
}

; LOOPSIZE-LABEL: define i64 @large(
; LOOPSIZE:       loop:
; LOOPSIZE-NEXT:  %i = phi
; LOOPSIZE-NEXT:  call preserve_mostcc void @__weft_write8(ptr %q, ptr @weft.site{{[.0-9]*}})
; LOOPSIZE-NEXT:  store i64 %i, ptr %q, align 8
; BUDGET-LABEL: define i64 @large(
; BUDGET:       loop:
; BUDGET-NEXT:  %i = phi
; BUDGET-NEXT:  call preserve_mostcc void @__weft_write8(ptr %q, ptr @weft.site{{[.0-9]*}})
; BUDGET-NEXT:  store i64 %i, ptr %q, align 8

; (The call keeps the loop's store from being checked once as a range
; before the loop: LoopRangeChecks.cpp.)
declare void @tick()

; CHECK-LABEL: define i64 @small(
; CHECK-NOT:   call preserve_mostcc void @__weft_read8(
; CHECK:       call void @__weft_read8_slow(ptr %p, ptr @weft.site{{[.0-9]*}})
define i64 @small(ptr %p) {
  %v = load i64, ptr %p, align 8
  ret i64 %v
}

; LOOPSIZE-LABEL: define i64 @small(
; LOOPSIZE:       call void @__weft_read8_slow(ptr %p, ptr @weft.site{{[.0-9]*}})
; BUDGET-LABEL: define i64 @small(
; BUDGET:       call void @__weft_read8_slow(ptr %p, ptr @weft.site{{[.0-9]*}})
