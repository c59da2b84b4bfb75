//===- replay_strategy.cc - Answers from a recorded schedule --------------===//

#include "strategies/replay_strategy.h"

#include "base/internal_alloc.h"

namespace weft {

namespace {

/// A fixed-size message: long runnable sets end in "...".
class Message {
public:
  Message &operator<<(const char *S) {
    while (*S)
      put(*S++);
    return *this;
  }
  Message &operator<<(uint64_t V) {
    char Digits[20];
    int N = 0;
    do {
      Digits[N++] = char('0' + V % 10);
      V /= 10;
    } while (V);
    while (N)
      put(Digits[--N]);
    return *this;
  }
  Message &operator<<(const Decision &D) {
    char Tok[32];
    formatDecision(D, Tok);
    return *this << Tok;
  }
  const char *str() {
    Buf[Len] = 0;
    return Buf;
  }

private:
  void put(char C) {
    if (Len < sizeof(Buf) - 4) {
      Buf[Len++] = C;
    } else if (Len == sizeof(Buf) - 4) {
      Buf[Len++] = '.';
      Buf[Len++] = '.';
      Buf[Len++] = '.';
    }
  }
  char Buf[512];
  size_t Len = 0;
};

bool contains(const ThreadId *Runnable, size_t N, ThreadId T) {
  for (size_t I = 0; I < N; ++I)
    if (Runnable[I] == T)
      return true;
  return false;
}

ThreadId fillPick(const ThreadId *Runnable, size_t N, ThreadId Current) {
  return contains(Runnable, N, Current) ? Current : Runnable[0];
}

} // namespace

ReplayStrategy::~ReplayStrategy() { clearHints(); }

void ReplayStrategy::clearHints() {
  for (ThreadHints *H : Hints)
    internalDelete(H);
  Hints.clear();
}

ReplayStrategy::ThreadHints &ReplayStrategy::hintsOf(ThreadId T) {
  while (Hints.size() <= index(T))
    Hints.push_back(internalNew<ThreadHints>());
  return *Hints[index(T)];
}

void ReplayStrategy::buildHints() {
  clearHints();
  ThreadId Cur = ThreadId::Main;
  for (const Decision &D : *Log) {
    switch (D.Kind) {
    case DecisionKind::Pick:
      hintsOf(Cur).Picks.push_back(&D);
      Cur = ThreadId(D.Value);
      break;
    case DecisionKind::Quantum:
      hintsOf(Cur).Quanta.push_back(&D);
      break;
    case DecisionKind::Choice:
      hintsOf(Cur).Choices.push_back(&D);
      break;
    }
  }
}

void ReplayStrategy::beginExecution(uint64_t) {
  Step = 0;
  Cursor = 0;
  Diverged = false;
  Running = ThreadId::Main;
  if (Fill)
    buildHints();
}

void ReplayStrategy::diverge(const char *What) {
  Message M;
  M << "weft: replay diverged at step " << Step << ": " << What;
  Diverged = true;
  if (OnDiverge)
    OnDiverge(M.str());
}

const Decision *ReplayStrategy::nextStrict(const char *Asked) {
  if (Cursor < Log->size())
    return &(*Log)[Cursor++];
  Message M;
  M << "the schedule has no more decisions (" << uint64_t(Log->size())
    << " recorded), but the run asked for " << Asked;
  diverge(M.str());
  return nullptr;
}

ThreadId ReplayStrategy::pickNext(const ThreadId *Runnable, size_t NumRunnable,
                                  ThreadId Current, PointKind, PointObject) {
  ++Step;
  if (Fill) {
    ThreadHints &H = hintsOf(Current);
    const Decision *D = H.PointsSeen < H.Picks.size() ? H.Picks[H.PointsSeen] : nullptr;
    ++H.PointsSeen;
    ThreadId Next = fillPick(Runnable, NumRunnable, Current);
    bool CurrentCanRun = contains(Runnable, NumRunnable, Current);
    if (D && !D->Removed && contains(Runnable, NumRunnable, ThreadId(D->Value)) &&
        (D->Preemption || !CurrentCanRun))
      Next = ThreadId(D->Value);
    Running = Next;
    return Next;
  }
  if (Diverged)
    return fillPick(Runnable, NumRunnable, Current);
  const Decision *D = nextStrict("the next thread");
  if (!D)
    return fillPick(Runnable, NumRunnable, Current);
  if (D->Kind == DecisionKind::Pick && !D->Removed &&
      contains(Runnable, NumRunnable, ThreadId(D->Value)))
    return ThreadId(D->Value);
  Message M;
  M << "expected ";
  if (D->Kind == DecisionKind::Pick)
    M << "T" << uint64_t(D->Value);
  else
    M << "'" << *D << "'";
  M << ", runnable were {";
  for (size_t I = 0; I < NumRunnable; ++I)
    M << (I ? ",T" : "T") << uint64_t(index(Runnable[I]));
  M << "}";
  diverge(M.str());
  return fillPick(Runnable, NumRunnable, Current);
}

uint32_t ReplayStrategy::nextQuantum() {
  if (Fill) {
    ThreadHints &H = hintsOf(Running);
    return H.QuantaUsed < H.Quanta.size() ? H.Quanta[H.QuantaUsed++]->Value
                                          : FillQuantum;
  }
  if (Diverged)
    return FillQuantum;
  const Decision *D = nextStrict("a quantum");
  if (!D)
    return FillQuantum;
  if (D->Kind == DecisionKind::Quantum)
    return D->Value;
  Message M;
  M << "expected '" << *D << "', but the run asked for a quantum";
  diverge(M.str());
  return FillQuantum;
}

uint32_t ReplayStrategy::choose(ChoiceKind Kind, uint32_t N) {
  if (Fill) {
    ThreadHints &H = hintsOf(Running);
    const Decision *D =
        H.ChoicesUsed < H.Choices.size() ? H.Choices[H.ChoicesUsed++] : nullptr;
    return D && D->Choice == Kind && D->Value < N ? D->Value : 0;
  }
  if (Diverged)
    return 0;
  Message Asked;
  Asked << "a " << choiceName(Kind) << " choice among " << uint64_t(N);
  const Decision *D = nextStrict(Asked.str());
  if (!D)
    return 0;
  if (D->Kind == DecisionKind::Choice && D->Choice == Kind && D->Bound == N)
    return D->Value;
  Message M;
  M << "expected '" << *D << "', but the run asked for " << Asked.str();
  diverge(M.str());
  return 0;
}

void ReplayStrategy::checkFinished() {
  if (Fill || Diverged || Cursor >= Log->size())
    return;
  Message M;
  M << "the run ended with " << uint64_t(Log->size() - Cursor) << " of "
    << uint64_t(Log->size()) << " recorded decisions unused";
  diverge(M.str());
}

} // namespace weft
