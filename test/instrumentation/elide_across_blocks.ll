; Checks that other checks imply, across blocks and across calls to nosync
; functions (RedundantChecks.cpp): a repeat of an access checked on every
; path into it, a read that every path from it follows with a write of the
; same bytes. A path without the covering access, a call that may
; synchronize, a callee that may throw before the write, and a loop's back
; edge keep the check. Loop range checks are off: a loop here whose only
; call is nosync would otherwise become one range check before it
; (hoist_loop_checks.ll, with_nosync_call), which is not what this tests.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false \
; RUN:   -weft-instrument-func-entry-exit=false -weft-hoist-loop-checks=false -S %s | FileCheck %s
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false \
; RUN:   -weft-instrument-func-entry-exit=false -weft-hoist-loop-checks=false \
; RUN:   -weft-elide-redundant=false -S %s \
; RUN:   | FileCheck %s --check-prefix=OFF

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare i32 @pure(i32) nosync nounwind willreturn memory(none)
declare i32 @pure_may_throw(i32) nosync
declare void @opaque() nounwind

; Both arms check %p; the read after the merge is covered on either path.
; Its race-directed point follows both arms' flags.
; CHECK-LABEL: define i32 @repeat_after_diamond(
; CHECK:       left:
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p, ptr [[L:@weft.site[.0-9]*]])
; CHECK:       right:
; CHECK:       call preserve_mostcc void @__weft_write4(ptr %p, ptr [[R:@weft.site[.0-9]*]])
; CHECK:       join:
; CHECK-DAG:   load i8, ptr [[L]]
; CHECK-DAG:   load i8, ptr [[R]]
; CHECK:       [[DUE:%.*]] = or i1
; CHECK-NEXT:  br i1 [[DUE]], label %weft.site.point, label
; CHECK:       call void @__weft_site_point(ptr %p)
; CHECK-NOT:   @__weft_read4
; CHECK:       ret i32
; OFF-LABEL:   define i32 @repeat_after_diamond(
; OFF:         join:
; OFF:         call preserve_mostcc void @__weft_read4(ptr %p
define i32 @repeat_after_diamond(ptr %p, i1 %c) {
entry:
  br i1 %c, label %left, label %right
left:
  %a = load i32, ptr %p, align 4
  br label %join
right:
  store i32 1, ptr %p, align 4
  br label %join
join:
  %b = load i32, ptr %p, align 4
  ret i32 %b
}

; Only one arm checks %p: the read after the merge keeps its check.
; CHECK-LABEL: define i32 @repeat_on_one_path(
; CHECK:       join:
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p
define i32 @repeat_on_one_path(ptr %p, i1 %c) {
entry:
  br i1 %c, label %left, label %join
left:
  %a = load i32, ptr %p, align 4
  br label %join
join:
  %b = load i32, ptr %p, align 4
  ret i32 %b
}

; A nosync callee cannot start a new epoch: the second read is covered.
; CHECK-LABEL: define i32 @repeat_across_nosync_call(
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p
; CHECK:       call i32 @pure(
; CHECK-NOT:   @__weft_read4
; CHECK:       ret i32
define i32 @repeat_across_nosync_call(ptr %p) {
  %a = load i32, ptr %p, align 4
  %x = call i32 @pure(i32 %a)
  %b = load i32, ptr %p, align 4
  %s = add i32 %x, %b
  ret i32 %s
}

; Any other call may synchronize (an unlock inside): both reads are checked.
; CHECK-LABEL: define i32 @repeat_across_other_call(
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p
; CHECK:       call void @opaque()
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p
define i32 @repeat_across_other_call(ptr %p, i1 %c) {
entry:
  %a = load i32, ptr %p, align 4
  br i1 %c, label %call, label %join
call:
  call void @opaque()
  br label %join
join:
  %b = load i32, ptr %p, align 4
  %s = add i32 %a, %b
  ret i32 %s
}

; Every path from the read writes %p (one through a nosync call): the
; write's check covers the read.
; CHECK-LABEL: define void @read_before_writes_on_all_paths(
; CHECK-NOT:   @__weft_read4
; CHECK:       left:
; CHECK:       call preserve_mostcc void @__weft_write4(ptr %p
; CHECK:       right:
; CHECK:       call preserve_mostcc void @__weft_write4(ptr %p
; OFF-LABEL:   define void @read_before_writes_on_all_paths(
; OFF:         call preserve_mostcc void @__weft_read4(ptr %p
define void @read_before_writes_on_all_paths(ptr %p, i1 %c) {
entry:
  %v = load i32, ptr %p, align 4
  br i1 %c, label %left, label %right
left:
  %w = call i32 @pure(i32 %v)
  store i32 %w, ptr %p, align 4
  ret void
right:
  store i32 0, ptr %p, align 4
  ret void
}

; One path returns without writing: the read keeps its check.
; CHECK-LABEL: define void @read_before_write_on_one_path(
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p
define void @read_before_write_on_one_path(ptr %p, i1 %c) {
entry:
  %v = load i32, ptr %p, align 4
  br i1 %c, label %left, label %done
left:
  store i32 %v, ptr %p, align 4
  br label %done
done:
  ret void
}

; A callee that may throw may leave before the write: the read stays.
; CHECK-LABEL: define void @read_before_write_past_may_throw(
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p
; CHECK:       call i32 @pure_may_throw(
; CHECK:       call preserve_mostcc void @__weft_write4(ptr %p
define void @read_before_write_past_may_throw(ptr %p) {
  %v = load i32, ptr %p, align 4
  %w = call i32 @pure_may_throw(i32 %v)
  store i32 %w, ptr %p, align 4
  ret void
}

; Facts do not cross a back edge: the read in the loop keeps its check
; although the entry read %p (one pass, no fixed point; and a pointer
; computed in a loop names another address each iteration).
; CHECK-LABEL: define i32 @loop_header(
; CHECK:       entry:
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p
; CHECK:       loop:
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p
define i32 @loop_header(ptr %p, i32 %n) {
entry:
  %a = load i32, ptr %p, align 4
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi i32 [ %a, %entry ], [ %s.next, %loop ]
  %b = load i32, ptr %p, align 4
  %x = call i32 @pure(i32 %b)
  %s.next = add i32 %s, %x
  %i.next = add i32 %i, 1
  %more = icmp ult i32 %i.next, %n
  br i1 %more, label %loop, label %exit
exit:
  ret i32 %s.next
}
