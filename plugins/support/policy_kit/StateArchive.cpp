#include "StateArchive.hpp"

#include <torch/csrc/jit/serialization/pickle.h>
#include <torch/torch.h>

#include <cstring>
#include <mutex>
#include <sstream>

#include "autood/sdk/errors.hpp"

namespace autood::controllers {

StateArchive StateArchive::parse(const std::string& bytes, const std::string& what) {
  StateArchive archive;
  archive.what_ = what;
  c10::IValue value;
  try {
    value = torch::pickle_load(std::vector<char>(bytes.begin(), bytes.end()));
  } catch (const std::exception& error) {
    throw sdk::InputError(what + ": the saved state cannot be read: " + error.what());
  }
  if (!value.isGenericDict()) throw sdk::InputError(what + ": the saved state is not a controller state");
  for (const auto& item : value.toGenericDict()) {
    if (!item.key().isString() || !item.value().isTensor())
      throw sdk::InputError(what + ": the saved state holds an entry that is not a named tensor");
    archive.entries_[item.key().toStringRef()] = item.value().toTensor();
  }
  return archive;
}

void StateArchive::put_tensor(const std::string& key, const at::Tensor& tensor) {
  entries_[key] = tensor.detach().clone();
}
void StateArchive::put_int(const std::string& key, std::int64_t value) {
  entries_[key] = torch::tensor({value}, torch::kLong);
}
void StateArchive::put_double(const std::string& key, double value) {
  entries_[key] = torch::tensor({value}, torch::kDouble);
}
void StateArchive::put_string(const std::string& key, const std::string& value) {
  auto tensor = torch::empty({static_cast<std::int64_t>(value.size())}, torch::kUInt8);
  std::memcpy(tensor.data_ptr<std::uint8_t>(), value.data(), value.size());
  entries_[key] = tensor;
}

at::Tensor StateArchive::get_tensor(const std::string& key) const {
  auto found = entries_.find(key);
  if (found == entries_.end()) throw sdk::InputError(what_ + ": the saved state has no '" + key + "'");
  return found->second;
}
at::Tensor StateArchive::get_tensor(const std::string& key, c10::IntArrayRef expected_shape) const {
  auto tensor = get_tensor(key);
  if (tensor.sizes() != expected_shape)
    throw sdk::InputError(what_ + ": the saved '" + key + "' has shape " + c10::str(tensor.sizes()) + ", expected " +
                          c10::str(expected_shape) + " (a state from another search space?)");
  return tensor;
}
std::int64_t StateArchive::get_int(const std::string& key) const { return get_tensor(key, {1}).item<std::int64_t>(); }
double StateArchive::get_double(const std::string& key) const { return get_tensor(key, {1}).item<double>(); }
std::string StateArchive::get_string(const std::string& key) const {
  auto tensor = get_tensor(key).contiguous();
  return std::string(reinterpret_cast<const char*>(tensor.data_ptr<std::uint8_t>()), tensor.numel());
}

void StateArchive::put_engine(const std::string& key, const std::mt19937_64& engine) {
  std::ostringstream out;
  out << engine;
  put_string(key, out.str());
}
void StateArchive::get_engine(const std::string& key, std::mt19937_64& engine) const {
  std::istringstream in(get_string(key));
  in >> engine;
  if (!in) throw sdk::InputError(what_ + ": the saved '" + key + "' is not a generator state");
}
void StateArchive::put_generator(const std::string& key, const at::Generator& generator) {
  at::Generator handle = generator;  // a handle to the same generator; locking needs it non-const
  std::lock_guard<std::mutex> lock(handle.mutex());
  entries_[key] = handle.get_state();
}
void StateArchive::get_generator(const std::string& key, at::Generator& generator) const {
  std::lock_guard<std::mutex> lock(generator.mutex());
  try {
    generator.set_state(get_tensor(key));
  } catch (const c10::Error& error) {
    throw sdk::InputError(what_ + ": the saved '" + key + "' is not a generator state");
  }
}

std::string StateArchive::bytes() const {
  c10::Dict<std::string, at::Tensor> dict;
  for (const auto& [key, tensor] : entries_) dict.insert(key, tensor);
  auto bytes = torch::pickle_save(dict);
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace autood::controllers
