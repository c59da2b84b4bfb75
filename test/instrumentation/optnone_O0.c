// At -O0 clang marks every function optnone; the plugin's pass is registered
// at OptimizerLast (which the O0 pipeline runs too) and is isRequired(), so
// unoptimized code is instrumented.
// RUN: %clang -O0 -g -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s

int counter;

// CHECK-LABEL: define {{.*}}void @bump(
// CHECK-SAME:  #[[ATTRS:[0-9]+]]
// Entry, checks and exit are inline (inline_access_checks.ll,
// inline_func_entry_exit.ll) at -O0 too, with the runtime's slow entry
// points behind them.
// CHECK:       call ptr @llvm.returnaddress(i32 0)
// CHECK-NOT:   call void @__weft_read4
// CHECK:       load i32, ptr @counter
// CHECK:       call ptr @llvm.threadlocal.address.p0(ptr @__weft_inline_thread)
// CHECK:       call void @__weft_write4_slow(ptr @counter, ptr @weft.site{{[.0-9]*}})
// CHECK-NEXT:  br label %[[CONT:[0-9a-z.]+]]
// CHECK:       [[CONT]]:
// CHECK-NEXT:  store i32 {{.*}}, ptr @counter
// CHECK:       call preserve_mostcc void @__weft_func_exit()
void bump(void) { counter++; }

// A read whose address is not written afterwards is instrumented.
// CHECK-LABEL: define {{.*}}i32 @peek(
// CHECK:       call void @__weft_read4_slow(ptr @counter, ptr @weft.site{{[.0-9]*}})
// CHECK-NEXT:  br label %[[CONT:[0-9a-z.]+]]
// CHECK:       [[CONT]]:
// CHECK-NEXT:  load i32, ptr @counter
int peek(void) { return counter; }

// CHECK-LABEL: define {{.*}}i32 @load_acquire(
// CHECK:       call void @__weft_atomic_load(ptr {{.*}}, i32 4, i32 2)
int load_acquire(int *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }

// CHECK: @weft.module_ctor()
// CHECK: attributes #[[ATTRS]] = { {{.*}}optnone
