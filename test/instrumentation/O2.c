// At -O2 the pass runs at the end of the optimization pipeline: it sees the
// accesses that survive optimization (the local below is promoted to a
// register and has nothing to instrument), and its calls are not optimized
// away afterwards.
// RUN: %clang -O2 -g -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s

int counter;

// CHECK-LABEL: define {{.*}}void @bump(
// The read of counter++ is covered by the check of its write (see
// elide_read_before_write.ll), so only the write is instrumented.
// Entry, the write's check and exit are inline (inline_access_checks.ll,
// inline_func_entry_exit.ll), with the runtime's slow entry points behind.
// CHECK:       call ptr @llvm.returnaddress(i32 0)
// CHECK:       store i32 {{.*}}, ptr [[DEPTH:%[0-9]+]]
// CHECK:       load i32, ptr @counter
// CHECK-NEXT:  add
// CHECK-NEXT:  call ptr @llvm.threadlocal.address.p0(ptr @__weft_inline_thread)
// CHECK-NOT:   @__weft_read
// CHECK:       call void @__weft_write4_slow(ptr @counter, ptr @weft.site{{[.0-9]*}})
// CHECK-NOT:   @__weft_read
// CHECK:       store i32 {{.*}}, ptr @counter
// CHECK:       call preserve_mostcc void @__weft_func_exit()
// CHECK:       ret void
void bump(void) { counter++; }

// CHECK-LABEL: define {{.*}}i32 @square(
// CHECK-NOT:   call void @__weft_
// CHECK:       ret i32
int square(int x) {
  int local = x;
  return local * local;
}

// CHECK: @weft.module_ctor()
