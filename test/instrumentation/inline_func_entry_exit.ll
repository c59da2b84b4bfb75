; Function entry and exit are inlined too (InlineFastPaths.cpp, layout in
; weft/shadow_layout.h): the entry stores the caller's return pc at the
; thread's depth (frames past 65536 share the spare slot), raises the depth
; and stores the pc again, with compiler barriers between, as
; ShadowStack::push; an exit lowers the depth, or calls __weft_func_exit
; when that reaches the stack's low mark. Unwinding exits (cleanup pads)
; get the same exit. Static allocas stay in the entry block.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s | FileCheck %s
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s \
; RUN:   | FileCheck %s --check-prefix=OFF

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare void @may_throw(ptr)

; CHECK-LABEL: define void @calls(
; CHECK-NEXT:  [[RA:%.*]] = call ptr @llvm.returnaddress(i32 0)
; CHECK-NEXT:  %buf = alloca [4 x i64]
; CHECK-NEXT:  [[THRP:%.*]] = call ptr @llvm.threadlocal.address.p0(ptr @__weft_inline_thread)
; CHECK-NEXT:  [[THR:%.*]] = load ptr, ptr [[THRP]]
; Never null (a dormant stand-in when weft does not schedule the thread).
; CHECK-NEXT:  br label %weft.push
; CHECK:       weft.push:
; CHECK-NEXT:  [[PCSP:%.*]] = getelementptr inbounds i8, ptr [[THR]], i64 104
; CHECK-NEXT:  [[PCS:%.*]] = load ptr, ptr [[PCSP]]
; CHECK-NEXT:  [[DEPTHP:%.*]] = getelementptr inbounds i8, ptr [[THR]], i64 112
; CHECK-NEXT:  [[DEPTH:%.*]] = load i32, ptr [[DEPTHP]]
; CHECK-NEXT:  [[INSIDE:%.*]] = icmp ult i32 [[DEPTH]], 65536
; CHECK-NEXT:  [[IDX:%.*]] = select i1 [[INSIDE]], i32 [[DEPTH]], i32 65536
; CHECK-NEXT:  [[IDX64:%.*]] = zext i32 [[IDX]] to i64
; CHECK-NEXT:  [[SLOT:%.*]] = getelementptr inbounds i64, ptr [[PCS]], i64 [[IDX64]]
; CHECK-NEXT:  [[PC:%.*]] = ptrtoint ptr [[RA]] to i64
; CHECK-NEXT:  store i64 [[PC]], ptr [[SLOT]]
; CHECK-NEXT:  fence syncscope("singlethread") seq_cst
; CHECK-NEXT:  [[UP:%.*]] = add i32 [[DEPTH]], 1
; CHECK-NEXT:  store i32 [[UP]], ptr [[DEPTHP]]
; CHECK-NEXT:  fence syncscope("singlethread") seq_cst
; CHECK-NEXT:  store i64 [[PC]], ptr [[SLOT]]
; CHECK-NEXT:  br label %[[BODY:.*]]
; CHECK:       [[BODY]]:
; CHECK-NEXT:  invoke void @may_throw(ptr %buf)
; CHECK-NEXT:  to label %[[RET:.*]] unwind label %weft_cleanup
; The return's exit.
; CHECK:       [[RET]]:
; CHECK-NEXT:  [[THRP2:%.*]] = call ptr @llvm.threadlocal.address.p0(ptr @__weft_inline_thread)
; CHECK-NEXT:  [[THR2:%.*]] = load ptr, ptr [[THRP2]]
; CHECK-NEXT:  br label %weft.pop
; CHECK:       weft.pop:
; CHECK-NEXT:  [[DEPTHP2:%.*]] = getelementptr inbounds i8, ptr [[THR2]], i64 112
; CHECK-NEXT:  [[DEPTH2:%.*]] = load i32, ptr [[DEPTHP2]]
; CHECK-NEXT:  [[LOWP:%.*]] = getelementptr inbounds i8, ptr [[THR2]], i64 116
; CHECK-NEXT:  [[LOW:%.*]] = load i32, ptr [[LOWP]]
; CHECK-NEXT:  [[ATLOW:%.*]] = icmp uge i32 [[LOW]], [[DEPTH2]]
; CHECK-NEXT:  br i1 [[ATLOW]], label %weft.pop.slow, label %weft.lower, !prof [[UNLIKELY:![0-9]+]]
; CHECK:       weft.lower:
; CHECK-NEXT:  [[DOWN:%.*]] = sub i32 [[DEPTH2]], 1
; CHECK-NEXT:  store i32 [[DOWN]], ptr [[DEPTHP2]]
; CHECK-NEXT:  br label %[[OUT:.*]]
; CHECK:       weft.pop.slow:
; CHECK-NEXT:  call preserve_mostcc void @__weft_func_exit()
; CHECK-NEXT:  br label %[[OUT]]
; CHECK:       [[OUT]]:
; CHECK-NEXT:  ret void
; The unwinding exit: the same, before the resume.
; CHECK:       weft_cleanup:
; CHECK-NEXT:  landingpad
; CHECK-NEXT:  cleanup
; CHECK-NEXT:  call ptr @llvm.threadlocal.address.p0(ptr @__weft_inline_thread)
; CHECK:       call preserve_mostcc void @__weft_func_exit()
; CHECK:       resume
; OFF-LABEL:   define void @calls(
; OFF:         call preserve_mostcc void @__weft_func_entry(ptr
; OFF:         call preserve_mostcc void @__weft_func_exit()
; OFF-NEXT:    ret void
; OFF:         call preserve_mostcc void @__weft_func_exit()
; OFF-NEXT:    resume
define void @calls() {
  %buf = alloca [4 x i64]
  call void @may_throw(ptr %buf)
  ret void
}

; CHECK: [[UNLIKELY]] = !{!"branch_weights", i32 1, i32 1048576}
