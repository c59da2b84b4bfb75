// One run writes its reports as SARIF with WEFT_OPTIONS=sarif_path=FILE: the
// runtime has the weft command (found on PATH here) convert every report so
// far after each one. `weft replay --sarif F` sets it; `weft sarif` converts
// a saved log the same way. Without a weft command the run says so once and
// its report and exit status are unchanged. The program is sarif_race.c's;
// sarif_path_norace.c is the race-free twin.
// RUN: rm -rf %t && mkdir -p %t
// RUN: cd %S && %weft cc -race -g -O1 sarif_path_race.c -o %t/prog
// RUN: cd %S && %expect-exit 66 env WEFT_SEED=0x2a WEFT_OPTIONS=sarif_path=%t/run.sarif %t/prog 2> %t/run.log
// RUN: FileCheck %s < %t/run.sarif
// RUN: FileCheck %s --check-prefix=RACY < %t/run.sarif
// RUN: %python %S/Inputs/validate_sarif.py %sarif-multitool %t/run.sarif | FileCheck %s --check-prefix=VALID
// VALID: valid SARIF: 0 errors, 0 warnings
//
// RUN: cd %S && %expect-exit 66 %weft replay 0x2a --sarif %t/replay.sarif -- %t/prog 2> /dev/null
// RUN: FileCheck %s < %t/replay.sarif
//
// The log of the first run, converted: the same result.
// RUN: cd %S && %weft sarif -o %t/log.sarif %t/run.log
// RUN: FileCheck %s < %t/log.sarif
// RUN: cd %S && %weft sarif < %t/run.log | FileCheck %s
//
// RUN: %expect-exit 66 env -u WEFT_DRIVER PATH=/nonexistent WEFT_SEED=0x2a WEFT_OPTIONS=sarif_path=%t/none.sarif %t/prog 2>&1 | FileCheck %s --check-prefix=NODRIVER
// RUN: not ls %t/none.sarif
// NODRIVER: WARNING: weft: data race
// NODRIVER: weft: error: sarif_path: cannot find the weft command to write SARIF (set WEFT_DRIVER or put weft on PATH)
// NODRIVER-NOT: weft: error
// NODRIVER: weft: reported 1 warning
// REQUIRES: sarif-multitool
// Its program, racy: the location is in sarif_race.c, which clang names
// ./sarif_race.c when this file includes it.
#include "sarif_race.c"
// RACY: "startLine": 33,

// CHECK: "rules": [
// CHECK-NEXT: {
// CHECK-NEXT: "id": "data-race",
// CHECK: "results": [
// CHECK-NEXT: {
// CHECK-NEXT: "ruleId": "data-race",
// CHECK: "text": "data race at ./sarif_race.c:{{[0-9]+}}:12 in work (seed 0x2a). To reproduce: {{.*}}WEFT_SEED=0x2a {{.*}}prog"
// CHECK: "uri": "./sarif_race.c",
// CHECK-NEXT: "uriBaseId": "SRCROOT"
// CHECK: "threadFlows": [
// CHECK: "text": "Previous {{read|write}} of size 8
// CHECK: "properties": {
// CHECK-NEXT: "seed": "0x2a",
// CHECK-NEXT: "reproduce": "{{.*}}WEFT_SEED=0x2a {{.*}}prog"
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: ]
