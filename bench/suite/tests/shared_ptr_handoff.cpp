// Threads pass shared_ptr-owned messages through a mutex-guarded slot; the
// last owner frees each message (atomic reference counts order the free).
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

struct Message {
  std::vector<int> body;
  explicit Message(int n) : body(64, n) {}
};

int main() {
  constexpr int Readers = 4, Messages = 20000;
  std::shared_ptr<Message> slot;
  std::mutex mu;
  std::vector<std::thread> ts;
  std::vector<long> seen(Readers);
  for (int r = 0; r < Readers; r++)
    ts.emplace_back([&, r] {
      long sum = 0;
      for (int i = 0; i < Messages; i++) {
        std::shared_ptr<Message> m;
        {
          std::lock_guard<std::mutex> g(mu);
          m = slot;
        }
        if (m) sum += m->body[r] == m->body[63];
      }
      seen[r] = sum;
    });
  for (int i = 0; i < Messages; i++) {
    auto m = std::make_shared<Message>(i);
    std::lock_guard<std::mutex> g(mu);
    slot = std::move(m);
  }
  for (auto &t : ts) t.join();
  for (int r = 0; r < Readers; r++)
    if (seen[r] < 0) return 1;
  return slot && slot->body[0] == Messages - 1 ? 0 : 1;
}
