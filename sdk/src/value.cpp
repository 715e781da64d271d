#include "autood/sdk/value.hpp"

#include <sstream>
#include <stdexcept>

#include "autood/sdk/errors.hpp"

namespace autood::sdk {
namespace {

struct TypeNamer {
  std::string operator()(bool) const { return "boolean"; }
  std::string operator()(std::int64_t) const { return "integer"; }
  std::string operator()(double) const { return "float"; }
  std::string operator()(const std::string&) const { return "string"; }
  std::string operator()(const std::vector<std::int64_t>&) const { return "array of integers"; }
  std::string operator()(const std::vector<std::string>&) const { return "array of strings"; }
};

struct Printer {
  std::string operator()(bool v) const { return v ? "true" : "false"; }
  std::string operator()(std::int64_t v) const { return std::to_string(v); }
  std::string operator()(double v) const {
    std::ostringstream out;
    out << v;
    return out.str();
  }
  std::string operator()(const std::string& v) const { return '"' + v + '"'; }
  template <typename T>
  std::string operator()(const std::vector<T>& items) const {
    std::string text = "[";
    for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + (*this)(items[i]);
    return text + "]";
  }
};

template <typename T>
const T& expect(const Value& value, const std::string& key, const char* wanted) {
  if (const T* typed = std::get_if<T>(&value)) return *typed;
  throw InputError("option '" + key + "' must be " + wanted + ", got " + type_name(value));
}

}  // namespace

std::string type_name(const Value& value) { return std::visit(TypeNamer{}, value); }
std::string to_string(const Value& value) { return std::visit(Printer{}, value); }

void Params::set(const std::string& key, Value value) { values_[key] = std::move(value); }
bool Params::has(const std::string& key) const { return values_.count(key) > 0; }

const Value& Params::at(const std::string& key) const {
  auto found = values_.find(key);
  if (found == values_.end()) throw InputError("missing option '" + key + "'");
  return found->second;
}

bool Params::get_bool(const std::string& key) const {
  return expect<bool>(at(key), key, "a boolean");
}
std::int64_t Params::get_int(const std::string& key) const {
  return expect<std::int64_t>(at(key), key, "an integer");
}
double Params::get_double(const std::string& key) const {
  const Value& value = at(key);
  if (auto integer = std::get_if<std::int64_t>(&value)) return static_cast<double>(*integer);
  return expect<double>(value, key, "a number");
}
const std::string& Params::get_string(const std::string& key) const {
  return expect<std::string>(at(key), key, "a string");
}
const std::vector<std::int64_t>& Params::get_ints(const std::string& key) const {
  return expect<std::vector<std::int64_t>>(at(key), key, "an array of integers");
}
const std::vector<std::string>& Params::get_strings(const std::string& key) const {
  return expect<std::vector<std::string>>(at(key), key, "an array of strings");
}

}  // namespace autood::sdk
