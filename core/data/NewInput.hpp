#pragma once
// A dataset loader pointed at new data (`autood score --input`, Python's load_data): which option
// names its input, and what of an older source does not come along with it.
#include <string>
#include <vector>

#include "autood/sdk/choices.hpp"
#include "autood/sdk/log.hpp"

namespace autood {

// The option that names what a loader reads: "path" (csv, image_folder, npy, mvtec) or "images"
// (idx); "" for a loader that has neither, such as noise.
std::string input_option(const sdk::DatasetChoice& choice);

// Whether one of the "key=value" assignments in `given` sets `key`.
bool is_given(const std::vector<std::string>& given, const std::string& key);

// New data brings only what is given for it (`given`: "key=value" assignments). Every other file
// option is emptied (a value with a folder part or a file extension, such as idx's `labels`, whose
// default is the training labels, or the labels file of the source a model was searched with), and
// `limit` goes back to its default, so that new data has labels only when they are given and is
// read whole unless a limit is given. Options that describe the samples' format (an image size,
// channels, a CSV's label column) stay: a model needs samples of its own shape. Each left-out
// option is logged, with how to give it for the new data
// (`how_to_give`: "--loader-option " for the CLI, "" for Python's keywords).
void leave_out_old_source(sdk::Params& params, const sdk::DatasetChoice& choice,
                          const std::vector<std::string>& given, const std::string& how_to_give,
                          sdk::Logger& log);

}  // namespace autood
