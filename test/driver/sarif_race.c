// weft test --sarif writes every report as a SARIF 2.1.0 result: the rule of
// its kind, the SUMMARY location (relative to the source root, here the
// current directory), both access stacks as thread flows, every stack, and
// the seed and command that reproduce it. The SARIF Multitool validates it
// against the schema. This program serves all four SARIF tests: built with
// ORDERED (sarif_norace.c, sarif_path_norace.c) the increment is under a
// mutex; sarif_path_race.c builds it as it is.
// RUN: rm -rf %t && mkdir -p %t
// RUN: cd %S && %weft cc -race -g -O1 sarif_race.c -o %t/prog
// RUN: cd %S && not %weft test -n 3 --seed 1 --keep-going --sarif %t/out.sarif %t/prog > %t/log
// RUN: FileCheck %s < %t/out.sarif
// RUN: FileCheck %s --check-prefix=RACY < %t/out.sarif
// RUN: %python %S/Inputs/check_sarif.py %t/out.sarif %t/log
// RUN: %python %S/Inputs/validate_sarif.py %sarif-multitool %t/out.sarif | FileCheck %s --check-prefix=VALID
// VALID: valid SARIF: 0 errors, 0 warnings
// REQUIRES: sarif-multitool
#include <pthread.h>
#include <stdio.h>

static long counter;
#ifdef ORDERED
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
#endif

static void *work(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; ++i) {
#ifdef ORDERED
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
#else
    counter++; // the racy read-modify-write
    // RACY: "startLine": [[@LINE-1]],
#endif
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, work, NULL);
  pthread_create(&b, NULL, work, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("counter = %ld\n", counter);
  return 0;
}

// CHECK: "version": "2.1.0",
// CHECK: "name": "weft",
// CHECK: "rules": [
// CHECK-NEXT: {
// CHECK-NEXT: "id": "data-race",
// CHECK: "SRCROOT": {
// CHECK-NEXT: "uri": "file:///{{.*}}/test/driver/"
// CHECK: "results": [
// CHECK-NEXT: {
// CHECK-NEXT: "ruleId": "data-race",
// CHECK-NEXT: "ruleIndex": 0,
// CHECK-NEXT: "level": "error",
// CHECK-NEXT: "message": {
// CHECK-NEXT: "text": "data race at sarif_race.c:{{[0-9]+}}:12 in work (seed 0x{{[0-9a-f]+}}). To reproduce: WEFT_OPTIONS='early_wakeups=1 preemption_rate=-1' {{.*}}weft replay 0x{{[0-9a-f]+}} -- {{.*}}/prog"
// CHECK: "locations": [
// CHECK-NEXT: {
// CHECK-NEXT: "physicalLocation": {
// CHECK-NEXT: "artifactLocation": {
// CHECK-NEXT: "uri": "sarif_race.c",
// CHECK-NEXT: "uriBaseId": "SRCROOT"
// CHECK: "codeFlows": [
// CHECK: "threadFlows": [
// CHECK-NEXT: {
// CHECK-NEXT: "id": "T{{[12]}}",
// CHECK-NEXT: "message": {
// CHECK-NEXT: "text": "{{Read|Write}} of size 8 at 0x{{[0-9a-f]+}} by thread T{{[12]}}"
// CHECK: "text": "Previous {{read|write}} of size 8 at 0x{{[0-9a-f]+}} by thread T{{[12]}}"
// CHECK: "stacks": [
// CHECK: "text": "Thread T{{[12]}} ({{running|finished}}) created by main thread at"
// CHECK: "partialFingerprints": {
// CHECK-NEXT: "weftKindLocation/v1": "data-race:sarif_race.c:{{[0-9]+}}:work"
// CHECK: "properties": {
// CHECK-NEXT: "seed": "0x{{[0-9a-f]+}}",
// CHECK-NEXT: "reproduce": "WEFT_OPTIONS={{.*}}weft replay
// CHECK-NEXT: "exitCode": 66
