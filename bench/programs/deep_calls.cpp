// deep_calls.cpp: two threads each repeatedly generate a random arithmetic
// expression (nested up to 48 parentheses deep), parse it with a recursive
// descent parser into a tree, evaluate the tree recursively, and fold a
// 2000-element chain with plain recursion 2000 frames deep. Most functions
// are small and kept out of line (noinline), as in interpreters, compilers
// and visitor-style code; the only shared write is one mutex-protected add
// per thread at the end. Stands for call-heavy code with deep stacks: it
// measures the cost of function entry/exit (and the shadow call stack a tool
// keeps for reports) rather than of memory accesses or synchronization.
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// Work size: expressions per thread.
#define SCALE 1
constexpr unsigned Threads = 2;
constexpr unsigned Rounds = 36000 * SCALE;
constexpr unsigned MaxNesting = 48, ChainLength = 2000;

#define NOINLINE __attribute__((noinline))

namespace {

struct Rng {
  uint64_t x;
  NOINLINE unsigned below(unsigned n) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return unsigned((x >> 11) % n);
  }
};

// --- Generating: expr := term {('+'|'-') term}; term := factor {'*' factor};
// factor := number | '(' expr ')' | '-' factor.
void genExpr(Rng &r, std::string &out, unsigned depth);

NOINLINE void genNumber(Rng &r, std::string &out) {
  out += char('1' + r.below(9));
  if (r.below(2))
    out += char('0' + r.below(10));
}

NOINLINE void genFactor(Rng &r, std::string &out, unsigned depth) {
  unsigned pick = r.below(8);
  if (depth < MaxNesting && pick < 4) { // mostly go deeper
    out += '(';
    genExpr(r, out, depth + 1);
    out += ')';
  } else if (depth < MaxNesting && pick == 4) {
    out += '-';
    genFactor(r, out, depth + 1);
  } else {
    genNumber(r, out);
  }
}

NOINLINE void genTerm(Rng &r, std::string &out, unsigned depth) {
  genFactor(r, out, depth);
  if (r.below(3) == 0) {
    out += '*';
    genFactor(r, out, depth + 1);
  }
}

NOINLINE void genExpr(Rng &r, std::string &out, unsigned depth) {
  genTerm(r, out, depth);
  if (r.below(3) == 0) {
    out += r.below(2) ? '+' : '-';
    genTerm(r, out, depth + 1);
  }
}

// --- Parsing into a tree held in a per-thread arena of nodes.
enum class Op : uint8_t { Num, Neg, Add, Sub, Mul };

struct Node {
  Op op;
  uint32_t lhs, rhs; // arena indices
  uint64_t value;    // for Num
};

class Parser {
public:
  Parser(const std::string &text, std::vector<Node> &arena) : s(text), nodes(arena) {}

  NOINLINE uint32_t parseExpr() {
    uint32_t lhs = parseTerm();
    while (peek() == '+' || peek() == '-') {
      Op op = take() == '+' ? Op::Add : Op::Sub;
      lhs = make(op, lhs, parseTerm());
    }
    return lhs;
  }

private:
  NOINLINE uint32_t parseTerm() {
    uint32_t lhs = parseFactor();
    while (peek() == '*') {
      take();
      lhs = make(Op::Mul, lhs, parseFactor());
    }
    return lhs;
  }

  NOINLINE uint32_t parseFactor() {
    if (peek() == '(') {
      take();
      uint32_t e = parseExpr();
      take(); // ')'
      return e;
    }
    if (peek() == '-') {
      take();
      return make(Op::Neg, parseFactor(), 0);
    }
    return parseNumber();
  }

  NOINLINE uint32_t parseNumber() {
    uint64_t v = 0;
    while (isDigit(peek()))
      v = v * 10 + unsigned(take() - '0');
    uint32_t n = make(Op::Num, 0, 0);
    nodes[n].value = v;
    return n;
  }

  NOINLINE static bool isDigit(char c) { return c >= '0' && c <= '9'; }
  char peek() const { return pos < s.size() ? s[pos] : '\0'; }
  char take() { return s[pos++]; }

  NOINLINE uint32_t make(Op op, uint32_t lhs, uint32_t rhs) {
    nodes.push_back(Node{op, lhs, rhs, 0});
    return uint32_t(nodes.size() - 1);
  }

  const std::string &s;
  size_t pos = 0;
  std::vector<Node> &nodes;
};

// --- Evaluating (wrapping 64-bit arithmetic), one small function per kind.
uint64_t eval(const std::vector<Node> &t, uint32_t n);

NOINLINE uint64_t evalNeg(const std::vector<Node> &t, const Node &n) {
  return 0 - eval(t, n.lhs);
}
NOINLINE uint64_t evalAdd(const std::vector<Node> &t, const Node &n) {
  return eval(t, n.lhs) + eval(t, n.rhs);
}
NOINLINE uint64_t evalSub(const std::vector<Node> &t, const Node &n) {
  return eval(t, n.lhs) - eval(t, n.rhs);
}
NOINLINE uint64_t evalMul(const std::vector<Node> &t, const Node &n) {
  return eval(t, n.lhs) * eval(t, n.rhs);
}

NOINLINE uint64_t eval(const std::vector<Node> &t, uint32_t i) {
  const Node &n = t[i];
  switch (n.op) {
  case Op::Num:
    return n.value;
  case Op::Neg:
    return evalNeg(t, n);
  case Op::Add:
    return evalAdd(t, n);
  case Op::Sub:
    return evalSub(t, n);
  case Op::Mul:
    return evalMul(t, n);
  }
  return 0;
}

// Tree depth: a second full walk, as an analysis pass over an AST would do.
NOINLINE unsigned depthOf(const std::vector<Node> &t, uint32_t i) {
  const Node &n = t[i];
  if (n.op == Op::Num)
    return 1;
  unsigned l = depthOf(t, n.lhs);
  unsigned r = n.op == Op::Neg ? 0 : depthOf(t, n.rhs);
  return 1 + (l > r ? l : r);
}

// Folds chain[i..] recursively: ChainLength frames deep at the bottom.
NOINLINE uint64_t foldChain(const uint64_t *chain, unsigned i) {
  if (i == ChainLength)
    return 0x84222325CBF29CE4ull;
  return (foldChain(chain, i + 1) ^ chain[i]) * 0x100000001B3ull;
}

std::mutex total_lock;
uint64_t total;          // under total_lock
unsigned deepest;        // under total_lock

void worker(unsigned id) {
  Rng r{0x9E3779B97F4A7C15ull * (id + 1)};
  std::string text;
  std::vector<Node> arena;
  std::vector<uint64_t> chain(ChainLength);
  uint64_t acc = 0;
  unsigned maxDepth = 0;
  for (unsigned round = 0; round < Rounds; ++round) {
    text.clear();
    arena.clear();
    genExpr(r, text, 0);
    uint32_t root = Parser(text, arena).parseExpr();
    uint64_t v = eval(arena, root);
    unsigned d = depthOf(arena, root);
    maxDepth = d > maxDepth ? d : maxDepth;
    chain[round % ChainLength] = v;
    acc = acc * 31 + v + d;
    if (round % 8 == 0)
      acc ^= foldChain(chain.data(), 0);
  }
  std::lock_guard<std::mutex> g(total_lock);
  total += acc;
  deepest = maxDepth > deepest ? maxDepth : deepest;
}

} // namespace

int main() {
  std::thread th[Threads];
  for (unsigned i = 0; i < Threads; ++i)
    th[i] = std::thread(worker, i);
  for (auto &t : th)
    t.join();
  std::printf("deep_calls: rounds=%u deepest=%u total=%016llx\n", Threads * Rounds,
              deepest, (unsigned long long)total);
  return 0;
}
