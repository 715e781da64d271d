#include "HistoryController.hpp"

#include "StateArchive.hpp"

namespace autood::controllers {

HistoryController::HistoryController(std::vector<std::int64_t> counts, std::uint64_t seed,
                                     std::string what)
    : counts_(std::move(counts)),
      rng_(seed),
      log_(static_cast<std::int64_t>(counts_.size())),
      what_(std::move(what)) {}

void HistoryController::observe(const std::vector<sdk::Observation>& observations) {
  log_.add(observations);
}

std::string HistoryController::save_state() const {
  StateArchive archive;
  archive.put_engine("rng", rng_);
  log_.save(archive, "log.");
  return archive.bytes();
}

void HistoryController::load_state(const std::string& state) {
  auto archive = StateArchive::parse(state, what_);
  archive.get_engine("rng", rng_);
  log_.load(archive, "log.");
}

}  // namespace autood::controllers
