#pragma once
#include "autood/sdk/choices.hpp"
#include "autood/sdk/module.hpp"

namespace autood::sdk {

// What the autoencoder made of N samples: everything a hypothesis may define outliers by.
// Every tensor has N rows; the feature tensors may be undefined where a caller (a test) does not
// need them.
struct Encoded {
  at::Tensor z;               // [N, latent_dim], the flattened latent code
  at::Tensor dist;            // [N], the searched distance between a sample and its reconstruction
  at::Tensor relative_error;  // [N], |x - x'|_2 / |x|_2 (DAGMM's relative Euclidean distance)
  at::Tensor cosine;          // [N], x . x' / (|x|_2 |x'|_2) (DAGMM's cosine similarity)
  // [N] float, 1 for a labelled outlier and 0 for a normal sample. Defined only in training
  // batches handed to a hypothesis that declares uses_labels, and only when the training split
  // holds labelled outliers (data.train_outliers > 0); never when scoring.
  at::Tensor label;
};

// The two reconstruction features of DAGMM (Zong et al. 2018, Eq. 2) per sample, from inputs and
// reconstructions of any shape [N, ...]; differentiable. A zero norm counts as a tiny one.
AUTOOD_SDK_API Encoded encode(const at::Tensor& z, const at::Tensor& dist, const at::Tensor& input,
                              const at::Tensor& reconstruction);

// An outlier definition (paper Table I). A hypothesis may own parameters (cluster centres, an
// estimation network); they are trained with the autoencoder.
class AUTOOD_SDK_API Hypothesis : public torch::nn::Module {
 public:
  ~Hypothesis() override;

  // Called once before training, with a sample of the normal training data (e.g. to place a
  // centre); labelled outliers are never in it.
  virtual void initialize(const Encoded& training);

  // The term added to the training loss for one batch: a scalar.
  virtual at::Tensor training_term(const Encoded& batch) = 0;

  // REG(f(x)) of score(x) = DIST + lambda * REG, per sample [N]. A sample's value must depend on
  // that sample alone, never on the rest of the batch: the host scores in batches of one fixed
  // shape, and a saved model must score a sample as the search did whatever its neighbours. Where
  // a step amplifies rounding (a near-singular covariance), compute it in double.
  virtual at::Tensor score_term(const Encoded& samples) = 0;

  // Called after every epoch with the same sample of normal training data (e.g. to set a radius).
  virtual void end_epoch(const Encoded& training);
};

}  // namespace autood::sdk
