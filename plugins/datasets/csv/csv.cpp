// Dataset loader for tabular data in CSV: a header row, numeric features and an optional label
// column. Samples are [N, D] as read; the protocol standardises them with the training split's
// statistics, since only it knows the split. Labels are numbered in the order of their sorted
// names (so "0", "1" stay 0 and 1).
#include <torch/torch.h>

#include <algorithm>

#include "autood/sdk/dataset.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/log.hpp"
#include "autood/sdk/plugin.hpp"
#include "csv_reader.hpp"

namespace {

class CsvLoader : public autood::sdk::DatasetLoader {
 public:
  autood::sdk::Dataset load(const autood::sdk::Params& params, autood::sdk::Logger& log) override {
    const auto& path = params.get_string("path");
    if (path.empty()) throw autood::sdk::InputError("data.source.path must name a CSV file");
    auto table = autood_csv::read_table(path, params.get_string("label_column"));
    autood::sdk::Dataset data;
    const auto rows = static_cast<std::int64_t>(table.rows);
    const auto columns = static_cast<std::int64_t>(table.feature_names.size());
    data.samples = torch::tensor(table.values, torch::kDouble).reshape({rows, columns}).to(torch::kFloat);
    if (!table.labels.empty()) {
      data.class_names = table.labels;
      std::sort(data.class_names.begin(), data.class_names.end());
      data.class_names.erase(std::unique(data.class_names.begin(), data.class_names.end()), data.class_names.end());
      std::vector<std::int64_t> labels;
      for (const auto& label : table.labels)
        labels.push_back(std::lower_bound(data.class_names.begin(), data.class_names.end(), label) - data.class_names.begin());
      data.labels = torch::tensor(labels, torch::kLong);
    }
    data.description = path + " (" + std::to_string(rows) + " rows, " + std::to_string(columns) + " features)";
    log.info("csv: " + data.description);
    return data;
  }
};

void register_csv(autood::sdk::Registrar& registrar) {
  autood::sdk::DatasetChoice choice;
  choice.name = "csv";
  choice.summary = "tabular data: a CSV file with a header row and a label column";
  choice.params = {
      {"path", std::string(), "the CSV file"},
      {"label_column", std::string("label"), "the column holding the class; \"\" for none"},
  };
  choice.create = [] { return std::make_shared<CsvLoader>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("csv", "1.0.0", register_csv)
