; Windows that exist in the program exist in the schedule (issue #12): the
; pass skips the check of a read that a later write of the same bytes
; covers, and of a repeat of an access already checked, but not the
; scheduling point between them.
;  - The covering write's check (and so its scheduling point, by countdown
;    or race-directed) lies after the read and before the store: the
;    read-modify-write's window is in the schedule even with the read's
;    check skipped.
;  - The skipped access keeps a race-directed point: a test of the
;    covering access's site flag, calling __weft_site_point when it is 2
;    (WEFT_SITE_POINT), before the skipped access.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-instrument-func-entry-exit=false -S %s \
; RUN:   | FileCheck %s
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false \
; RUN:   -weft-instrument-func-entry-exit=false -S %s | FileCheck %s --check-prefix=CALLS

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; total = total + 1: the read's check is skipped, its point is not.
; CHECK-LABEL: define void @bump(
; CHECK:       [[F:%.*]] = load i8, ptr [[FLAG:@weft.site[.0-9]*]]
; CHECK-NEXT:  [[P:%.*]] = icmp eq i8 [[F]], 2
; CHECK-NEXT:  br i1 [[P]], label %weft.site.point, label %[[READ:.*]], !prof
; CHECK:       weft.site.point:
; CHECK-NEXT:  call void @__weft_site_point(ptr %p)
; CHECK:       [[READ]]:
; CHECK-NEXT:  %v = load i64, ptr %p
; CHECK-NOT:   call void @__weft_read8
; The write's check, between the load and the store, with the same flag
; (handed to the slow path; the inline check itself does not read it).
; CHECK:       weft.check:
; CHECK-NOT:   load i8, ptr [[FLAG]]
; CHECK:       call void @__weft_write8_slow(ptr %p, ptr [[FLAG]])
; CHECK:       store i64 %w, ptr %p
; Without the inline path the write's call still lies between them, and
; carries its site flag (an out-of-line site is directed as an inline one):
; the skipped read keeps its point, tied to that flag.
; CALLS-LABEL: define void @bump(
; CALLS-NEXT:  [[F:%.*]] = load i8, ptr [[FLAG:@weft.site[.0-9]*]]
; CALLS-NEXT:  [[P:%.*]] = icmp eq i8 [[F]], 2
; CALLS-NEXT:  br i1 [[P]], label %weft.site.point, label %[[READ:.*]], !prof
; CALLS:       weft.site.point:
; CALLS-NEXT:  call void @__weft_site_point(ptr %p)
; CALLS:       [[READ]]:
; CALLS-NEXT:  %v = load i64, ptr %p
; CALLS-NEXT:  %w = add i64 %v, 1
; CALLS-NEXT:  call preserve_mostcc void @__weft_write8(ptr %p, ptr [[FLAG]])
; CALLS-NEXT:  store i64 %w, ptr %p
define void @bump(ptr %p) {
  %v = load i64, ptr %p, align 8
  %w = add i64 %v, 1
  store i64 %w, ptr %p, align 8
  ret void
}

; A double fetch: the second read's check is skipped (the first covers it);
; between the two a race-directed point remains, tied to the first's flag.
; CHECK-LABEL: define i64 @fetch_twice(
; CHECK:       call void @__weft_read8_slow(ptr %p, ptr [[FIRST:@weft.site[.0-9]*]])
; CHECK:       %a = load i64, ptr %p
; CHECK:       store i64 %a, ptr %q
; CHECK-NEXT:  [[F2:%.*]] = load i8, ptr [[FIRST]]
; CHECK-NEXT:  [[P2:%.*]] = icmp eq i8 [[F2]], 2
; CHECK-NEXT:  br i1 [[P2]], label %weft.site.point{{[0-9]*}}, label %[[SECOND:.*]], !prof
; CHECK:       call void @__weft_site_point(ptr %p)
; CHECK:       [[SECOND]]:
; CHECK-NEXT:  %b = load i64, ptr %p
; Out of line alike: the second read's point tests the first read's flag.
; CALLS-LABEL: define i64 @fetch_twice(
; CALLS:       call preserve_mostcc void @__weft_read8(ptr %p, ptr [[FIRST:@weft.site[.0-9]*]])
; CALLS-NEXT:  %a = load i64, ptr %p
; CALLS:       store i64 %a, ptr %q
; CALLS-NEXT:  [[F2:%.*]] = load i8, ptr [[FIRST]]
; CALLS-NEXT:  [[P2:%.*]] = icmp eq i8 [[F2]], 2
; CALLS-NEXT:  br i1 [[P2]], label %weft.site.point, label %[[SECOND:.*]], !prof
; CALLS:       call void @__weft_site_point(ptr %p)
; CALLS:       [[SECOND]]:
; CALLS-NEXT:  %b = load i64, ptr %p
define i64 @fetch_twice(ptr %p, ptr noalias %q) {
  %a = load i64, ptr %p, align 8
  store i64 %a, ptr %q, align 8
  %b = load i64, ptr %p, align 8
  %s = add i64 %a, %b
  ret i64 %s
}
