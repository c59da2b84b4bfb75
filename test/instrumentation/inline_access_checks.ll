; An aligned plain access of 1, 2, 4 or 8 bytes gets the runtime's fast
; path inline (InlineFastPaths.cpp, weft/shadow_layout.h): the running
; thread, its countdown decremented, the shadow region, the granule's first
; slot compared with the access; everything else calls the access's slow
; entry point (__weft_read8_slow, ...). Under-aligned accesses and other
; sizes keep their plain entry points. The other IR tests switch this off
; (-weft-inline-fast-paths=false) to show what is instrumented as calls.
; (Function entry and exit, inlined as well, are inline_func_entry_exit.ll's
; subject; here they are left out.)
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-instrument-func-entry-exit=false -S %s \
; RUN:   | FileCheck %s
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s \
; RUN:   | FileCheck %s --check-prefix=OFF

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK: @__weft_inline_thread = external thread_local(initialexec) global ptr
; CHECK: @__weft_shadow_regions = external global [16777216 x ptr]
; Each inline-checked access has a site flag of its own (WEFT_SITE_*):
; zero until the runtime first sees the site.
; CHECK: @weft.site{{[.0-9]*}} = private global i8 0
; OFF-NOT: @__weft_inline_thread
; OFF-NOT: @__weft_shadow_regions

; CHECK-LABEL: define i64 @read8(
; CHECK:      [[THRP:%.*]] = call ptr @llvm.threadlocal.address.p0(ptr @__weft_inline_thread), !dbg [[LOC:![0-9]+]]
; CHECK-NEXT: [[THR:%.*]] = load ptr, ptr [[THRP]], align 8, !dbg [[LOC]]
; The pointer is never null (a thread weft does not schedule has a dormant
; stand-in whose slow paths return): no test.
; CHECK-NOT:  icmp eq ptr [[THR]], null
; CHECK-NEXT: br label %weft.check, !dbg [[LOC]]
; CHECK:      weft.check:
; The countdown (offset 0) is decremented for every access, as the entry
; points do, so scheduling points fall where they fell without inlining.
; CHECK-NEXT: [[CDP:%.*]] = getelementptr inbounds i8, ptr [[THR]], i64 0
; CHECK-NEXT: [[CD:%.*]] = load i32, ptr [[CDP]]
; CHECK-NEXT: [[LEFT:%.*]] = sub i32 [[CD]], 1
; CHECK-NEXT: store i32 [[LEFT]], ptr [[CDP]]
; The shadow region of the address's 32 MiB.
; CHECK-NEXT: [[A:%.*]] = ptrtoint ptr %p to i64
; CHECK-NEXT: [[HI:%.*]] = lshr i64 [[A]], 25
; CHECK-NEXT: [[RI:%.*]] = and i64 [[HI]], 16777215
; CHECK-NEXT: [[RP:%.*]] = getelementptr inbounds ptr, ptr @__weft_shadow_regions, i64 [[RI]]
; CHECK-NEXT: [[REGION:%.*]] = load ptr, ptr [[RP]]
; CHECK-NEXT: [[DUE:%.*]] = icmp eq i32 [[LEFT]], 0
; The site flag is not read on the fast path: a run with race-directed
; points keeps the countdown at 1, so every access reaches the slow path,
; which resolves an unseen site and makes a point at a racy one.
; CHECK-NOT:  load i8, ptr @weft.site
; CHECK-NEXT: [[NOREGION:%.*]] = icmp eq ptr [[REGION]], null
; CHECK-NEXT: [[BAD:%.*]] = or i1 [[DUE]], [[NOREGION]]
; CHECK-NEXT: br i1 [[BAD]], label %weft.slow, label %weft.probe, !dbg [[LOC]], !prof [[UNLIKELY:![0-9]+]]
; CHECK:      weft.probe:
; The granule's 16 bytes of shadow, its first slot, the thread's slot base
; (offset 64) with the whole byte mask of a read of 8 bytes.
; CHECK-NEXT: [[GI:%.*]] = lshr i64 [[A]], 3
; CHECK-NEXT: [[GM:%.*]] = and i64 [[GI]], 4194303
; CHECK-NEXT: [[GOFF:%.*]] = mul i64 [[GM]], 16
; CHECK-NEXT: [[G:%.*]] = getelementptr inbounds i8, ptr [[REGION]], i64 [[GOFF]]
; CHECK-NEXT: [[SLOT:%.*]] = load i64, ptr [[G]]
; CHECK-NEXT: [[BP:%.*]] = getelementptr inbounds i8, ptr [[THR]], i64 64
; CHECK-NEXT: [[BASE:%.*]] = load i64, ptr [[BP]]
; CHECK-NEXT: [[CUR:%.*]] = or i64 [[BASE]], 4593671619917905920
; CHECK-NEXT: [[DIFF:%.*]] = xor i64 [[SLOT]], [[CUR]]
; 0xbfffffffffffffff: every bit but the write bit must match.
; CHECK-NEXT: [[MISMATCH:%.*]] = and i64 [[DIFF]], -4611686018427387905
; CHECK-NEXT: [[MISS:%.*]] = icmp ne i64 [[MISMATCH]], 0
; CHECK-NEXT: br i1 [[MISS]], label %weft.slow, label %[[CONT:[^,]*]], !dbg [[LOC]], !prof [[UNLIKELY]]
; CHECK:      weft.slow:
; CHECK-NEXT: call void @__weft_read8_slow(ptr %p, ptr @weft.site{{[.0-9]*}}), !dbg [[LOC]]
; CHECK-NEXT: br label %[[CONT]]
; CHECK:      [[CONT]]:
; CHECK-NEXT: %v = load i64, ptr %p, align 8, !dbg [[LOC]]
; OFF-LABEL:  define i64 @read8(
; OFF:        call preserve_mostcc void @__weft_read8(ptr %p, ptr @weft.site{{[.0-9]*}})
; OFF-NEXT:   %v = load i64, ptr %p, align 8
define i64 @read8(ptr %p) !dbg !5 {
  %v = load i64, ptr %p, align 8, !dbg !8
  ret i64 %v
}

; A write of 8 bytes: every bit of the slot must match.
; CHECK-LABEL: define void @write8(
; CHECK:      [[CUR:%.*]] = or i64 {{%.*}}, 9205357638345293824
; CHECK-NEXT: [[DIFF:%.*]] = xor i64 {{%.*}}, [[CUR]]
; CHECK-NEXT: [[MISMATCH:%.*]] = and i64 [[DIFF]], -1
; CHECK:      call void @__weft_write8_slow(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK:      store i64 1, ptr %p
define void @write8(ptr %p) {
  store i64 1, ptr %p, align 8
  ret void
}

; Narrower aligned accesses: the byte mask moves with the address's offset
; in its granule, and only the mask's bits of the slot must be set.
; CHECK-LABEL: define void @write2(
; CHECK:      [[A:%.*]] = ptrtoint ptr %p to i64
; CHECK:      [[BYTE:%.*]] = and i64 [[A]], 7
; CHECK-NEXT: [[MASK:%.*]] = shl i64 3, [[BYTE]]
; CHECK-NEXT: [[BITS:%.*]] = shl i64 [[MASK]], 54
; A misaligned address the IR calls aligned (undefined behaviour) must not
; spill the mask past its 8 bits.
; CHECK-NEXT: [[INMASK:%.*]] = and i64 [[BITS]], 4593671619917905920
; CHECK-NEXT: [[WBITS:%.*]] = or i64 [[INMASK]], 4611686018427387904
; CHECK-NEXT: [[CUR:%.*]] = or i64 {{%.*}}, [[WBITS]]
; CHECK-NEXT: [[MUST:%.*]] = or i64 [[WBITS]], -9205357638345293825
; CHECK-NEXT: [[DIFF:%.*]] = xor i64 {{%.*}}, [[CUR]]
; CHECK-NEXT: and i64 [[DIFF]], [[MUST]]
; CHECK:      call void @__weft_write2_slow(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK:      store i16 1, ptr %p
define void @write2(ptr %p) {
  store i16 1, ptr %p, align 2
  ret void
}

; CHECK-LABEL: define i8 @read1(
; CHECK:      shl i64 1, {{%.*}}
; CHECK:      call void @__weft_read1_slow(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-LABEL: define i32 @read4(
; CHECK:      shl i64 15, {{%.*}}
; CHECK:      call void @__weft_read4_slow(ptr %p, ptr @weft.site{{[.0-9]*}})
define i8 @read1(ptr %p) {
  %v = load i8, ptr %p, align 1
  ret i8 %v
}
define i32 @read4(ptr %p) {
  %v = load i32, ptr %p, align 4
  ret i32 %v
}

; An access that may straddle two granules, and a 16-byte one, keep the
; entry points that handle them.
; CHECK-LABEL: define i32 @underaligned(
; CHECK-NOT:  @__weft_inline_thread
; CHECK:      call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}})
; CHECK-NEXT: %v = load i32, ptr %p, align 2
; CHECK-LABEL: define void @wide(
; CHECK-NOT:  @__weft_inline_thread
; CHECK:      call void @__weft_write16(ptr %p)
define i32 @underaligned(ptr %p) {
  %v = load i32, ptr %p, align 2
  ret i32 %v
}
define void @wide(ptr %p) {
  store <2 x i64> zeroinitializer, ptr %p, align 16
  ret void
}

; Splitting the entry block keeps its static allocas in it, even those
; after the access: elsewhere codegen would take them for dynamic ones.
; CHECK-LABEL: define i64 @alloca_after_access(
; CHECK-NEXT:  %buf = alloca [16 x i64], align 16
; CHECK-NEXT:  call ptr @llvm.threadlocal.address.p0(ptr @__weft_inline_thread)
; CHECK:       %v = load i64, ptr %p, align 8
; CHECK-NEXT:  call void @use(ptr %buf)
declare void @use(ptr)
define i64 @alloca_after_access(ptr %p) {
  %v = load i64, ptr %p, align 8
  %buf = alloca [16 x i64], align 16
  call void @use(ptr %buf)
  ret i64 %v
}

; Between two accesses of one block with no call between (runtime calls
; and intrinsics aside), the running thread cannot change: the second check
; tests the pointer the first one loaded. After a call it is loaded again.
; CHECK-LABEL: define i64 @two_then_call(
; CHECK:       [[T1:%.*]] = load ptr, ptr {{%.*}}, align 8
; CHECK:       %a = load i64, ptr %p, align 8
; CHECK-NOT:   @llvm.threadlocal.address
; CHECK:       getelementptr inbounds i8, ptr [[T1]], i64 0
; CHECK:       %b = load i64, ptr %q, align 8
; CHECK-NEXT:  call void @use(ptr %p)
; CHECK-NEXT:  call ptr @llvm.threadlocal.address.p0(ptr @__weft_inline_thread)
; CHECK:       %c = load i64, ptr %q, align 8
define i64 @two_then_call(ptr %p, ptr %q) {
  %a = load i64, ptr %p, align 8
  %b = load i64, ptr %q, align 8
  call void @use(ptr %p)
  %c = load i64, ptr %q, align 8
  %s = add i64 %a, %b
  %t = add i64 %s, %c
  ret i64 %t
}

; CHECK: [[UNLIKELY]] = !{!"branch_weights", i32 1, i32 1048576}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "inline.c", directory: "/tmp")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "read8", scope: !1, file: !1, line: 3, type: !6, scopeLine: 3, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{}
!8 = !DILocation(line: 4, column: 10, scope: !5)
