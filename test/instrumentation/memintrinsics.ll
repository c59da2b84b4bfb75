; memcpy/memmove (and their .inline forms) read the whole source and write the
; whole destination; memset writes the destination. Lengths are i64.
;  - An intrinsic the backend may expand inline (a constant length of at most
;    64 bytes, the .inline forms), a volatile one, or one touching another
;    address space stays, and the runtime sees its ranges just before it.
;  - One the backend would lower to a call of libc's function (a length
;    known only at run time, or a longer constant) becomes a call of
;    __weft_memcpy/__weft_memmove/__weft_memset, which checks the ranges and
;    does the work: left alone, the libc call would reach weft's interceptor
;    and have its bytes checked a second time.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@table = constant [512 x i8] zeroinitializer

; CHECK-LABEL: define void @transfers(
define void @transfers(ptr %d, ptr %s, i64 %n) {
; CHECK:      call void @__weft_memcpy(ptr %d, ptr %s, i64 %n)
; CHECK-NOT:  @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
; CHECK-NEXT: call void @__weft_memmove(ptr %d, ptr %s, i64 %n)
  call void @llvm.memmove.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
; CHECK-NEXT: call void @__weft_read_range(ptr %s, i64 24)
; CHECK-NEXT: call void @__weft_write_range(ptr %d, i64 24)
; CHECK-NEXT: call void @llvm.memmove.p0.p0.i64(ptr %d, ptr %s, i64 24, i1 false)
  call void @llvm.memmove.p0.p0.i64(ptr %d, ptr %s, i64 24, i1 false)
; CHECK-NEXT: call void @__weft_read_range(ptr %s, i64 64)
; CHECK-NEXT: call void @__weft_write_range(ptr %d, i64 64)
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 64, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 64, i1 false)
; CHECK-NEXT: call void @__weft_memcpy(ptr %d, ptr %s, i64 65)
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 65, i1 false)
; CHECK-NEXT: call void @__weft_read_range(ptr %s, i64 4096)
; CHECK-NEXT: call void @__weft_write_range(ptr %d, i64 4096)
; CHECK-NEXT: call void @llvm.memcpy.inline.p0.p0.i64(ptr %d, ptr %s, i64 4096, i1 false)
  call void @llvm.memcpy.inline.p0.p0.i64(ptr %d, ptr %s, i64 4096, i1 false)
; CHECK-NEXT: call void @__weft_read_range(ptr %s, i64 %n)
; CHECK-NEXT: call void @__weft_write_range(ptr %d, i64 %n)
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 true)
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 true)
  ret void
}

; CHECK-LABEL: define void @sets(
define void @sets(ptr %d, i64 %n, i8 %byte) {
; CHECK:      [[BYTE:%.*]] = zext i8 %byte to i32
; CHECK-NEXT: call void @__weft_memset(ptr %d, i32 [[BYTE]], i64 %n)
  call void @llvm.memset.p0.i64(ptr %d, i8 %byte, i64 %n, i1 false)
; CHECK-NEXT: call void @__weft_memset(ptr %d, i32 255, i64 1000)
  call void @llvm.memset.p0.i64(ptr %d, i8 -1, i64 1000, i1 false)
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
; CHECK-NEXT: call void @__weft_memcpy(ptr %d, ptr %s, i64 [[N]])
; CHECK-NEXT: [[M:%.*]] = zext i32 %n to i64
; CHECK-NEXT: call void @__weft_read_range(ptr %s, i64 [[M]])
; CHECK-NEXT: call void @__weft_write_range(ptr %d, i64 [[M]])
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i32(ptr %d, ptr %s, i32 %n, i1 true)
  call void @llvm.memcpy.p0.p0.i32(ptr %d, ptr %s, i32 %n, i1 false)
  call void @llvm.memcpy.p0.p0.i32(ptr %d, ptr %s, i32 %n, i1 true)
  ret void
}

; A side that cannot race is still checked by __weft_memcpy (it checks both,
; as weft's memcpy interceptor would); with neither side able to race, the
; intrinsic is left alone.
; CHECK-LABEL: define void @skipped_sides(
define void @skipped_sides(ptr %d, i64 %n) {
  %local = alloca [512 x i8]
; CHECK:      call void @__weft_memcpy(ptr %d, ptr @table, i64 %n)
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr @table, i64 %n, i1 false)
; CHECK-NEXT: call void @__weft_memcpy(ptr %local, ptr %d, i64 %n)
  call void @llvm.memcpy.p0.p0.i64(ptr %local, ptr %d, i64 %n, i1 false)
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr %local, ptr @table, i64 %n, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr %local, ptr @table, i64 %n, i1 false)
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr %local, i8 0, i64 %n, i1 false)
  call void @llvm.memset.p0.i64(ptr %local, i8 0, i64 %n, i1 false)
  ret void
}

; The runtime's functions take plain pointers: a copy from or to another
; address space keeps its intrinsic, and only its address-space-0 side is
; checked (address_space.ll says why the other is not).
; CHECK-LABEL: define void @other_address_space(
define void @other_address_space(ptr %d, ptr addrspace(256) %gs, i64 %n) {
; CHECK-NOT:  @__weft_memcpy
; CHECK:      call void @__weft_write_range(ptr %d, i64 %n)
; CHECK-NEXT: call void @llvm.memcpy.p0.p256.i64(ptr %d, ptr addrspace(256) %gs, i64 %n, i1 false)
  call void @llvm.memcpy.p0.p256.i64(ptr %d, ptr addrspace(256) %gs, i64 %n, i1 false)
; CHECK-NEXT: call void @__weft_read_range(ptr %d, i64 %n)
; CHECK-NEXT: call void @llvm.memcpy.p256.p0.i64(ptr addrspace(256) %gs, ptr %d, i64 %n, i1 false)
  call void @llvm.memcpy.p256.p0.i64(ptr addrspace(256) %gs, ptr %d, i64 %n, i1 false)
; CHECK-NEXT: call void @llvm.memset.p256.i64(ptr addrspace(256) %gs, i8 0, i64 %n, i1 false)
  call void @llvm.memset.p256.i64(ptr addrspace(256) %gs, i8 0, i64 %n, i1 false)
  ret void
}

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memcpy.p0.p256.i64(ptr, ptr addrspace(256), i64, i1)
declare void @llvm.memcpy.p256.p0.i64(ptr addrspace(256), ptr, i64, i1)
declare void @llvm.memset.p256.i64(ptr addrspace(256), i8, i64, i1)
declare void @llvm.memcpy.p0.p0.i32(ptr, ptr, i32, i1)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memcpy.inline.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
declare void @llvm.memset.inline.p0.i64(ptr, i8, i64, i1)
