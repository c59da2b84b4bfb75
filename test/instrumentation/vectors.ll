; Vector loads and stores are reported by their store size like any other
; access; sizes without a fixed entry point become ranges, and scalable vectors
; become ranges whose size is computed from vscale at run time.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -weft-elide-redundant=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK-LABEL: define void @fixed(
define void @fixed(ptr %p) {
; CHECK:      call void @__weft_read16(ptr %p)
; CHECK-NEXT: load <4 x i32>, ptr %p
  %a = load <4 x i32>, ptr %p
; CHECK-NEXT: call void @__weft_write_range(ptr %p, i64 32)
; CHECK-NEXT: store <8 x i32> zeroinitializer, ptr %p
  store <8 x i32> zeroinitializer, ptr %p
; CHECK-NEXT: call preserve_mostcc void @__weft_read8(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: load <2 x float>, ptr %p
  %b = load <2 x float>, ptr %p
; CHECK-NEXT: call void @__weft_read_range(ptr %p, i64 12)
; CHECK-NEXT: load <3 x i32>, ptr %p
  %c = load <3 x i32>, ptr %p
; CHECK-NEXT: call void @__weft_write_range(ptr %p, i64 64)
; CHECK-NEXT: store <16 x i32> zeroinitializer, ptr %p
  store <16 x i32> zeroinitializer, ptr %p
  ret void
}

; CHECK-LABEL: define void @scalable(
define void @scalable(ptr %p) {
; CHECK:      [[VSCALE:%.*]] = call i64 @llvm.vscale.i64()
; CHECK-NEXT: [[BYTES:%.*]] = {{mul|shl}} i64 [[VSCALE]], {{16|4}}
; CHECK-NEXT: call void @__weft_read_range(ptr %p, i64 [[BYTES]])
; CHECK-NEXT: load <vscale x 4 x i32>, ptr %p
  %a = load <vscale x 4 x i32>, ptr %p
  ret void
}
