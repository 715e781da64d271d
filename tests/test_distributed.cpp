// The distributed search's parts without MPI: the messages, the share of cores, and rank 0's
// dispatcher over an in-process transport whose workers train real children (the same
// ChildEvaluator a worker rank runs) or die when told to.
#include <doctest/doctest.h>
#include <torch/torch.h>

#include <cmath>
#include <deque>
#include <map>
#include <set>
#include <thread>

#include "TestSupport.hpp"
#include "compute/Device.hpp"
#include "config/Config.hpp"
#include "data/Protocols.hpp"
#include "distributed/DistributedEvaluator.hpp"
#include "distributed/MpiWorld.hpp"
#include "distributed/WireFormat.hpp"
#include "distributed/Worker.hpp"
#include "log/Logging.hpp"
#include "model/ChildModel.hpp"
#include "model/ChildScoring.hpp"
#include "search/Seeds.hpp"
#include "space/SearchSpace.hpp"
#include "train/ChildTrainer.hpp"

using namespace autood;

namespace autood {
std::ostream& operator<<(std::ostream& out, Tag tag) { return out << static_cast<int>(tag); }
}  // namespace autood

namespace {

TrialRecord sample_record() {
  TrialRecord r;
  r.index = 41;
  r.architecture = {3, 0, 7, 1};
  r.description = "centroid / l2: conv 8x3";
  r.status = TrialStatus::Pruned;
  r.message = "pruned after 1 epochs";
  r.reward = 0.1 + 0.2;  // not a short decimal: it must come back bit for bit
  r.validation = {0.1 + 0.2, 1.0 / 3.0, std::nextafter(0.5, 1.0)};
  r.test = {0.25, 0.5, 0.75};
  r.pixel_level = true;
  r.validation_pixels = {0.9, 0.8};
  r.test_pixels = {0.7, 0.6};
  r.partial_reward = 2.0 / 3.0;
  r.seconds = 12.5;
  r.epochs = 3;
  r.cached = false;
  return r;
}

// Rank 0's end of an in-process world. Workers are 1..n; each trains what it is sent at once,
// with a real evaluator, unless it is set to die on its k-th task (then it never answers).
class FakeWorld : public Transport {
 public:
  FakeWorld(int workers, ChildEvaluator& evaluator, const RunIdentity& identity)
      : workers_(workers), evaluator_(evaluator) {
    for (int rank = 1; rank <= workers; ++rank) {
      WorkerHello hello{"fake" + std::to_string(rank), 1,
                        identity.data_fingerprint,     identity.space_json,
                        identity.config_toml,          ""};
      inbox_.push_back({rank, Tag::Hello, encode(hello)});
    }
  }
  void dies_on_task(int rank, int k) { dies_on_[rank] = k; }
  void greets_with(int rank, const WorkerHello& hello) {
    for (auto& message : inbox_)
      if (message.source == rank && message.tag == Tag::Hello) message.bytes = encode(hello);
  }

  int rank() const override { return 0; }
  int size() const override { return workers_ + 1; }
  void send(int to, Tag tag, std::string bytes) override {
    sent_[to].push_back(tag);
    if (tag != Tag::Task) return;
    const int nth = ++tasks_[to];
    trained_by_[decode_task(bytes).index].push_back(to);
    if (dies_on_.count(to) && nth >= dies_on_[to]) return;  // dead: no reply, ever
    inbox_.push_back({to, Tag::Result, encode(train_task(evaluator_, decode_task(bytes)))});
  }
  std::optional<Message> receive(std::chrono::milliseconds wait) override {
    if (inbox_.empty()) {
      std::this_thread::sleep_for(wait);
      return std::nullopt;
    }
    auto message = std::move(inbox_.front());
    inbox_.pop_front();
    return message;
  }
  bool flush(std::chrono::milliseconds) override { return true; }

  std::map<int, std::vector<Tag>> sent_;
  std::map<std::int64_t, std::vector<int>> trained_by_;  // trial index -> ranks sent it

 private:
  int workers_;
  ChildEvaluator& evaluator_;
  std::deque<Message> inbox_;
  std::map<int, int> tasks_, dies_on_;
};

struct Bench {
  std::unique_ptr<test::LoadedRegistry> loaded = test::load(test::skeleton_plugins());
  Config config = load_config("", {"search.layers=1", "train.epochs=1", "data.limit=200",
                                   "data.source.limit=3000", "train.threads=1"});
  DataSplits data = prepare_data(config.data, loaded->registry, 5, host_logger());
  SearchSpace space = SearchSpace::assemble(loaded->registry, data.shape, 1);
  ChildEvaluator evaluator{loaded->registry, space,        data,
                           config.train,     config.score, host_logger()};
  RunIdentity identity{"config", "space", "fingerprint", "description"};
  // Long enough that a loaded machine (CI runs this under ASan beside other tests) never buries
  // a live worker between its reply and rank 0's next look; a dead one costs the tests 2 s.
  Liveness liveness{std::chrono::milliseconds(20), std::chrono::milliseconds(2000)};

  // Rank 0's dispatcher over `world`, with this bench's evaluator for what it trains itself.
  // Every child costs the same, so that workers take them in proposal order.
  DistributedEvaluator dispatcher(Transport& world) {
    DistributedEvaluator distributed(world, evaluator, identity, liveness, host_logger());
    distributed.estimate_costs_with([](const sdk::Architecture&) { return 1.0; });
    return distributed;
  }

  // Trials 10, 11, ... of a search seeded with `search_seed`, as the loop hands them out.
  std::vector<PendingTrial> batch(int n, std::uint64_t search_seed = 1) const {
    std::vector<PendingTrial> trials;
    const auto counts = space.option_counts();
    for (int i = 0; i < n; ++i) {
      sdk::Architecture a;
      for (std::size_t d = 0; d < counts.size(); ++d) a.push_back((i * 7 + d * 3) % counts[d]);
      trials.push_back({10 + i, a, trial_seed(search_seed, 10 + i)});
    }
    return trials;
  }
};

void check_same(const Evaluation& got, const Evaluation& want) {
  CAPTURE(want.record.index);
  CHECK(got.record.index == want.record.index);
  CHECK(got.record.architecture == want.record.architecture);
  CHECK(got.record.status == want.record.status);
  CHECK(got.record.reward == want.record.reward);  // exact: the same seed, the same arithmetic
  CHECK(got.record.test.auroc == want.record.test.auroc);
  CHECK(got.record.epochs == want.record.epochs);
  CHECK(got.validation_scores == want.validation_scores);
  CHECK(got.test_scores == want.test_scores);
}

}  // namespace

TEST_CASE("a trial record, its scores and its weights cross the wire bit for bit") {
  TrialResult result;
  result.record = sample_record();
  result.validation_scores = {0.1, -2.5e-300, 1e300, 0.0};
  result.test_scores = {1.0 / 7.0};
  result.weights = std::string("\0\x01\xff model bytes", 16);
  const auto back = decode_result(encode(result));
  const auto& r = back.record;
  const auto want = sample_record();
  CHECK(r.index == 41);
  CHECK(r.architecture == want.architecture);
  CHECK(r.description == want.description);
  CHECK(r.status == TrialStatus::Pruned);
  CHECK(r.message == want.message);
  CHECK(r.reward == want.reward);
  CHECK(r.validation.aupr_in == want.validation.aupr_in);
  CHECK(r.validation.aupr_out == want.validation.aupr_out);
  CHECK(r.test.aupr_out == 0.75);
  CHECK(r.pixel_level);
  CHECK(r.test_pixels.pro == 0.6);
  REQUIRE(r.partial_reward.has_value());
  CHECK(*r.partial_reward == 2.0 / 3.0);
  CHECK(r.epochs == 3);
  CHECK(back.validation_scores == result.validation_scores);
  CHECK(back.test_scores == result.test_scores);
  CHECK(back.weights == result.weights);

  TrialTask task{7, {1, 2}, 0xfedcba9876543210ULL, std::nullopt, 0.5};
  const auto task_back = decode_task(encode(task));
  CHECK(task_back.index == 7);
  CHECK(task_back.seed == 0xfedcba9876543210ULL);
  CHECK_FALSE(task_back.prune_below.has_value());
  CHECK(task_back.weights_above == 0.5);

  CHECK_THROWS_WITH_AS(decode_task("not cbor"), doctest::Contains("malformed task"),
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(decode_result(encode(task)), doctest::Contains("malformed trial result"),
                       std::runtime_error);
  // A million nested arrays (CBOR 0x81: an array of one) would recurse a million frames deep in
  // the parser; the message is refused by its depth first.
  const std::string deep = std::string(1000000, '\x81') + '\xf6';
  CHECK_THROWS_WITH_AS(decode_task(deep), "a malformed task message: nested deeper than 16 levels",
                       std::runtime_error);
}

TEST_CASE("each rank takes its share of the node's cores unless train.threads says") {
  CHECK(threads_per_rank(0, 2, 3) == 1);  // this machine: 3 ranks on 2 cores, never 0
  CHECK(threads_per_rank(0, 16, 4) == 4);
  CHECK(threads_per_rank(0, 16, 3) == 5);
  CHECK(threads_per_rank(2, 16, 4) == 2);
  CHECK(threads_per_rank(0, 8, 0) == 8);
}

TEST_CASE("children handed to workers come back as the serial evaluator makes them") {
  configure_threads(1);
  Bench bench;
  const auto batch = bench.batch(4, 99);
  const auto serial = bench.evaluator.evaluate_batch(batch);

  FakeWorld world(2, bench.evaluator, bench.identity);
  auto distributed = bench.dispatcher(world);
  REQUIRE(distributed.admit_workers() == 2);
  std::vector<std::int64_t> heard;
  auto got = distributed.evaluate_batch(
      batch, [&](const Evaluation& e) { heard.push_back(e.record.index); }, {});
  REQUIRE(got.size() == 4);
  CHECK(heard.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) check_same(got[i], serial[i]);
  // Both workers trained: the batch was shared out, not sent to one.
  CHECK(world.trained_by_.size() == 4);
  std::set<int> ranks;
  for (const auto& [index, by] : world.trained_by_) ranks.insert(by.at(0));
  CHECK(ranks == std::set<int>{1, 2});

  // The first scored child's weights came back (no best was known), and the child rank 0 built
  // from them scores the validation set exactly as the worker did.
  const auto first = std::find_if(got.begin(), got.end(),
                                  [](const Evaluation& e) { return scored(e.record.status); });
  REQUIRE(first != got.end());
  REQUIRE(first->child.has_value());
  auto rescored = score_samples(*first->child, bench.data.validation.samples,
                                bench.config.score.lambda, c10::Device(c10::kCPU));
  CHECK(to_doubles(rescored) == first->validation_scores);
  distributed.stop_workers();
  CHECK(world.sent_[1].back() == Tag::Stop);
  CHECK(world.sent_[2].back() == Tag::Stop);
}

TEST_CASE("a worker that dies mid-trial has its trial trained once more by another") {
  configure_threads(1);
  Bench bench;
  const auto batch = bench.batch(3, 5);
  const auto serial = bench.evaluator.evaluate_batch(batch);

  FakeWorld world(2, bench.evaluator, bench.identity);
  world.dies_on_task(1, 1);
  auto distributed = bench.dispatcher(world);
  REQUIRE(distributed.admit_workers() == 2);
  auto got = distributed.evaluate_batch(batch, {}, {});
  for (std::size_t i = 0; i < 3; ++i) check_same(got[i], serial[i]);
  // Rank 1 took trial 10 first and died; rank 2 trained it and everything after.
  CHECK(world.trained_by_[10] == std::vector<int>{1, 2});
  CHECK(world.trained_by_[11] == std::vector<int>{2});
  const auto stats = distributed.stats();
  CHECK_FALSE(stats.at(0).alive);
  CHECK(stats.at(1).alive);
  CHECK(stats.at(1).trials == 3);
}

TEST_CASE("a trial lost on two workers is recorded as failed, and with none left rank 0 trains") {
  configure_threads(1);
  Bench bench;
  const auto batch = bench.batch(3, 5);
  const auto serial = bench.evaluator.evaluate_batch(batch);

  // Ranks 1 and 2 die on their first task, rank 3 on its second.
  FakeWorld world(3, bench.evaluator, bench.identity);
  world.dies_on_task(1, 1);
  world.dies_on_task(2, 1);
  world.dies_on_task(3, 2);
  auto distributed = bench.dispatcher(world);
  REQUIRE(distributed.admit_workers() == 3);
  auto got = distributed.evaluate_batch(batch, {}, {});
  REQUIRE(got.size() == 3);
  // Trial 12 was rank 3's first task: done. Trials 10 and 11 were lost with ranks 1 and 2 and
  // handed out again: 11 first (the later loss goes to the front), to rank 3, which died too.
  CHECK(world.trained_by_[10] == std::vector<int>{1});
  CHECK(world.trained_by_[11] == std::vector<int>{2, 3});
  CHECK(world.trained_by_[12] == std::vector<int>{3});
  CHECK(got[1].record.status == TrialStatus::Failed);
  CHECK(got[1].record.reward == 0.0);
  CHECK(got[1].record.index == 11);
  CHECK(test::contains(got[1].record.message, "lost twice: ranks 2 and 3"));
  CHECK_FALSE(got[1].record.description.empty());
  check_same(got[0], serial[0]);  // trained by rank 0 itself, once no worker was left
  check_same(got[2], serial[2]);
  for (const auto& worker : distributed.stats()) CHECK_FALSE(worker.alive);
}

TEST_CASE("the costliest children are handed out first, and the records do not change") {
  CHECK(longest_first({1.0, 3.0, 2.0, 3.0}) == std::vector<std::size_t>{1, 3, 2, 0});
  CHECK(longest_first({}).empty());

  configure_threads(1);
  Bench bench;
  const auto batch = bench.batch(4, 3);
  const auto serial = bench.evaluator.evaluate_batch(batch);
  FakeWorld world(2, bench.evaluator, bench.identity);
  auto distributed = bench.dispatcher(world);
  const std::map<sdk::Architecture, double> costs{{batch[0].architecture, 1.0},
                                                  {batch[1].architecture, 5.0},
                                                  {batch[2].architecture, 2.0},
                                                  {batch[3].architecture, 9.0}};
  distributed.estimate_costs_with([&](const sdk::Architecture& a) { return costs.at(a); });
  REQUIRE(distributed.admit_workers() == 2);
  std::vector<std::int64_t> order;
  auto got = distributed.evaluate_batch(
      batch, [&](const Evaluation& e) { order.push_back(e.record.index); }, {});
  // Trials 13 (cost 9) and 11 (5) go out first, to ranks 1 and 2, then 12 and 10.
  CHECK(world.trained_by_[13] == std::vector<int>{1});
  CHECK(world.trained_by_[11] == std::vector<int>{2});
  CHECK(order == std::vector<std::int64_t>{13, 11, 12, 10});
  for (std::size_t i = 0; i < 4; ++i) check_same(got[i], serial[i]);
}

TEST_CASE("timing a training step updates no weight") {
  configure_threads(1);
  Bench bench;
  const auto architecture = bench.batch(1).at(0).architecture;
  auto child = bench.evaluator.build(architecture);
  std::vector<at::Tensor> before;
  for (const auto& p : child.model->parameters()) before.push_back(p.detach().clone());
  REQUIRE_FALSE(before.empty());
  CHECK(time_training_step(child, bench.data.train.slice(0, 0, 8), c10::Device(c10::kCPU)) > 0.0);
  const auto after = child.model->parameters();
  REQUIRE(after.size() == before.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    CHECK(after[i].grad().defined());  // the backward pass ran
    CHECK(torch::equal(after[i].detach(), before[i]));
  }
  CHECK(bench.evaluator.step_seconds(architecture) > 0.0);
}

TEST_CASE("a worker that sees other data or another config is left out") {
  configure_threads(1);
  Bench bench;
  FakeWorld world(2, bench.evaluator, bench.identity);
  WorkerHello other{"fake2", 1, "another fingerprint", "space", "config", ""};
  world.greets_with(2, other);
  auto distributed = bench.dispatcher(world);
  CHECK(distributed.admit_workers() == 1);
  CHECK(world.sent_[2] == std::vector<Tag>{Tag::Stop});
  auto got = distributed.evaluate_batch(bench.batch(2), {}, {});
  CHECK(world.trained_by_[10] == std::vector<int>{1});
  CHECK(world.trained_by_[11] == std::vector<int>{1});
}
