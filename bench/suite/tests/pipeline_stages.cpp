// Three stages joined by two blocking queues: parse -> square -> sum.
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <queue>
#include <string>
#include <thread>

template <class T> class Channel {
public:
  void send(std::optional<T> v) {
    std::lock_guard<std::mutex> g(mu_);
    q_.push(std::move(v));
    cv_.notify_one();
  }
  std::optional<T> receive() {
    std::unique_lock<std::mutex> g(mu_);
    cv_.wait(g, [this] { return !q_.empty(); });
    auto v = std::move(q_.front());
    q_.pop();
    return v;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::queue<std::optional<T>> q_;
};

int main() {
  constexpr long Items = 100000;
  Channel<std::string> text;
  Channel<long> numbers;
  long total = 0;
  std::thread parse([&] {
    while (auto s = text.receive()) numbers.send(std::stol(*s));
    numbers.send(std::nullopt);
  });
  std::thread sum([&] {
    while (auto n = numbers.receive()) total += *n * *n % 1000;
  });
  for (long i = 0; i < Items; i++) text.send(std::to_string(i));
  text.send(std::nullopt);
  parse.join();
  sum.join();
  long want = 0;
  for (long i = 0; i < Items; i++) want += i * i % 1000;
  if (total != want) {
    std::fprintf(stderr, "total %ld, want %ld\n", total, want);
    return 1;
  }
  return 0;
}
