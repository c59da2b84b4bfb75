; memcpy/memmove (and their .inline forms) read the whole source and write the
; whole destination; memset writes the destination. The runtime sees the
; ranges just before the intrinsic, which stays in place. Lengths are i64.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @transfers(
define void @transfers(ptr %d, ptr %s, i64 %n) {
; CHECK:      call void @__weft_read_range(ptr %s, i64 %n)
; CHECK-NEXT: call void @__weft_write_range(ptr %d, i64 %n)
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
; CHECK-NEXT: call void @__weft_read_range(ptr %s, i64 24)
; CHECK-NEXT: call void @__weft_write_range(ptr %d, i64 24)
; CHECK-NEXT: call void @llvm.memmove.p0.p0.i64(ptr %d, ptr %s, i64 24, i1 false)
  call void @llvm.memmove.p0.p0.i64(ptr %d, ptr %s, i64 24, i1 false)
; CHECK-NEXT: call void @__weft_read_range(ptr %s, i64 16)
; CHECK-NEXT: call void @__weft_write_range(ptr %d, i64 16)
; CHECK-NEXT: call void @llvm.memcpy.inline.p0.p0.i64(ptr %d, ptr %s, i64 16, i1 false)
  call void @llvm.memcpy.inline.p0.p0.i64(ptr %d, ptr %s, i64 16, i1 false)
  ret void
}

; CHECK-LABEL: define void @sets(
define void @sets(ptr %d, i64 %n) {
; CHECK:      call void @__weft_write_range(ptr %d, i64 %n)
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr %d, i8 0, i64 %n, i1 false)
  call void @llvm.memset.p0.i64(ptr %d, i8 0, i64 %n, i1 false)
; CHECK-NEXT: call void @__weft_write_range(ptr %d, i64 8)
; CHECK-NEXT: call void @llvm.memset.inline.p0.i64(ptr %d, i8 7, i64 8, i1 false)
  call void @llvm.memset.inline.p0.i64(ptr %d, i8 7, i64 8, i1 false)
; CHECK-NOT:  call void @__weft_read_range
  ret void
}

; A 32-bit length is zero-extended to the ABI's 64-bit size.
; CHECK-LABEL: define void @narrow_length(
define void @narrow_length(ptr %d, ptr %s, i32 %n) {
; CHECK:      [[N:%.*]] = zext i32 %n to i64
; CHECK-NEXT: call void @__weft_read_range(ptr %s, i64 [[N]])
; CHECK-NEXT: call void @__weft_write_range(ptr %d, i64 [[N]])
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i32(ptr %d, ptr %s, i32 %n, i1 false)
  call void @llvm.memcpy.p0.p0.i32(ptr %d, ptr %s, i32 %n, i1 false)
  ret void
}

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memcpy.p0.p0.i32(ptr, ptr, i32, i1)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memcpy.inline.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
declare void @llvm.memset.inline.p0.i64(ptr, i8, i64, i1)
