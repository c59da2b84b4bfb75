; Loop range checks (instrumentation/LoopRangeChecks.h): an access made on
; every iteration of a loop that cannot synchronize and whose trip count is
; known on entry, at addresses that step through memory without gaps, is
; checked once as a range in the preheader. Anything else stays per access.
; The end-to-end tests test/e2e/loop_range_*_race.c show the races such a
; check must still see. (IR from clang-19 -O2 -fno-unroll-loops -fno-vectorize.)
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s | FileCheck %s
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -weft-hoist-loop-checks=false -S %s | FileCheck %s --check-prefix=OFF
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; Function Attrs: nofree norecurse nosync nounwind memory(argmem: write) uwtable

; A sweep a[0..n): one write check of 4*n bytes in the preheader, none in the loop.
; CHECK-LABEL: define {{.*}} @sweep(
; CHECK:       .preheader:
; CHECK-NEXT:    [[LEN:%.*]] = shl i64 %1, 2
; CHECK-NEXT:    call void @__weft_write_range(ptr %0, i64 [[LEN]])
; CHECK-NOT:     {{__weft_(read|write)[0-9]}}
; CHECK:         store i32 0
; CHECK-NOT:     call void @__weft_write
; OFF-LABEL:   define {{.*}} @sweep(
; OFF:           call preserve_mostcc void @__weft_write4(
; OFF-NOT:       __weft_write_range
; OFF-LABEL:   define {{.*}} @sweep_down(
define dso_local void @sweep(ptr nocapture noundef writeonly %0, i64 noundef %1) local_unnamed_addr {
  %3 = icmp sgt i64 %1, 0
  br i1 %3, label %5, label %4

4:                                                ; preds = %5, %2
  ret void

5:                                                ; preds = %2, %5
  %6 = phi i64 [ %8, %5 ], [ 0, %2 ]
  %7 = getelementptr inbounds i32, ptr %0, i64 %6
  store i32 0, ptr %7, align 4
  %8 = add nuw nsw i64 %6, 1
  %9 = icmp eq i64 %8, %1
  br i1 %9, label %4, label %5
}

; Function Attrs: nofree norecurse nosync nounwind memory(argmem: readwrite) uwtable

; Backwards: the range starts at the last element the loop reaches (a[0]).
; CHECK-LABEL: define {{.*}} @sweep_down(
; CHECK:       .preheader:
; CHECK-NEXT:    [[LEN:%.*]] = shl i64 %1, 2
; CHECK-NEXT:    call void @__weft_write_range(ptr %0, i64 [[LEN]])
; CHECK-NOT:     {{__weft_(read|write)[0-9]}}
define dso_local void @sweep_down(ptr nocapture noundef %0, i64 noundef %1) local_unnamed_addr {
  %3 = icmp sgt i64 %1, 0
  br i1 %3, label %5, label %4

4:                                                ; preds = %5, %2
  ret void

5:                                                ; preds = %2, %5
  %6 = phi i64 [ %7, %5 ], [ %1, %2 ]
  %7 = add nsw i64 %6, -1
  %8 = getelementptr inbounds i32, ptr %0, i64 %7
  %9 = load i32, ptr %8, align 4
  %10 = add nsw i32 %9, 1
  store i32 %10, ptr %8, align 4
  %11 = icmp ugt i64 %6, 1
  br i1 %11, label %5, label %4
}

; Function Attrs: nofree norecurse nosync nounwind memory(argmem: write) uwtable

; Two 4-byte stores per 8-byte step (an unrolled loop) together cover the
; step: one check of 8 * ((n - 1) / 2) + 8 bytes.
; CHECK-LABEL: define {{.*}} @unrolled(
; CHECK:       .preheader:
; CHECK:         [[LEN:%.*]] = add i64 {{%.*}}, 8
; CHECK-NEXT:    call void @__weft_write_range(ptr %0, i64 [[LEN]])
; CHECK-NOT:     call void @__weft_write
define dso_local void @unrolled(ptr nocapture noundef writeonly %0, i64 noundef %1) local_unnamed_addr {
  %3 = icmp sgt i64 %1, 0
  br i1 %3, label %5, label %4

4:                                                ; preds = %5, %2
  ret void

5:                                                ; preds = %2, %5
  %6 = phi i64 [ %10, %5 ], [ 0, %2 ]
  %7 = getelementptr inbounds i32, ptr %0, i64 %6
  store i32 1, ptr %7, align 4
  %8 = or disjoint i64 %6, 1
  %9 = getelementptr inbounds i32, ptr %0, i64 %8
  store i32 2, ptr %9, align 4
  %10 = add nuw nsw i64 %6, 2
  %11 = icmp slt i64 %10, %1
  br i1 %11, label %5, label %4
}

; Function Attrs: nofree norecurse nosync nounwind memory(argmem: write) uwtable

; Rows of a 2-D sweep: the inner loop becomes one check per row; it stays in
; the outer loop because the inner loop only runs when m > 0.
; CHECK-LABEL: define {{.*}} @rows(
; CHECK:         call void @__weft_write_range(ptr %scevgep, i64
; CHECK-NOT:     call void @__weft_write4
define dso_local void @rows(ptr nocapture noundef writeonly %0, i64 noundef %1, i64 noundef %2) local_unnamed_addr {
  %4 = icmp sgt i64 %1, 0
  br i1 %4, label %5, label %12

5:                                                ; preds = %3
  %6 = icmp sgt i64 %2, 0
  br label %7

7:                                                ; preds = %5, %13
  %8 = phi i64 [ 0, %5 ], [ %14, %13 ]
  br i1 %6, label %9, label %13

9:                                                ; preds = %7
  %10 = mul nuw nsw i64 %8, %2
  %11 = getelementptr i32, ptr %0, i64 %10
  br label %16

12:                                               ; preds = %13, %3
  ret void

13:                                               ; preds = %16, %7
  %14 = add nuw nsw i64 %8, 1
  %15 = icmp eq i64 %14, %1
  br i1 %15, label %12, label %7

16:                                               ; preds = %9, %16
  %17 = phi i64 [ 0, %9 ], [ %19, %16 ]
  %18 = getelementptr i32, ptr %11, i64 %17
  store i32 3, ptr %18, align 4
  %19 = add nuw nsw i64 %17, 1
  %20 = icmp eq i64 %19, %2
  br i1 %20, label %13, label %16
}

; Function Attrs: mustprogress nofree norecurse nosync nounwind willreturn memory(argmem: read) uwtable

; Kept per access: a call in the loop may synchronize.
; CHECK-LABEL: define {{.*}} @with_call(
; CHECK-NOT:     __weft_write_range
; CHECK:         call preserve_mostcc void @__weft_write4(
define dso_local void @with_call(ptr nocapture noundef writeonly %0, i64 noundef %1) local_unnamed_addr {
  %3 = icmp sgt i64 %1, 0
  br i1 %3, label %5, label %4

4:                                                ; preds = %5, %2
  ret void

5:                                                ; preds = %2, %5
  %6 = phi i64 [ %8, %5 ], [ 0, %2 ]
  %7 = getelementptr inbounds i32, ptr %0, i64 %6
  store i32 0, ptr %7, align 4
  tail call void @opaque()
  %8 = add nuw nsw i64 %6, 1
  %9 = icmp eq i64 %8, %1
  br i1 %9, label %4, label %5
}

declare void @opaque() local_unnamed_addr

; Hoisted: a call to a nosync function that always returns changes no
; epoch and leaves every iteration's store made.
; CHECK-LABEL: define {{.*}} @with_nosync_call(
; CHECK:         call void @__weft_write_range(ptr %0, i64 %{{.*}})
; CHECK-NOT:     __weft_write4
; CHECK:         ret void
; OFF-LABEL:   define {{.*}} @with_nosync_call(
; OFF:           call preserve_mostcc void @__weft_write4(
define dso_local void @with_nosync_call(ptr nocapture noundef writeonly %0, i64 noundef %1) local_unnamed_addr {
  %3 = icmp sgt i64 %1, 0
  br i1 %3, label %5, label %4

4:                                                ; preds = %5, %2
  ret void

5:                                                ; preds = %2, %5
  %6 = phi i64 [ %8, %5 ], [ 0, %2 ]
  %7 = getelementptr inbounds i32, ptr %0, i64 %6
  store i32 0, ptr %7, align 4
  tail call void @pure_leaf()
  %8 = add nuw nsw i64 %6, 1
  %9 = icmp eq i64 %8, %1
  br i1 %9, label %4, label %5
}

; Kept per access: the nosync callee may not return (exit, longjmp, throw),
; and then the later iterations' bytes were never written.
; CHECK-LABEL: define {{.*}} @with_nosync_call_may_throw(
; CHECK-NOT:     __weft_write_range
; CHECK:         call preserve_mostcc void @__weft_write4(
define dso_local void @with_nosync_call_may_throw(ptr nocapture noundef writeonly %0, i64 noundef %1) local_unnamed_addr {
  %3 = icmp sgt i64 %1, 0
  br i1 %3, label %5, label %4

4:                                                ; preds = %5, %2
  ret void

5:                                                ; preds = %2, %5
  %6 = phi i64 [ %8, %5 ], [ 0, %2 ]
  %7 = getelementptr inbounds i32, ptr %0, i64 %6
  store i32 0, ptr %7, align 4
  tail call void @nosync_may_leave()
  %8 = add nuw nsw i64 %6, 1
  %9 = icmp eq i64 %8, %1
  br i1 %9, label %4, label %5
}

declare void @pure_leaf() local_unnamed_addr #10
declare void @nosync_may_leave() local_unnamed_addr #11

attributes #10 = { nosync nounwind willreturn memory(none) }
attributes #11 = { nosync }

; Function Attrs: nofree norecurse nosync nounwind memory(argmem: read) uwtable

; Kept: the loop may leave before reading all of a[0..n).
; CHECK-LABEL: define {{.*}} @early_exit(
; CHECK-NOT:     __weft_read_range
; CHECK:         call preserve_mostcc void @__weft_read4(
define dso_local i64 @early_exit(ptr nocapture noundef readonly %0, i64 noundef %1, i32 noundef %2) local_unnamed_addr {
  %4 = icmp sgt i64 %1, 0
  br i1 %4, label %5, label %13

5:                                                ; preds = %3, %10
  %6 = phi i64 [ %11, %10 ], [ 0, %3 ]
  %7 = getelementptr inbounds i32, ptr %0, i64 %6
  %8 = load i32, ptr %7, align 4
  %9 = icmp eq i32 %8, %2
  br i1 %9, label %13, label %10

10:                                               ; preds = %5
  %11 = add nuw nsw i64 %6, 1
  %12 = icmp eq i64 %11, %1
  br i1 %12, label %13, label %5

13:                                               ; preds = %10, %5, %3
  %14 = phi i64 [ -1, %3 ], [ %6, %5 ], [ -1, %10 ]
  ret i64 %14
}

; Function Attrs: nofree norecurse nosync nounwind memory(argmem: write) uwtable

; Kept: a[2*i] skips the bytes in between, which a range check would claim.
; CHECK-LABEL: define {{.*}} @strided(
; CHECK-NOT:     __weft_write_range
; CHECK:         call preserve_mostcc void @__weft_write4(
define dso_local void @strided(ptr nocapture noundef writeonly %0, i64 noundef %1) local_unnamed_addr {
  %3 = icmp sgt i64 %1, 0
  br i1 %3, label %5, label %4

4:                                                ; preds = %5, %2
  ret void

5:                                                ; preds = %2, %5
  %6 = phi i64 [ %9, %5 ], [ 0, %2 ]
  %7 = shl nsw i64 %6, 3
  %8 = getelementptr inbounds i8, ptr %0, i64 %7
  store i32 0, ptr %8, align 4
  %9 = add nuw nsw i64 %6, 1
  %10 = icmp eq i64 %9, %1
  br i1 %10, label %4, label %5
}

; Function Attrs: nofree norecurse nosync nounwind memory(argmem: write) uwtable

; Kept: the store does not happen on every iteration.
; CHECK-LABEL: define {{.*}} @conditional(
; CHECK-NOT:     __weft_write_range
; CHECK:         call preserve_mostcc void @__weft_write4(
define dso_local void @conditional(ptr nocapture noundef writeonly %0, i64 noundef %1) local_unnamed_addr {
  %3 = icmp sgt i64 %1, 0
  br i1 %3, label %5, label %4

4:                                                ; preds = %11, %2
  ret void

5:                                                ; preds = %2, %11
  %6 = phi i64 [ %12, %11 ], [ 0, %2 ]
  %7 = and i64 %6, 1
  %8 = icmp eq i64 %7, 0
  br i1 %8, label %11, label %9

9:                                                ; preds = %5
  %10 = getelementptr inbounds i32, ptr %0, i64 %6
  store i32 0, ptr %10, align 4
  br label %11

11:                                               ; preds = %5, %9
  %12 = add nuw nsw i64 %6, 1
  %13 = icmp eq i64 %12, %1
  br i1 %13, label %4, label %5
}

; Function Attrs: nofree norecurse nounwind memory(argmem: readwrite, inaccessiblemem: readwrite) uwtable

; Kept: volatile accesses are checked one by one.
; CHECK-LABEL: define {{.*}} @volatile_sweep(
; CHECK-NOT:     __weft_write_range
; CHECK:         call preserve_mostcc void @__weft_write4(
define dso_local void @volatile_sweep(ptr noundef %0, i64 noundef %1) local_unnamed_addr {
  %3 = icmp sgt i64 %1, 0
  br i1 %3, label %5, label %4

4:                                                ; preds = %5, %2
  ret void

5:                                                ; preds = %2, %5
  %6 = phi i64 [ %8, %5 ], [ 0, %2 ]
  %7 = getelementptr inbounds i32, ptr %0, i64 %6
  store volatile i32 0, ptr %7, align 4
  %8 = add nuw nsw i64 %6, 1
  %9 = icmp eq i64 %8, %1
  br i1 %9, label %4, label %5
}

; Function Attrs: nofree norecurse nounwind memory(argmem: readwrite) uwtable

; Kept: an atomic in the loop synchronizes.
; CHECK-LABEL: define {{.*}} @with_atomic(
; CHECK-NOT:     __weft_write_range
; CHECK:         call preserve_mostcc void @__weft_write4(
define dso_local void @with_atomic(ptr nocapture noundef writeonly %0, i64 noundef %1, ptr nocapture noundef %2) local_unnamed_addr {
  %4 = icmp sgt i64 %1, 0
  br i1 %4, label %6, label %5

5:                                                ; preds = %6, %3
  ret void

6:                                                ; preds = %3, %6
  %7 = phi i64 [ %10, %6 ], [ 0, %3 ]
  %8 = getelementptr inbounds i32, ptr %0, i64 %7
  store i32 0, ptr %8, align 4
  %9 = atomicrmw add ptr %2, i32 1 seq_cst, align 4
  %10 = add nuw nsw i64 %7, 1
  %11 = icmp eq i64 %10, %1
  br i1 %11, label %5, label %6
}

; Function Attrs: nofree norecurse nosync nounwind memory(argmem: read) uwtable

; Kept: the trip count is not known on entry (a search for a zero).
; CHECK-LABEL: define {{.*}} @unknown_trip(
; CHECK-NOT:     __weft_read_range
; CHECK:         call preserve_mostcc void @__weft_read4(
define dso_local i64 @unknown_trip(ptr nocapture noundef readonly %0) local_unnamed_addr {
  br label %2

2:                                                ; preds = %2, %1
  %3 = phi i64 [ 0, %1 ], [ %7, %2 ]
  %4 = getelementptr inbounds i32, ptr %0, i64 %3
  %5 = load i32, ptr %4, align 4
  %6 = icmp eq i32 %5, 0
  %7 = add nuw nsw i64 %3, 1
  br i1 %6, label %8, label %2

8:                                                ; preds = %2
  ret i64 %3
}



