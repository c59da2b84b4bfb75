//===- replay_strategy.cc - Answers from a recorded schedule --------------===//

#include "replay_strategy.h"

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

void ReplayStrategy::beginExecution(uint64_t) {
  Step = 0;
  Cursor = PickCursor = QuantumCursor = ChoiceCursor = 0;
  Diverged = false;
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

const Decision *ReplayStrategy::nextHint(DecisionKind K, size_t &At) {
  while (At < Log->size()) {
    const Decision &D = (*Log)[At++];
    bool IsPick = D.Kind == DecisionKind::Pick || D.Kind == DecisionKind::FillPick;
    if (K == DecisionKind::Pick ? IsPick : D.Kind == K)
      return &D;
  }
  return nullptr;
}

ThreadId ReplayStrategy::pickNext(const ThreadId *Runnable, size_t NumRunnable,
                                  ThreadId Current, PointKind, PointObject) {
  ++Step;
  if (Fill || Diverged) {
    const Decision *D = Diverged ? nullptr : nextHint(DecisionKind::Pick, PickCursor);
    if (D && D->Kind == DecisionKind::Pick &&
        contains(Runnable, NumRunnable, ThreadId(D->Value)))
      return ThreadId(D->Value);
    return fillPick(Runnable, NumRunnable, Current);
  }
  const Decision *D = nextStrict("the next thread");
  if (!D)
    return fillPick(Runnable, NumRunnable, Current);
  if (D->Kind == DecisionKind::Pick &&
      contains(Runnable, NumRunnable, ThreadId(D->Value)))
    return ThreadId(D->Value);
  if (D->Kind == DecisionKind::FillPick)
    return fillPick(Runnable, NumRunnable, Current);
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
  if (Fill || Diverged) {
    const Decision *D = Diverged ? nullptr : nextHint(DecisionKind::Quantum, QuantumCursor);
    return D ? D->Value : FillQuantum;
  }
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
  if (Fill || Diverged) {
    const Decision *D = Diverged ? nullptr : nextHint(DecisionKind::Choice, ChoiceCursor);
    return D && D->Choice == Kind && D->Value < N ? D->Value : 0;
  }
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
