//===- user_switch.cc - Green threads switched in user space --------------===//
//
// The context switch, the thread-pointer write and the idle loop of a
// carrier (user_switch.h). Nothing here may use TLS: it runs between two
// threads' contexts, with either one's thread pointer loaded.
//
//===----------------------------------------------------------------------===//

#include "base/internal_mappings.h"
#include "user_switch.h"

#include "base/raw_syscall.h"

#include <asm/prctl.h>
#include <csignal>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>

// The switch. A saved context is its stack pointer; what it points at, from
// low to high: MXCSR (4 bytes) and the x87 control word (2, padded to 8),
// r15, r14, r13, r12, rbx, rbp, and the return address into
// weft_context_save_and_call's caller. Those are what the SysV ABI says a
// call preserves; everything else the caller already assumes clobbered.
// The scheduler stack's top is 16-byte aligned, so the call below leaves
// Fn's frame aligned as the ABI requires.
__asm__(".text\n"
        ".globl weft_context_save_and_call\n"
        ".hidden weft_context_save_and_call\n"
        ".type weft_context_save_and_call,@function\n"
        "weft_context_save_and_call:\n"
        "  .cfi_startproc\n"
        "  pushq %rbp\n"
        "  pushq %rbx\n"
        "  pushq %r12\n"
        "  pushq %r13\n"
        "  pushq %r14\n"
        "  pushq %r15\n"
        "  subq $8, %rsp\n"
        "  stmxcsr (%rsp)\n"
        "  fnstcw 4(%rsp)\n"
        "  movq %rsp, (%rdi)\n"
        "  movq %rsi, %rsp\n"
        "  movq %rcx, %rdi\n"
        "  callq *%rdx\n"
        "  ud2\n"
        "  .cfi_endproc\n"
        ".size weft_context_save_and_call, .-weft_context_save_and_call\n"
        ".globl weft_context_load\n"
        ".hidden weft_context_load\n"
        ".type weft_context_load,@function\n"
        "weft_context_load:\n"
        "  .cfi_startproc\n"
        "  movq %rdi, %rsp\n"
        "  ldmxcsr (%rsp)\n"
        "  fldcw 4(%rsp)\n"
        "  addq $8, %rsp\n"
        "  popq %r15\n"
        "  popq %r14\n"
        "  popq %r13\n"
        "  popq %r12\n"
        "  popq %rbx\n"
        "  popq %rbp\n"
        "  movq %rsi, %rax\n"
        "  retq\n"
        "  .cfi_endproc\n"
        ".size weft_context_load, .-weft_context_load\n");

namespace weft {
namespace user_switch {
namespace {

constexpr unsigned long kHwcap2FsgsBase = 2; // AT_HWCAP2 bit (asm/hwcap2.h)
constexpr long kKernelSigsetBytes = 8;
// glibc's SIGCANCEL (32) and SIGSETXID (33) must get through: setuid() in
// one thread signals every OS thread and waits for each to answer.
constexpr uint64_t kIdleBlocked = ~((uint64_t(1) << 31) | (uint64_t(1) << 32));

int WrFsBase = -1; // -1 unknown; set once, before any thread is created
uint64_t FloatMaskBits = 0;

__attribute__((target("fsgsbase"))) void writeFsBase(uintptr_t Fs) {
  __builtin_ia32_wrfsbase64(Fs);
}

} // namespace

bool hasWrFsBase() {
  if (WrFsBase < 0)
    WrFsBase = (getauxval(AT_HWCAP2) & kHwcap2FsgsBase) != 0;
  return WrFsBase;
}

void setThreadPointer(uintptr_t Fs) {
  if (WrFsBase > 0)
    writeFsBase(Fs);
  else
    rawSyscall(SYS_arch_prctl, ARCH_SET_FS, long(Fs));
}

uintptr_t threadPointer() {
  uintptr_t Tp;
  __asm__("movq %%fs:0, %0" : "=r"(Tp));
  return Tp;
}

bool initCarrier(Carrier &C) {
  hasWrFsBase();
  C.Fs = threadPointer();
  C.Tid = rawGettid();
  C.Word.store(0, std::memory_order_relaxed);
  C.Load = nullptr;
  C.SignalsBlocked = false;
  if (C.Stack)
    return true;
  long P = mapInternal(kSchedulerStackBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE);
  if (P < 0 && P > -4096)
    return false;
  C.Stack = reinterpret_cast<char *>(P);
  return true;
}

void releaseCarrier(Carrier &C) {
  if (!C.Stack)
    return;
  rawSyscall(SYS_munmap, long(C.Stack), long(kSchedulerStackBytes));
  C.Stack = nullptr;
}

uint64_t currentMask() {
  uint64_t Old = 0;
  rawSyscall(SYS_rt_sigprocmask, SIG_BLOCK, 0, long(&Old), kKernelSigsetBytes);
  return Old;
}

void recordFloatMask() { FloatMaskBits = currentMask(); }
uint64_t floatMask() { return FloatMaskBits; }

void blockSignalsForIdle(Carrier &C) {
  if (C.SignalsBlocked)
    return;
  uint64_t Bits = kIdleBlocked;
  rawSyscall(SYS_rt_sigprocmask, SIG_SETMASK, long(&Bits), 0, kKernelSigsetBytes);
  C.SignalsBlocked = true;
}

void unblockSignalsAfterIdle(Carrier &C) {
  if (!C.SignalsBlocked)
    return;
  uint64_t Bits = FloatMaskBits;
  rawSyscall(SYS_rt_sigprocmask, SIG_SETMASK, long(&Bits), 0, kKernelSigsetBytes);
  C.SignalsBlocked = false;
}

// A carrier receives only its own home thread's context (nobody else's home
// is this OS thread), so at most one send is ever outstanding.
void sendTo(Carrier &C, GreenContext *Ctx) {
  C.Load = Ctx;
  if (C.Word.exchange(1, std::memory_order_acq_rel) == 2)
    futexWakeOne(reinterpret_cast<uint32_t *>(&C.Word));
}

void loadOn(Carrier &C, GreenContext &Ctx) {
  if (C.Fs != Ctx.Fs) {
    setThreadPointer(Ctx.Fs);
    C.Fs = Ctx.Fs;
  }
  weft_context_load(Ctx.Sp, &C);
}

void idle(Carrier &C) {
  for (;;) {
    uint32_t Expected = 0;
    if (C.Word.compare_exchange_strong(Expected, 2, std::memory_order_acquire))
      while (C.Word.load(std::memory_order_acquire) == 2)
        futexWait(reinterpret_cast<uint32_t *>(&C.Word), 2);
    if (C.Word.load(std::memory_order_acquire) != 1)
      continue;
    GreenContext *Ctx = C.Load;
    C.Load = nullptr;
    C.Word.store(0, std::memory_order_relaxed);
    unblockSignalsAfterIdle(C);
    loadOn(C, *Ctx);
  }
}

} // namespace user_switch
} // namespace weft
