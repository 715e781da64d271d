#include "train/ChildTrainer.hpp"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "autood/sdk/distance.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "io/CrashPoint.hpp"
#include "model/ChildModel.hpp"

namespace autood {
namespace {

using Clock = std::chrono::steady_clock;
// Hypotheses see a sample of the training latents at init and after each epoch: up to 2048
// samples, fewer for wide latents so that the sample stays within 64M values.
std::int64_t latent_sample_size(std::int64_t latent_dim) {
  return std::clamp<std::int64_t>((std::int64_t{1} << 26) / std::max<std::int64_t>(latent_dim, 1),
                                  64, 2048);
}
// Scoring runs in batches of one fixed number of rows, the last one padded with copies of its own
// samples, so that a sample's score never depends on which samples are scored beside it: the
// search scores its validation and test splits, `autood score` a whole file, and both must agree.
// LibTorch's CPU kernels are not batch-invariant: a vectorised loop treats a tensor's tail
// apart, and BLAS blocks by the batch's width. With every batch of one shape, a multiple of 32
// rows, every batch takes the same path; what still depends on a row's position within it (a
// batched matrix product) the op computes per sample (kit::linear_block, for dense). The rows
// depend only on the sample's size: 64, 32 for samples over 256k values. Few, because padding
// costs up to a batch per call and the search scores small sets (a 42-sample validation split
// padded to 512 rows made a one-epoch child 5 times slower).
std::int64_t score_batch_rows(const at::Tensor& samples) {
  const std::int64_t values = std::max<std::int64_t>(samples[0].numel(), 1);
  std::int64_t rows = 64;
  while (rows > 32 && rows * values > (std::int64_t{1} << 24)) rows /= 2;
  return rows;
}

// Runs the model in eval mode and without gradients over samples, in fixed-size batches (above),
// handing each batch, its output and how many of its rows are real (the first `rows`) to
// per_batch; the model is back in training mode afterwards.
template <class PerBatch>
void for_each_batch(Child& child, const at::Tensor& samples, c10::Device device,
                    PerBatch per_batch) {
  torch::NoGradGuard no_grad;
  child.model->eval();
  const std::int64_t n = samples.size(0);
  const std::int64_t size = n > 0 ? score_batch_rows(samples) : 1;
  for (std::int64_t start = 0; start < n; start += size) {
    const std::int64_t rows = std::min(size, n - start);
    auto x = samples.slice(0, start, start + rows);
    if (rows < size)
      x = torch::cat(
          {x,
           x.index_select(0, torch::arange(size - rows, x.options().dtype(torch::kLong)) % rows)});
    x = x.to(device);
    per_batch(x, child.model->forward(x), rows);
  }
  child.model->train();
}

// The first `rows` rows of a batch's result: the real samples, without the padding.
at::Tensor real_rows(const at::Tensor& result, std::int64_t rows) {
  return result.slice(0, 0, rows);
}

// What the hypothesis sees of one batch: latents, distances and reconstruction features.
sdk::Encoded encode_batch(Child& child, const at::Tensor& x, const ChildModel::Output& output) {
  return sdk::encode(output.latent, child.distance->per_sample(output.reconstruction, x), x,
                     output.reconstruction);
}

// The same for (a fixed sample of) the data, without gradients.
sdk::Encoded latent_pass(Child& child, const at::Tensor& samples, c10::Device device) {
  std::vector<at::Tensor> zs, dists, relative_errors, cosines;
  for_each_batch(child, samples, device,
                 [&](const at::Tensor& x, const ChildModel::Output& output, std::int64_t rows) {
                   auto encoded = encode_batch(child, x, output);
                   zs.push_back(real_rows(encoded.z, rows));
                   dists.push_back(real_rows(encoded.dist, rows));
                   relative_errors.push_back(real_rows(encoded.relative_error, rows));
                   cosines.push_back(real_rows(encoded.cosine, rows));
                 });
  return {torch::cat(zs), torch::cat(dists), torch::cat(relative_errors), torch::cat(cosines)};
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

at::Tensor score_samples(Child& child, const at::Tensor& samples, double lambda,
                         c10::Device device) {
  child.hypothesis->eval();
  std::vector<at::Tensor> scores;
  for_each_batch(child, samples, device,
                 [&](const at::Tensor& x, const ChildModel::Output& output, std::int64_t rows) {
                   auto encoded = encode_batch(child, x, output);
                   auto reg = child.hypothesis->score_term(encoded);
                   auto score = encoded.dist.to(torch::kDouble) + lambda * reg.to(torch::kDouble);
                   scores.push_back(real_rows(score, rows).to(torch::kCPU));
                 });
  return torch::cat(scores);
}

std::vector<double> to_doubles(const at::Tensor& scores) {
  auto cpu = scores.to(torch::kCPU, torch::kDouble).contiguous();
  return std::vector<double>(cpu.data_ptr<double>(), cpu.data_ptr<double>() + cpu.numel());
}

at::Tensor score_maps(Child& child, const at::Tensor& samples, c10::Device device) {
  std::vector<at::Tensor> maps;
  for_each_batch(child, samples, device,
                 [&](const at::Tensor& x, const auto& output, std::int64_t rows) {
                   auto map = child.distance->per_pixel(output.reconstruction, x);
                   maps.push_back(real_rows(map, rows).to(torch::kCPU, torch::kDouble));
                 });
  return torch::cat(maps);
}

}  // namespace autood
