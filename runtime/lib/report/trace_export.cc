//===- trace_export.cc - The per-step trace a run writes (trace_out=) -----===//

#include "report/trace_export.h"

#include "base/internal_libc.h"
#include "base/raw_syscall.h"
#include "core/rtl.h"
#include "core/text_buffer.h"
#include "strategies/tracing_strategy.h"

#include <fcntl.h>
#include <sys/syscall.h>

namespace weft {
namespace trace_export {
namespace {

TracingStrategy *Tracer;
// The process whose run is traced: a child of the program's fork() keeps
// the tracer but must not overwrite the file with its own part at exit.
long TracedPid;

struct ReportAt {
  uint64_t Step;
  ThreadId Thread;
};
InternalVector<ReportAt> *Reports;
bool Written;

const char *kindName(PointKind K) {
  switch (K) {
  case PointKind::Access:
    return "access";
  case PointKind::Sync:
    return "sync";
  case PointKind::ThreadCreate:
    return "create";
  case PointKind::ThreadExit:
    return "exit";
  case PointKind::Block:
    return "block";
  case PointKind::Yield:
    return "yield";
  }
  return "sync";
}

void thread(TextBuffer &B, ThreadId T) {
  if (T == ThreadId::Invalid)
    B << "-1";
  else
    B.dec(index(T));
}

} // namespace

Strategy *wrap(Strategy *S) {
  if (!Rt.Opts.trace_out || !*Rt.Opts.trace_out)
    return S;
  Tracer = internalNew<TracingStrategy>(S);
  Tracing = true;
  TracedPid = rawGetpid();
  Reports = internalNew<InternalVector<ReportAt>>();
  return Tracer;
}

bool enabled() { return Tracer != nullptr; }

bool Tracing;

void labelNextPointImpl(const char *Label) { Tracer->labelNextPoint(Label); }

void reportPrinted() {
  if (!Tracer)
    return;
  ThreadState *Thr = CurThread;
  Reports->push_back({Tracer->count(), Thr ? Thr->tid() : ThreadId::Invalid});
}

void write() {
  if (!Tracer || Written || rawGetpid() != TracedPid)
    return;
  Written = true;
  UnscheduledScope Quiet;
  TextBuffer B;
  B << "weft-trace 1\nsteps ";
  B.dec(Tracer->count());
  B << ' ';
  B.dec(Tracer->size());
  B << '\n';
  for (size_t I = 0; I < Tracer->size(); ++I) {
    const TraceStep &S = Tracer->at(I);
    B << "S ";
    B.dec(S.Step);
    B << ' ';
    thread(B, S.Current);
    B << ' ';
    thread(B, S.Next);
    B << ' ' << kindName(S.Kind) << ' ' << (S.Preempted ? '1' : '0') << ' ';
    B.dec(S.Object);
    B << ' ' << (S.Label ? S.Label : "-") << '\n';
  }
  for (size_t I = 0; I < Reports->size(); ++I) {
    B << "R ";
    B.dec((*Reports)[I].Step);
    B << ' ';
    thread(B, (*Reports)[I].Thread);
    B << ' ';
    B.dec(I + 1);
    B << '\n';
  }
  const char *Path = Rt.Opts.trace_out;
  int Fd = static_cast<int>(
      rawCall(SYS_open, Path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (Fd < 0) {
    rawPrint("weft: error: cannot write trace file '");
    rawPrint(Path);
    rawPrint("'\n");
    return;
  }
  rawWriteAll(Fd, B.str(), B.size());
  rawCall(SYS_close, Fd);
}

} // namespace trace_export
} // namespace weft
