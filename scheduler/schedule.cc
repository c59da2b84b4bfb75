//===- schedule.cc - A schedule as data: the decisions of one execution ---===//

#include "schedule.h"

namespace weft {

namespace {

size_t putU32(char *Buf, uint32_t V) {
  char Digits[10];
  size_t N = 0;
  do {
    Digits[N++] = char('0' + V % 10);
    V /= 10;
  } while (V);
  for (size_t I = 0; I < N; ++I)
    Buf[I] = Digits[N - 1 - I];
  return N;
}

bool isSpace(char C) { return C == ' ' || C == '\n' || C == '\t' || C == '\r'; }

/// Parses decimal digits at P (advancing it); false if none or overflow.
bool getU32(const char *&P, const char *End, uint32_t &Out) {
  if (P == End || *P < '0' || *P > '9')
    return false;
  uint64_t V = 0;
  while (P != End && *P >= '0' && *P <= '9') {
    V = V * 10 + uint64_t(*P - '0');
    if (V > UINT32_MAX)
      return false;
    ++P;
  }
  Out = static_cast<uint32_t>(V);
  return true;
}

bool choiceFromLetter(char C, ChoiceKind &K) {
  switch (C) {
  case 'w': K = ChoiceKind::WakeWaiter; return true;
  case 't': K = ChoiceKind::TimeoutEarly; return true;
  case 'e': K = ChoiceKind::SleepEarly; return true;
  case 's': K = ChoiceKind::SpuriousWakeup; return true;
  default: return false;
  }
}

} // namespace

char choiceLetter(ChoiceKind K) {
  switch (K) {
  case ChoiceKind::WakeWaiter: return 'w';
  case ChoiceKind::TimeoutEarly: return 't';
  case ChoiceKind::SleepEarly: return 'e';
  case ChoiceKind::SpuriousWakeup: return 's';
  }
  return '?';
}

const char *choiceName(ChoiceKind K) {
  switch (K) {
  case ChoiceKind::WakeWaiter: return "wake-waiter";
  case ChoiceKind::TimeoutEarly: return "timeout-early";
  case ChoiceKind::SleepEarly: return "sleep-early";
  case ChoiceKind::SpuriousWakeup: return "spurious-wakeup";
  }
  return "?";
}

size_t formatDecision(const Decision &D, char *Buf) {
  size_t N = 0;
  switch (D.Kind) {
  case DecisionKind::Pick:
    Buf[N++] = 'T';
    N += putU32(Buf + N, D.Value);
    if (D.Preemption)
      Buf[N++] = '!';
    else if (D.Removed)
      Buf[N++] = '-';
    break;
  case DecisionKind::Quantum:
    Buf[N++] = 'q';
    N += putU32(Buf + N, D.Value);
    break;
  case DecisionKind::Choice:
    Buf[N++] = choiceLetter(D.Choice);
    N += putU32(Buf + N, D.Value);
    Buf[N++] = '/';
    N += putU32(Buf + N, D.Bound);
    break;
  }
  Buf[N] = 0;
  return N;
}

bool parseDecisions(const char *Text, size_t Len, ScheduleLog &Out,
                    size_t &ErrorAt) {
  const char *P = Text, *End = Text + Len;
  for (;;) {
    while (P != End && isSpace(*P))
      ++P;
    if (P == End)
      return true;
    const char *Start = P;
    Decision D;
    bool Ok;
    if (*P == 'T') {
      ++P;
      D.Kind = DecisionKind::Pick;
      Ok = getU32(P, End, D.Value);
      if (Ok && P != End && (*P == '!' || *P == '-')) {
        (*P == '!' ? D.Preemption : D.Removed) = true;
        ++P;
      }
    } else if (*P == 'q') {
      ++P;
      D.Kind = DecisionKind::Quantum;
      Ok = getU32(P, End, D.Value) && D.Value >= 1;
    } else {
      D.Kind = DecisionKind::Choice;
      Ok = choiceFromLetter(*P, D.Choice);
      ++P;
      Ok = Ok && getU32(P, End, D.Value) && P != End && *P == '/';
      if (Ok) {
        ++P;
        Ok = getU32(P, End, D.Bound) && D.Value < D.Bound;
      }
    }
    if (!Ok || (P != End && !isSpace(*P))) {
      ErrorAt = size_t(Start - Text);
      return false;
    }
    Out.push_back(D);
  }
}

} // namespace weft
