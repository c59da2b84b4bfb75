; Every inserted call carries a location, because the runtime symbolizes
; these calls' return addresses into file:line:col:
;  - an access's callbacks: the access's own location;
;  - func_entry (and llvm.returnaddress): the function's scope line;
;  - func_exit: the return's location, or line 0 of the function on the
;    unwinding path that the pass creates;
;  - cmpxchg's after-call: the cmpxchg's location.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare void @may_throw()
declare i32 @__gxx_personality_v0(...)

; CHECK-LABEL: define void @f(
; CHECK-NEXT:  call ptr @llvm.returnaddress(i32 0), !dbg [[ENTRY:![0-9]+]]
; CHECK-NEXT:  call preserve_mostcc void @__weft_func_entry(ptr %{{.*}}), !dbg [[ENTRY]]
; CHECK-NEXT:  call preserve_mostcc void @__weft_write4(ptr %p, ptr @weft.site{{[.0-9]*}}), !dbg [[STORE:![0-9]+]]
; CHECK-NEXT:  store i32 1, ptr %p, align 4, !dbg [[STORE]]
; CHECK-NEXT:  call void @__weft_atomic_cmpxchg_point(ptr %p, i32 4), !dbg [[CAS:![0-9]+]]
; CHECK-NEXT:  cmpxchg {{.*}}, !dbg [[CAS]]
; CHECK-NEXT:  extractvalue {{.*}}, !dbg [[CAS]]
; CHECK-NEXT:  zext {{.*}}, !dbg [[CAS]]
; CHECK-NEXT:  call void @__weft_atomic_cmpxchg({{.*}}), !dbg [[CAS]]
; CHECK-NEXT:  call void @__weft_read_range(ptr %q, i64 8), !dbg [[COPY:![0-9]+]]
; CHECK-NEXT:  call void @__weft_write_range(ptr %p, i64 8), !dbg [[COPY]]
; CHECK-NEXT:  call void @llvm.memcpy{{.*}}, !dbg [[COPY]]
; CHECK-NEXT:  invoke void @may_throw()
; CHECK:       call preserve_mostcc void @__weft_func_exit(), !dbg [[RET:![0-9]+]]
; CHECK-NEXT:  ret void, !dbg [[RET]]
; CHECK:       landingpad
; CHECK-NEXT:  cleanup
; CHECK-NEXT:  call preserve_mostcc void @__weft_func_exit(), !dbg [[LINE0:![0-9]+]]
define void @f(ptr %p, ptr %q) personality ptr @__gxx_personality_v0 !dbg !5 {
  store i32 1, ptr %p, align 4, !dbg !8
  %r = cmpxchg ptr %p, i32 0, i32 1 seq_cst seq_cst, !dbg !9
  call void @llvm.memcpy.p0.p0.i64(ptr %p, ptr %q, i64 8, i1 false), !dbg !10
  call void @may_throw(), !dbg !11
  ret void, !dbg !12
}

; An access without a location in a function with debug info still gets
; one: the nearest located instruction's (here the return, line 21); see
; debug_location_line0.ll for the other substitutes.
; CHECK-LABEL: define void @no_loc(
; CHECK:       call preserve_mostcc void @__weft_read4(ptr %p, ptr @weft.site{{[.0-9]*}}), !dbg [[NOLOC:![0-9]+]]
; CHECK-NEXT:  load i32, ptr %p, align 4{{$}}
define void @no_loc(ptr %p) nounwind !dbg !13 {
  %v = load i32, ptr %p, align 4
  ret void, !dbg !14
}

; CHECK-DAG: [[SP:![0-9]+]] = distinct !DISubprogram(name: "f", {{.*}}line: 10, {{.*}}scopeLine: 11,
; CHECK-DAG: [[ENTRY]] = !DILocation(line: 11, scope: [[SP]])
; CHECK-DAG: [[STORE]] = !DILocation(line: 12, column: 3, scope: [[SP]])
; CHECK-DAG: [[CAS]] = !DILocation(line: 13, column: 5, scope: [[SP]])
; CHECK-DAG: [[COPY]] = !DILocation(line: 14, column: 7, scope: [[SP]])
; CHECK-DAG: [[RET]] = !DILocation(line: 16, column: 1, scope: [[SP]])
; CHECK-DAG: [[LINE0]] = !DILocation(line: 0, scope: [[SP]])
; CHECK-DAG: [[SP2:![0-9]+]] = distinct !DISubprogram(name: "no_loc",
; CHECK-DAG: [[NOLOC]] = !DILocation(line: 21, column: 1, scope: [[SP2]])

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "test", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "t.c", directory: "/tmp")
!2 = !DISubroutineType(types: !{})
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "f", scope: !1, file: !1, line: 10, type: !2, scopeLine: 11, spFlags: DISPFlagDefinition, unit: !0)
!8 = !DILocation(line: 12, column: 3, scope: !5)
!9 = !DILocation(line: 13, column: 5, scope: !5)
!10 = !DILocation(line: 14, column: 7, scope: !5)
!11 = !DILocation(line: 15, column: 2, scope: !5)
!12 = !DILocation(line: 16, column: 1, scope: !5)
!13 = distinct !DISubprogram(name: "no_loc", scope: !1, file: !1, line: 20, type: !2, scopeLine: 20, spFlags: DISPFlagDefinition, unit: !0)
!14 = !DILocation(line: 21, column: 1, scope: !13)
