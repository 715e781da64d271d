#pragma once
#include <string>

#include "data/DataSplits.hpp"

namespace autood {

// A hash of every sample and label of the three splits, as hex: two runs whose data differs in
// any value, order or split get different fingerprints, so that resume can refuse changed data.
std::string data_fingerprint(const DataSplits& splits);

}  // namespace autood
