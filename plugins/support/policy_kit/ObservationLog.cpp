#include "ObservationLog.hpp"

#include <torch/torch.h>

#include "autood/sdk/errors.hpp"

namespace autood::controllers {

void ObservationLog::add(const std::vector<sdk::Observation>& observations) {
  for (const auto& o : observations) {
    if (static_cast<std::int64_t>(o.architecture.size()) != decisions_)
      throw sdk::InputError("an observation has " + std::to_string(o.architecture.size()) +
                            " decisions, the search space " + std::to_string(decisions_));
    architectures_.push_back(o.architecture);
    rewards_.push_back(o.reward);
  }
}

void ObservationLog::save(StateArchive& archive, const std::string& prefix) const {
  const auto n = static_cast<std::int64_t>(size());
  auto architectures = torch::empty({n, decisions_}, torch::kLong);
  auto a = architectures.accessor<std::int64_t, 2>();
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t t = 0; t < decisions_; ++t) a[i][t] = architectures_[i][t];
  archive.put_int(prefix + "size", n);
  archive.put_tensor(prefix + "architectures", architectures);
  archive.put_tensor(prefix + "rewards", torch::tensor(rewards_, torch::kDouble).view({n}));
}

void ObservationLog::load(const StateArchive& archive, const std::string& prefix) {
  const std::int64_t n = archive.get_int(prefix + "size");
  if (n < 0) throw sdk::InputError("the saved state has a negative log size");
  auto architectures =
      archive.get_tensor(prefix + "architectures", {n, decisions_}).to(torch::kLong).contiguous();
  auto rewards = archive.get_tensor(prefix + "rewards", {n}).to(torch::kDouble).contiguous();
  architectures_.assign(n, sdk::Architecture(decisions_));
  auto a = architectures.accessor<std::int64_t, 2>();
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t t = 0; t < decisions_; ++t) architectures_[i][t] = a[i][t];
  rewards_.assign(rewards.data_ptr<double>(), rewards.data_ptr<double>() + n);
}

}  // namespace autood::controllers
