// The random-search baseline: every decision drawn uniformly, whatever the rewards. Its state
// is the generator's, so a resumed search proposes what the uninterrupted one would have.
#include <random>
#include <sstream>
#include <string>

#include "UniformDraw.hpp"
#include "autood/sdk/controller.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/plugin.hpp"

namespace {
using autood::sdk::Architecture;

class RandomController : public autood::sdk::Controller {
 public:
  RandomController(std::vector<std::int64_t> counts, std::uint64_t seed)
      : counts_(std::move(counts)), rng_(seed) {}

  std::vector<Architecture> propose(std::size_t count) override {
    std::vector<Architecture> batch;
    for (std::size_t i = 0; i < count; ++i)
      batch.push_back(autood::controllers::uniform_architecture(counts_, rng_));
    return batch;
  }
  void observe(const std::vector<autood::sdk::Observation>&) override {}

  // "space C1 C2 ...", then the generator. A state of another space is refused: the same draws
  // would mean other architectures. A bare generator (an earlier autood's state) is still read.
  std::string save_state() const override {
    std::ostringstream out;
    out << space() << '\n' << rng_;
    return out.str();
  }
  void load_state(const std::string& state) override {
    std::istringstream in(state);
    if (state.rfind("space", 0) == 0) {
      std::string saved;
      std::getline(in, saved);
      if (saved != space())
        throw autood::sdk::InputError(
            "random controller: the saved state is of another search "
            "space (" +
            saved + ", this search's: " + space() + ")");
    }
    in >> rng_;
    if (!in)
      throw autood::sdk::InputError("random controller: the saved state is not a generator state");
  }

 private:
  std::string space() const {
    std::string text = "space";
    for (auto count : counts_) text += " " + std::to_string(count);
    return text;
  }

  std::vector<std::int64_t> counts_;
  std::mt19937_64 rng_;
};

void register_random(autood::sdk::Registrar& registrar) {
  autood::sdk::ControllerChoice choice;
  choice.name = "random";
  choice.summary = "uniform random search";
  choice.create = [](const autood::sdk::ControllerContext& context) {
    return std::make_shared<RandomController>(context.option_counts, context.seed);
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("random", "1.0.0", register_random)
