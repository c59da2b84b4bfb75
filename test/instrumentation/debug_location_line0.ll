; The optimizer gives hoisted loads and sunk stores line 0 (LICM). The pass
; attributes their callbacks to the statement that uses the loaded value,
; computes the stored value, or else the nearest located instruction, so that
; reports never say "line 0" when a better line exists.
; RUN: %opt -load-pass-plugin %plugin -passes=weft -weft-inline-fast-paths=false -weft-elide-redundant=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@g = global i32 0

; CHECK-LABEL: define void @hoisted(
; CHECK:       call preserve_mostcc void @__weft_read4(ptr @g, ptr @weft.site{{[.0-9]*}}), !dbg [[USE:![0-9]+]]
; CHECK-NEXT:  load i32, ptr @g{{.*}}, !dbg [[ZERO:![0-9]+]]
; CHECK:       call preserve_mostcc void @__weft_write4(ptr @g, ptr @weft.site{{[.0-9]*}}), !dbg [[USE]]
; CHECK-NEXT:  store i32 %inc, ptr @g{{.*}}, !dbg [[ZERO]]
; CHECK:       call preserve_mostcc void @__weft_write4(ptr @g, ptr @weft.site{{[.0-9]*}}), !dbg [[NEXT:![0-9]+]]
; CHECK-NEXT:  store i32 7, ptr @g{{.*}}, !dbg [[ZERO]]
define void @hoisted() !dbg !5 {
  %v = load i32, ptr @g, align 4, !dbg !7
  %inc = add i32 %v, 1, !dbg !8
  store i32 %inc, ptr @g, align 4, !dbg !7
  store i32 7, ptr @g, align 4, !dbg !7
  ret void, !dbg !9
}

; CHECK-DAG: [[ZERO]] = !DILocation(line: 0,
; CHECK-DAG: [[USE]] = !DILocation(line: 12, column: 5,
; CHECK-DAG: [[NEXT]] = !DILocation(line: 13, column: 1,

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "line0.c", directory: "/tmp")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "hoisted", scope: !1, file: !1, line: 10, type: !6, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !{})
!7 = !DILocation(line: 0, scope: !5)
!8 = !DILocation(line: 12, column: 5, scope: !5)
!9 = !DILocation(line: 13, column: 1, scope: !5)
