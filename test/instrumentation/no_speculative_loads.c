// The plugin marks every function it will instrument sanitize_thread at the
// start of the pipeline (NoSpeculativeLoads.h), so the optimizer keeps a
// guarded load behind its branch: weft checks only reads the program makes.
// BEFORE shows LLVM's own -O2 without the plugin: the load of `shared` is
// executed ahead of the test (a select in pick, the loop preheader in
// sum_flagged). AFTER is the same pipeline with the plugin loaded (its access
// instrumentation off, to show the bare IR), at -O1, -O2 and -O3.
// RUN: %clang -O2 -Xclang -disable-llvm-passes -S -emit-llvm -o %t.ll %s
// RUN: %opt -passes='default<O2>' -S %t.ll | FileCheck %s --check-prefix=BEFORE
// RUN: %opt -load-pass-plugin %plugin -weft-instrument-memory-accesses=false -weft-instrument-func-entry-exit=false -passes='default<O1>' -S %t.ll | FileCheck %s --check-prefix=AFTER
// RUN: %opt -load-pass-plugin %plugin -weft-instrument-memory-accesses=false -weft-instrument-func-entry-exit=false -passes='default<O2>' -S %t.ll | FileCheck %s --check-prefix=AFTER
// RUN: %opt -load-pass-plugin %plugin -weft-instrument-memory-accesses=false -weft-instrument-func-entry-exit=false -passes='default<O3>' -S %t.ll | FileCheck %s --check-prefix=AFTER
// The whole toolchain (clang -fpass-plugin, as `weft cc -race` runs it):
// the guarded read's check and the read itself are behind the branch.
// RUN: %clang -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefix=CLANG
// The pass by name marks definitions only, and leaves alone what the
// instrumentation leaves alone (opted out, naked).
// RUN: %opt -load-pass-plugin %plugin -passes=weft-no-speculative-loads -S %t.ll | FileCheck %s --check-prefix=MARK

int shared;

// BEFORE-LABEL: define {{.*}}i32 @pick(
// BEFORE:         [[LOAD:%[0-9]+]] = load i32, ptr @shared
// BEFORE:         select i1 %{{.*}}, i32 0, i32 [[LOAD]]
// AFTER-LABEL:  define {{.*}}i32 @pick(
// AFTER-SAME:     #[[ATTRS:[0-9]+]]
// AFTER-NEXT:     %{{.*}} = icmp eq i32 %0, 0
// AFTER-NEXT:     br i1 %{{.*}}, label %[[JOIN:[0-9]+]], label %[[THEN:[0-9]+]]
// AFTER:        [[THEN]]:
// AFTER-NEXT:     load i32, ptr @shared
// AFTER-NEXT:     br label %[[JOIN]]
// AFTER-NOT:      select
// AFTER:          ret i32
// CLANG-LABEL:  define {{.*}}i32 @pick(
// CLANG:          icmp eq i32 %0, 0
// CLANG-NEXT:     br i1 %{{.*}}, label %{{[0-9]+}}, label %[[THEN:[0-9]+]]
// CLANG:        [[THEN]]:
// CLANG-NOT:      load i32, ptr @shared
// CLANG:          call void @__weft_read4_slow(ptr @shared, ptr @weft.site{{[.0-9]*}})
// CLANG:          load i32, ptr @shared
// CLANG-NOT:      select
// CLANG:          ret i32
// MARK:         define {{.*}}i32 @pick({{.*}}) #[[MARKED:[0-9]+]]
int pick(int read_it) {
  int r = 0;
  if (read_it)
    r = shared;
  return r;
}

// BEFORE-LABEL: define {{.*}}i32 @sum_flagged(
// BEFORE:         br i1 %{{.*}}, label %.lr.ph, label
// BEFORE:       .lr.ph:
// BEFORE-NEXT:    load i32, ptr @shared
// AFTER-LABEL:  define {{.*}}i32 @sum_flagged(
// AFTER-SAME:     #[[ATTRS2:[0-9]+]]
// AFTER-NOT:      load i32, ptr @shared
// AFTER:          load i32, ptr %{{.*}}
// AFTER:          icmp eq i32
// AFTER-NEXT:     br i1 %{{.*}}, label %{{.*}}, label %[[THEN:[0-9]+]]
// AFTER:        [[THEN]]:
// AFTER-NEXT:     load i32, ptr @shared
// AFTER:          ret i32
// MARK:         define {{.*}}i32 @sum_flagged({{.*}}) #[[MARKED]]
int sum_flagged(const int *flags, int n) {
  int sum = 0;
  for (int i = 0; i < n; i++)
    if (flags[i])
      sum += shared;
  return sum;
}

// MARK:         define {{.*}}void @opted_out({{.*}}) #[[UNMARKED:[0-9]+]]
__attribute__((disable_sanitizer_instrumentation)) void opted_out(void) {}

// MARK:         declare {{.*}}void @elsewhere() #[[DECL:[0-9]+]]
void elsewhere(void);
void call_elsewhere(void) { elsewhere(); }

// AFTER:        attributes #[[ATTRS]] = { {{.*}}sanitize_thread
// AFTER:        attributes #[[ATTRS2]] = { {{.*}}sanitize_thread
// CLANG:        attributes #0 = { {{.*}}sanitize_thread
// MARK:         attributes #[[MARKED]] = { {{.*}}sanitize_thread
// MARK-NOT:     attributes #[[UNMARKED]] = { {{.*}}sanitize_thread
// MARK-NOT:     attributes #[[DECL]] = { {{.*}}sanitize_thread
