#include "train/ChildTrainer.hpp"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "autood/sdk/errors.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "io/CrashPoint.hpp"
#include "model/ChildModel.hpp"
#include "model/ChildScoring.hpp"

namespace autood {
namespace {

using Clock = std::chrono::steady_clock;
// Hypotheses see a sample of the training latents at init and after each epoch: up to 2048
// samples, fewer for wide latents so that the sample stays within 64M values.
std::int64_t latent_sample_size(std::int64_t latent_dim) {
  return std::clamp<std::int64_t>((std::int64_t{1} << 26) / std::max<std::int64_t>(latent_dim, 1),
                                  64, 2048);
}
void set_learning_rate(torch::optim::Adam& optimizer, double lr) {
  for (auto& group : optimizer.param_groups())
    static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);
}

double decayed_lr(double base, std::int64_t step, std::int64_t total) {
  if (step >= total * 3 / 4) return base * 0.01;
  if (step >= total / 2) return base * 0.1;
  return base;
}

// The rows `index` of every defined tensor of a batch's encoding.
sdk::Encoded select_rows(const sdk::Encoded& encoded, const at::Tensor& index) {
  auto rows = [&](const at::Tensor& t) { return t.defined() ? t.index_select(0, index) : t; };
  return {rows(encoded.z), rows(encoded.dist), rows(encoded.relative_error), rows(encoded.cosine),
          rows(encoded.label)};
}

// One training step's loss: the mean distance plus the hypothesis's training term. With labelled
// outliers in the batch (label 1), both are taken over its normal samples only, so that the
// autoencoder never learns to reconstruct an outlier; a hypothesis that uses labels gets the
// whole batch and the labels instead.
at::Tensor step_loss(Child& child, const at::Tensor& x, const at::Tensor& label) {
  auto output = child.model->forward(x);
  auto encoded = encode_batch(child, x, output);
  if (!label.defined()) return encoded.dist.mean() + child.hypothesis->training_term(encoded);
  const auto normal = label.lt(0.5);
  const auto normals = normal.sum().item<std::int64_t>();
  auto distance_term =
      (encoded.dist * normal).sum() / static_cast<double>(std::max<std::int64_t>(normals, 1));
  if (child.hypothesis_uses_labels) {
    encoded.label = label;
    return distance_term + child.hypothesis->training_term(encoded);
  }
  if (normals == 0) return distance_term;  // a batch of outliers only: nothing to learn from
  return distance_term +
         child.hypothesis->training_term(select_rows(encoded, normal.nonzero().squeeze(1)));
}

}  // namespace

double time_training_step(Child& child, const at::Tensor& batch, c10::Device device) {
  child.model->to(device);
  child.hypothesis->to(device);
  child.model->train();
  child.hypothesis->train();
  const auto x = batch.to(device);
  child.hypothesis->initialize(latent_pass(child, x, device));
  double best = 0.0;
  for (int round = 0; round < 2; ++round) {  // the first also allocates; the second is the step
    const auto started = Clock::now();
    step_loss(child, x, {}).backward();
    best = std::chrono::duration<double>(Clock::now() - started).count();
  }
  return best;
}

at::Tensor TrainingSet::normal_samples(std::int64_t limit) const {
  if (!outlier.defined()) return samples.slice(0, 0, std::min(samples.size(0), limit));
  auto rows = outlier.lt(0.5).nonzero().squeeze(1);
  return samples.index_select(0, rows.slice(0, 0, std::min(rows.size(0), limit)));
}

TrainOutcome train_child(Child& child, const TrainingSet& train, const TrainConfig& config,
                         std::uint64_t seed, c10::Device device, TrainObserver* observer) {
  TrainOutcome outcome;
  const auto started = Clock::now();
  child.model->to(device);
  child.hypothesis->to(device);
  child.model->train();
  child.hypothesis->train();

  const std::int64_t n = train.samples.size(0);
  const auto sample_size = latent_sample_size(child.model->latent_shape().numel());
  const at::Tensor sample = train.normal_samples(sample_size);
  if (sample.size(0) == 0)
    throw sdk::InputError("the training data holds no normal sample, only labelled outliers" +
                          std::string(n > 0 ? " (is train.subset too small?)" : ""));
  child.hypothesis->initialize(latent_pass(child, sample, device));
  if (observer) observer->after_initialize(child);

  auto parameters = child.model->parameters();
  for (auto& p : child.hypothesis->parameters()) parameters.push_back(p);
  torch::optim::Adam optimizer(parameters, torch::optim::AdamOptions(config.lr));
  auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);

  const std::int64_t batches = (n + config.batch_size - 1) / config.batch_size;
  const std::int64_t total_steps = batches * config.epochs;
  for (std::int64_t epoch = 0; epoch < config.epochs; ++epoch) {
    auto order = config.shuffle ? torch::randperm(n, generator, torch::kLong)
                                : torch::arange(n, torch::kLong);
    for (std::int64_t b = 0; b < batches; ++b) {
      set_learning_rate(optimizer, decayed_lr(config.lr, outcome.steps, total_steps));
      auto index = order.slice(0, b * config.batch_size, std::min(n, (b + 1) * config.batch_size));
      auto label =
          train.outlier.defined() ? train.outlier.index_select(0, index).to(device) : at::Tensor();
      auto loss = step_loss(child, train.samples.index_select(0, index).to(device), label);
      outcome.final_loss = loss.item<double>();
      if (!std::isfinite(outcome.final_loss)) {
        outcome.diverged = true;
        outcome.message = "loss became " + std::to_string(outcome.final_loss) + " at step " +
                          std::to_string(outcome.steps);
        return outcome;
      }
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
      if (observer) observer->after_step(outcome.steps, outcome.final_loss);
      crash_point("train-step");
      ++outcome.steps;
      double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
      if (config.max_seconds > 0 && elapsed > config.max_seconds) {
        outcome.hit_time_cap = true;
        outcome.message = "stopped at the wall-time cap of " + std::to_string(config.max_seconds) +
                          " s after " + std::to_string(outcome.steps) + " steps";
        outcome.epochs = epoch;
        break;
      }
    }
    // Also after a cut epoch: DAGMM refits its mixture and SVDD sets its radius here, without
    // which a capped child would score against state fitted before training.
    child.hypothesis->end_epoch(latent_pass(child, sample, device));
    if (outcome.hit_time_cap) return outcome;
    outcome.epochs = epoch + 1;
    if (observer && epoch + 1 < config.epochs) {
      const bool go_on = observer->after_epoch(child, outcome.epochs);
      child.model->train();
      child.hypothesis->train();
      if (!go_on) {
        outcome.stopped = true;
        return outcome;
      }
    }
  }
  return outcome;
}

}  // namespace autood
