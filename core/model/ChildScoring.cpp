#include "model/ChildScoring.hpp"

#include <torch/torch.h>

#include <algorithm>
#include <cstdint>

#include "autood/sdk/distance.hpp"

namespace autood {
namespace {

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

// The first `rows` rows of a batch's result: the real samples, without the padding.
at::Tensor real_rows(const at::Tensor& result, std::int64_t rows) {
  return result.slice(0, 0, rows);
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

}  // namespace

sdk::Encoded encode_batch(Child& child, const at::Tensor& x, const ChildModel::Output& output) {
  return sdk::encode(output.latent, child.distance->per_sample(output.reconstruction, x), x,
                     output.reconstruction);
}

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

at::Tensor score_maps(Child& child, const at::Tensor& samples, c10::Device device) {
  std::vector<at::Tensor> maps;
  for_each_batch(child, samples, device,
                 [&](const at::Tensor& x, const ChildModel::Output& output, std::int64_t rows) {
                   auto map = child.distance->per_pixel(output.reconstruction, x);
                   maps.push_back(real_rows(map, rows).to(torch::kCPU, torch::kDouble));
                 });
  return torch::cat(maps);
}

std::vector<double> to_doubles(const at::Tensor& scores) {
  auto cpu = scores.to(torch::kCPU, torch::kDouble).contiguous();
  return std::vector<double>(cpu.data_ptr<double>(), cpu.data_ptr<double>() + cpu.numel());
}

bool all_finite(const at::Tensor& scores) { return torch::isfinite(scores).all().item<bool>(); }

}  // namespace autood
