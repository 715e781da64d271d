#include "distributed/WireFormat.hpp"

#include <limits>
#include <nlohmann/json.hpp>

namespace autood {
namespace {
using json = nlohmann::json;

// Integers are read only from integer nodes: nlohmann converts a float to an integer with a bare
// cast, which is undefined for 1e300.
std::int64_t integer(const json& j) {
  if (!j.is_number_integer())
    throw std::runtime_error(std::string("expected an integer, got ") + j.type_name());
  if (j.is_number_unsigned() &&
      j.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
    throw std::runtime_error("integer " + std::to_string(j.get<std::uint64_t>()) + " is too large");
  return j.get<std::int64_t>();
}
std::uint64_t unsigned_integer(const json& j) {
  if (!j.is_number_unsigned())
    throw std::runtime_error(std::string("expected an unsigned integer, got ") + j.type_name());
  return j.get<std::uint64_t>();
}
sdk::Architecture architecture(const json& j) {
  if (!j.is_array()) throw std::runtime_error("an architecture must be an array");
  sdk::Architecture decisions;
  for (const auto& d : j) decisions.push_back(integer(d));
  return decisions;
}

json metrics(const DetectionMetrics& m) { return {m.auroc, m.aupr_in, m.aupr_out}; }
DetectionMetrics detection(const json& j) {
  return {j.at(0).get<double>(), j.at(1).get<double>(), j.at(2).get<double>()};
}
json pixels(const PixelMetrics& m) { return {m.pixel_auroc, m.pro}; }
PixelMetrics pixel(const json& j) { return {j.at(0).get<double>(), j.at(1).get<double>()}; }

json optional_number(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}
std::optional<double> optional_number(const json& j) {
  if (j.is_null()) return std::nullopt;
  return j.get<double>();
}

json record_json(const TrialRecord& r) {
  return {{"index", r.index},
          {"architecture", r.architecture},
          {"description", r.description},
          {"status", static_cast<int>(r.status)},
          {"message", r.message},
          {"reward", r.reward},
          {"validation", metrics(r.validation)},
          {"test", metrics(r.test)},
          {"pixel_level", r.pixel_level},
          {"validation_pixels", pixels(r.validation_pixels)},
          {"test_pixels", pixels(r.test_pixels)},
          {"partial_reward", optional_number(r.partial_reward)},
          {"seconds", r.seconds},
          {"epochs", r.epochs},
          {"cached", r.cached}};
}

TrialRecord record_from(const json& j) {
  TrialRecord r;
  r.index = integer(j.at("index"));
  r.architecture = architecture(j.at("architecture"));
  r.description = j.at("description").get<std::string>();
  const auto status = integer(j.at("status"));
  if (status < static_cast<int>(TrialStatus::Ok) || status > static_cast<int>(TrialStatus::Pruned))
    throw std::runtime_error("unknown trial status " + std::to_string(status));
  r.status = static_cast<TrialStatus>(status);
  r.message = j.at("message").get<std::string>();
  r.reward = j.at("reward").get<double>();
  r.validation = detection(j.at("validation"));
  r.test = detection(j.at("test"));
  r.pixel_level = j.at("pixel_level").get<bool>();
  r.validation_pixels = pixel(j.at("validation_pixels"));
  r.test_pixels = pixel(j.at("test_pixels"));
  r.partial_reward = optional_number(j.at("partial_reward"));
  r.seconds = j.at("seconds").get<double>();
  r.epochs = integer(j.at("epochs"));
  r.cached = j.at("cached").get<bool>();
  return r;
}

std::string to_bytes(const json& j) {
  const auto bytes = json::to_cbor(j);
  return {bytes.begin(), bytes.end()};
}

// nlohmann's CBOR reader recurses once per level of nesting, so a message of a million nested
// arrays would exhaust the stack. A first pass counts the depth, which the reader stops at once
// when this returns false; autood's messages nest three levels.
class DepthLimit : public nlohmann::json_sax<json> {
 public:
  static constexpr int kMaxDepth = 16;
  bool too_deep = false;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return enter(); }
  bool key(string_t&) override { return true; }
  bool end_object() override { return leave(); }
  bool start_array(std::size_t) override { return enter(); }
  bool end_array() override { return leave(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;  // the parse proper reports it
  }

 private:
  bool enter() {
    too_deep = ++depth_ > kMaxDepth;
    return !too_deep;
  }
  bool leave() {
    --depth_;
    return true;
  }
  int depth_ = 0;
};

// Parses and reads, turning every library error into one message that says what was read.
template <typename Read>
auto from_bytes(const std::string& bytes, const char* what, Read read) {
  try {
    DepthLimit limit;
    json::sax_parse(bytes, &limit, json::input_format_t::cbor);
    if (limit.too_deep)
      throw std::runtime_error("nested deeper than " + std::to_string(DepthLimit::kMaxDepth) +
                               " levels");
    return read(json::from_cbor(bytes));
  } catch (const json::exception& error) {
    throw std::runtime_error(std::string("a malformed ") + what + " message: " + error.what());
  } catch (const std::runtime_error& error) {  // a field of the wrong kind, from the readers above
    throw std::runtime_error(std::string("a malformed ") + what + " message: " + error.what());
  }
}

}  // namespace

std::string encode(const WorkerHello& hello) {
  return to_bytes({{"host", hello.host},
                   {"threads", hello.threads},
                   {"data_fingerprint", hello.data_fingerprint},
                   {"space", hello.space},
                   {"config", hello.config},
                   {"error", hello.error}});
}

std::string encode(const TrialTask& task) {
  return to_bytes({{"index", task.index},
                   {"architecture", task.architecture},
                   {"seed", task.seed},
                   {"prune_below", optional_number(task.prune_below)},
                   {"weights_above", optional_number(task.weights_above)}});
}

std::string encode(const TrialResult& result) {
  return to_bytes({{"record", record_json(result.record)},
                   {"validation_scores", result.validation_scores},
                   {"test_scores", result.test_scores},
                   {"weights", json::binary(std::vector<std::uint8_t>(result.weights.begin(),
                                                                      result.weights.end()))}});
}

WorkerHello decode_hello(const std::string& bytes) {
  return from_bytes(bytes, "worker greeting", [](const json& j) {
    WorkerHello hello;
    hello.host = j.at("host").get<std::string>();
    hello.threads = integer(j.at("threads"));
    hello.data_fingerprint = j.at("data_fingerprint").get<std::string>();
    hello.space = j.at("space").get<std::string>();
    hello.config = j.at("config").get<std::string>();
    hello.error = j.at("error").get<std::string>();
    return hello;
  });
}

TrialTask decode_task(const std::string& bytes) {
  return from_bytes(bytes, "task", [](const json& j) {
    TrialTask task;
    task.index = integer(j.at("index"));
    task.architecture = architecture(j.at("architecture"));
    task.seed = unsigned_integer(j.at("seed"));
    task.prune_below = optional_number(j.at("prune_below"));
    task.weights_above = optional_number(j.at("weights_above"));
    return task;
  });
}

TrialResult decode_result(const std::string& bytes) {
  return from_bytes(bytes, "trial result", [](const json& j) {
    TrialResult result;
    result.record = record_from(j.at("record"));
    result.validation_scores = j.at("validation_scores").get<std::vector<double>>();
    result.test_scores = j.at("test_scores").get<std::vector<double>>();
    const auto& weights = j.at("weights").get_binary();
    result.weights.assign(weights.begin(), weights.end());
    return result;
  });
}

}  // namespace autood
