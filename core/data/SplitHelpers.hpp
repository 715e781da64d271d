#pragma once
// What the protocols share: selecting rows, contaminating a normal set with outliers at a rate,
// and cutting a shuffled list by the train : validation : test fractions.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

#include "data/DataSplits.hpp"

namespace autood {

at::Tensor select_rows(const at::Tensor& samples, const std::vector<std::int64_t>& index);

// The normal rows of `normal_source` then the outlier rows of `outlier_source`, labelled.
LabelledSet contaminated(const at::Tensor& normal_source, const std::vector<std::int64_t>& normal,
                         const at::Tensor& outlier_source,
                         const std::vector<std::int64_t>& outliers);

// How many outliers make up `contamination` of a set with `normal` normal samples (at least 1).
std::int64_t outliers_for(std::size_t normal, double contamination);

struct ThreeWay {
  std::vector<std::int64_t> train, validation, test;
};
// Cuts `items` (already shuffled) by split = {train, validation, test} weights. Throws
// sdk::InputError when a part would be empty, saying how many items there are, from `source`
// (where they came from, for the message), and how many the cut needs.
ThreeWay split_three_ways(const std::vector<std::int64_t>& items, const std::vector<double>& split,
                          const std::string& source);
// The same cut when the test set comes from elsewhere ([data.test]): train and validation by the
// first two figures of `split`; `test` stays empty.
ThreeWay split_train_validation(const std::vector<std::int64_t>& items,
                                const std::vector<double>& split, const std::string& source);
// The fewest items the cut above leaves no part of empty: split_train_validation's when
// `test_given`, else split_three_ways's.
std::size_t fewest_to_split(const std::vector<double>& split, bool test_given);

// Whether class `c` is one of `classes`.
bool contains(const std::vector<std::int64_t>& classes, std::int64_t c);

// Throws sdk::InputError when a class of `classes` has no sample in `labels`, naming the config
// `key` and saying which classes the data does have (a range when they are contiguous).
void check_classes_present(const at::Tensor& labels, const std::vector<std::int64_t>& classes,
                           const std::string& description,
                           const std::string& key = "data.normal_classes");

// Every row of a separate test source, in its order; the rows whose label is not in
// `normal_classes` are outliers. With `outlier_classes` given, the outliers of other classes are
// left out. Each row's source_index is its row in that source.
LabelledSet whole_test_set(const at::Tensor& samples, const at::Tensor& labels,
                           const std::vector<std::int64_t>& normal_classes,
                           const std::vector<std::int64_t>& outlier_classes = {});

}  // namespace autood
