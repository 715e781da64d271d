#include "cli/RunSearch.hpp"

#include <fmt/format.h>

#include <cmath>
#include <iostream>

#include "compute/Device.hpp"
#include "distributed/DistributedEvaluator.hpp"
#include "distributed/Worker.hpp"
#include "log/Logging.hpp"
#include "report/HtmlReport.hpp"

namespace autood {
namespace {

// The finals beside their search rewards, and the model they made.
// A test metric, or "-" where it is unmeasured (NaN: a test set without outliers, say).
std::string metric(double value) { return std::isnan(value) ? "-" : fmt::format("{:.4f}", value); }

void print_finals(const FinalOutcome& finals, std::int64_t search_best) {
  std::cout << fmt::format("\nFinal training of the {} best architectures:\n",
                           finals.finals.size());
  std::cout << "  rank  trial  search val  final val  test AUROC  epochs  in model\n";
  for (const auto& f : finals.finals) {
    const auto& r = f.record;
    std::cout << fmt::format(
        "  {:>4}  {:>5}  {:>10.4f}  {:>9}  {:>10}  {:>6}  {}\n", f.rank, r.index + 1,
        f.search_reward, scored(r.status) ? fmt::format("{:.4f}", r.reward) : "-",
        scored(r.status) ? metric(r.test.auroc) : std::string(to_string(r.status)), r.epochs,
        f.in_model ? "yes" : "");
  }
  if (finals.model_trials.empty()) {
    std::cout << "No final trained; the model is the search's best child (trial " << search_best + 1
              << ").\n";
    return;
  }
  std::string members;
  for (auto t : finals.model_trials)
    members += (members.empty() ? "" : ", ") + std::to_string(t + 1);
  std::cout << fmt::format(
      "Model: {} {}, validation {:.4f}; test AUROC {}  AUPR-In {}  AUPR-Out {}\n",
      finals.ensemble ? "an ensemble of the finals of trials" : "the final of trial", members,
      finals.reward, metric(finals.test.auroc), metric(finals.test.aupr_in),
      metric(finals.test.aupr_out));
}

void print_result(const SearchResult& result, SearchSession& session) {
  auto& run = session.run_folder();
  const auto& data = session.data();
  if (!result.best) {
    std::cout << "No child trained successfully; see " << run.store().path() << "\n";
    return;
  }
  const auto& best = result.trials[*result.best];
  const auto spec = session.space().decode(best.architecture);
  std::cout << fmt::format(
      "\nBest model: trial {} of {}, validation {} {:.4f}\n", best.index + 1, result.trials.size(),
      data.pixel_level() ? "pixel " + data.pixel_metric : "AUROC", best.reward);
  std::cout << fmt::format("  hypothesis {}, distance {}\n", spec.hypothesis, spec.distance);
  auto op = [](const OpSpec& o) { return o.op.empty() ? std::string("identity") : o.op; };
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    const auto& layer = spec.layers[i];
    std::string args;
    for (const auto* o : {&layer.transform, &layer.pool, &layer.norm, &layer.activation})
      for (const auto& [name, value] : o->args)
        args += fmt::format(" {}.{}={}", op(*o), name, value);
    std::cout << fmt::format("  layer {}: {} {} {} {} |{}\n", i + 1, op(layer.transform),
                             op(layer.pool), op(layer.norm), op(layer.activation), args);
  }
  const auto test_normal = data.test.is_outlier.size() - data.test.outliers();
  if (data.test.outliers() == 0)
    std::cout << fmt::format(
        "Test metrics: not measured, since the test set holds {} in-distribution samples and no "
        "outlier\n",
        test_normal);
  else
    std::cout << fmt::format(
        "Test metrics of this search child ({} in-distribution + {} outliers):\n"
        "  AUROC     {:.4f}\n  AUPR-In   {:.4f}\n  AUPR-Out  {:.4f}\n",
        test_normal, data.test.outliers(), best.test.auroc, best.test.aupr_in, best.test.aupr_out);
  if (best.pixel_level)
    std::cout << fmt::format("  pixel AUROC {:.4f}\n  PRO (FPR <= 0.3) {:.4f}\n",
                             best.test_pixels.pixel_auroc, best.test_pixels.pro);
  if (const auto& finals = session.finals()) print_finals(*finals, best.index);
  std::cout << "Run folder: " << run.path().string() << "\n";
  std::cout << "Trials:     " << run.store().path() << "\n";
  std::cout << "Model:      " << (run.path() / "best").string()
            << "  (apply it: autood score --model " << (run.path() / "best").string()
            << " --input FILE --out scores.csv)\n";
  std::cout << "Report:     " << (run.path() / "report.html").string() << "\n";
}

void log_worker_stats(const DistributedEvaluator& distributed) {
  const double wall = distributed.batch_seconds();
  for (const auto& worker : distributed.stats())
    host_logger().info(
        fmt::format("rank {} on {}: {} children, busy {:.1f} s of {:.1f} s ({:.0f}% idle){}",
                    worker.rank, worker.host, worker.trials, worker.busy_seconds, wall,
                    wall > 0 ? 100.0 * (1.0 - worker.busy_seconds / wall) : 0.0,
                    worker.alive ? "" : ", taken for dead"));
}

void try_send(Transport& transport, int rank, Tag tag) {
  try {
    transport.send(rank, tag, {});
  } catch (const std::exception&) {  // that rank is gone already; nothing is owed to it
  }
}

// A worker rank: the same config, plugins and data as rank 0, then children until told to stop.
int run_worker(const CommonOptions& common, MpiWorld& world, Liveness liveness) {
  WorkerHello hello;
  hello.host = world.host();
  std::unique_ptr<Session> session;
  std::unique_ptr<EvaluationSetup> setup;
  try {
    session = open_session(common);
    if (common.log_level == "info") set_log_level("warn");  // rank 0 tells the story once
    auto& config = session->config;
    config.train.threads = world.thread_share(config.train.threads);
    setup = prepare_evaluation(config, session->registry, host_logger());
    const auto identity =
        identity_of(RunContext{config, session->registry, *setup->space, setup->data});
    hello.threads = config.train.threads;
    hello.data_fingerprint = identity.data_fingerprint;
    hello.space = identity.space_json;
    hello.config = identity.config_toml;
  } catch (const std::exception& error) {
    // Rank 0 leaves this worker out, names why, and searches on with the others. Exit 0: under
    // Open MPI's mpirun any other code would end the whole job.
    hello.error = error.what();
    host_logger().warn(hello.error);
    world.send(0, Tag::Hello, encode(hello));
    world.flush(liveness.timeout);
    return 0;
  }
  return serve_as_worker(world, *setup->evaluator, hello, liveness, host_logger());
}

}  // namespace

SearchOutcome run_search(const CommonOptions& common, const std::string& run_dir,
                         SearchSession::Mode mode, bool print, MpiWorld* world, Liveness liveness) {
  auto session = open_session(common);
  const auto threads = session->config.train.threads;
  if (world) session->config.train.threads = world->thread_share(threads);
  const auto dir =
      run_dir.empty() ? default_run_dir(session->config.file) : std::filesystem::path(run_dir);
  SearchSession search(session->config, session->registry, dir, mode, host_logger());
  std::unique_ptr<DistributedEvaluator> distributed;
  if (world) {
    const auto identity =
        identity_of(RunContext{session->config, session->registry, search.space(), search.data()});
    distributed = std::make_unique<DistributedEvaluator>(*world, search.evaluator(), identity,
                                                         liveness, host_logger());
    const int workers = distributed->admit_workers();
    if (workers > session->config.search.batch)
      host_logger().warn(fmt::format(
          "{} workers but batches of {} children: {} of them will sit idle; raise search.batch "
          "to at least the number of workers",
          workers, session->config.search.batch, workers - session->config.search.batch));
    search.distribute(*distributed, [&] {
      distributed->stop_workers();
      log_worker_stats(*distributed);
      // The workers have gone: the final training may use the node's cores, as a serial run does.
      configure_threads(threads);
    });
  }
  auto result = search.run();
  write_report(search.run_folder().path(), host_logger());
  if (print) print_result(result, search);
  SearchOutcome outcome;
  outcome.run_dir = dir;
  outcome.found_model = result.best.has_value();
  for (const auto& trial : result.trials) outcome.rewards.push_back(trial.reward);
  return outcome;
}

void add_distributed_options(CLI::App& command, DistributedOptions& options) {
  command
      .add_option("--worker-timeout", options.worker_timeout,
                  "Under MPI: seconds a training worker (or, to a worker, rank 0) may stay silent "
                  "before it is taken for dead")
      ->check(CLI::Range(1.0, 86400.0))
      ->capture_default_str();
}

int search_command(const CommonOptions& common, const std::string& run_dir,
                   SearchSession::Mode mode, const DistributedOptions& options) {
  auto world = join_mpi_world();
  if (!world) return run_search(common, run_dir, mode, true).found_model ? 0 : 1;
  Liveness liveness;
  liveness.timeout = std::chrono::milliseconds(static_cast<long>(options.worker_timeout * 1000));
  liveness.heartbeat = std::max(std::chrono::milliseconds(100), liveness.timeout / 10);
  set_log_rank(world->rank());
  if (world->rank() != 0) return run_worker(common, *world, liveness);
  try {
    return run_search(common, run_dir, mode, true, world.get(), liveness).found_model ? 0 : 1;
  } catch (...) {
    // Failed before or during the search: the workers must not wait for their timeout.
    for (int rank = 1; rank < world->size(); ++rank) try_send(*world, rank, Tag::Stop);
    world->flush(std::chrono::seconds(2));
    throw;
  }
}

}  // namespace autood
