// At -O2 the pass runs at the end of the optimization pipeline: it sees the
// accesses that survive optimization (the local below is promoted to a
// register and has nothing to instrument), and its calls are not optimized
// away afterwards.
// RUN: %clang -O2 -g -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s

int counter;

// CHECK-LABEL: define {{.*}}void @bump(
// The read of counter++ is covered by the check of its write (see
// elide_read_before_write.ll), so only the write is instrumented.
// CHECK:       call void @__weft_func_entry(
// CHECK-NEXT:  load i32, ptr @counter
// CHECK-NEXT:  add
// CHECK-NEXT:  call void @__weft_write4(ptr @counter)
// CHECK-NEXT:  store i32 {{.*}}, ptr @counter
// CHECK-NEXT:  call void @__weft_func_exit()
// CHECK-NEXT:  ret void
void bump(void) { counter++; }

// CHECK-LABEL: define {{.*}}i32 @square(
// CHECK-NOT:   call void @__weft_
// CHECK:       ret i32
int square(int x) {
  int local = x;
  return local * local;
}

// CHECK: @weft.module_ctor()
