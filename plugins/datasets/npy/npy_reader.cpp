#include "npy_reader.hpp"

#include <cctype>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>

#include "autood/sdk/errors.hpp"

namespace autood_npy {
namespace {

using autood::sdk::InputError;

constexpr std::size_t kPreamble = 8;           // \x93NUMPY, major, minor
constexpr std::uint32_t kMaxHeader = 1 << 16;  // numpy itself writes a few hundred bytes

[[noreturn]] void fail(const std::string& path, std::uint64_t offset, const std::string& what) {
  throw InputError(path + ": byte " + std::to_string(offset) + ": " + what);
}

// The header's dict, parsed strictly: string keys, and values that are a string, True/False or
// a tuple of non-negative integers. `base` is the header's offset in the file, for messages.
class HeaderParser {
 public:
  HeaderParser(const std::string& text, const std::string& path, std::uint64_t base)
      : text_(text), path_(path), base_(base) {}

  struct Value {
    std::string string;
    bool boolean = false;
    std::vector<std::int64_t> tuple;
    char type = 0;  // 's', 'b', 't'
  };

  std::map<std::string, Value> parse() {
    std::map<std::string, Value> dict;
    expect('{');
    while (skip_space(), peek() != '}') {
      const auto at = pos_;
      auto key = string_literal();
      expect(':');
      if (dict.count(key)) error(at, "the header names '" + key + "' twice");
      dict[key] = value();
      skip_space();
      if (peek() == ',')
        ++pos_;
      else if (peek() != '}')
        error(pos_, "expected ',' or '}' in the header");
    }
    ++pos_;
    skip_space();
    if (pos_ != text_.size()) error(pos_, "text after the header's dict");
    return dict;
  }

 private:
  [[noreturn]] void error(std::size_t at, const std::string& what) {
    fail(path_, base_ + at, what);
  }
  char peek() {
    if (pos_ >= text_.size()) error(pos_, "the header ends inside its dict");
    return text_[pos_];
  }
  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  void expect(char c) {
    skip_space();
    if (peek() != c) error(pos_, std::string("expected '") + c + "' in the header");
    ++pos_;
  }
  std::string string_literal() {
    skip_space();
    const char quote = peek();
    if (quote != '\'' && quote != '"') error(pos_, "expected a quoted key or string");
    const auto start = ++pos_;
    while (peek() != quote)
      if (text_[pos_++] == '\\') error(pos_ - 1, "escapes are not expected in a .npy header");
    return text_.substr(start, pos_++ - start);
  }
  std::int64_t integer() {
    skip_space();
    const auto start = pos_;
    std::uint64_t n = 0;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
      n = n * 10 + static_cast<std::uint64_t>(text_[pos_++] - '0');
      if (n > kMaxNpyValues)
        error(start, "a dimension larger than " + std::to_string(kMaxNpyValues));
    }
    if (pos_ == start) error(start, "expected a whole number in the shape");
    if (pos_ < text_.size() && text_[pos_] == 'L') ++pos_;  // Python 2's long
    return static_cast<std::int64_t>(n);
  }
  Value value() {
    skip_space();
    Value v;
    const char c = peek();
    if (c == '\'' || c == '"') {
      v.type = 's';
      v.string = string_literal();
    } else if (text_.compare(pos_, 4, "True") == 0 || text_.compare(pos_, 5, "False") == 0) {
      v.type = 'b';
      v.boolean = c == 'T';
      pos_ += v.boolean ? 4 : 5;
    } else if (c == '(') {
      v.type = 't';
      ++pos_;
      while (skip_space(), peek() != ')') {
        if (v.tuple.size() == 32) error(pos_, "more than 32 dimensions");
        v.tuple.push_back(integer());
        skip_space();
        if (peek() == ',')
          ++pos_;
        else if (peek() != ')')
          error(pos_, "expected ',' or ')' in the shape");
      }
      ++pos_;
    } else {
      error(pos_, "expected a string, True, False or a tuple in the header");
    }
    return v;
  }

  const std::string& text_;
  const std::string& path_;
  std::uint64_t base_;
  std::size_t pos_ = 0;
};

// One value of `size` bytes in the file's byte order, as a double.
template <typename T>
double read_as(const unsigned char* bytes, bool swap) {
  unsigned char copy[sizeof(T)];
  for (std::size_t i = 0; i < sizeof(T); ++i) copy[i] = bytes[swap ? sizeof(T) - 1 - i : i];
  T value;
  std::memcpy(&value, copy, sizeof(T));
  return static_cast<double>(value);
}

using Converter = double (*)(const unsigned char*, bool);

Converter converter(char kind, std::size_t size) {
  switch (kind) {
    case 'f':
      return size == 4 ? read_as<float> : size == 8 ? read_as<double> : nullptr;
    case 'i':
      return size == 1   ? read_as<std::int8_t>
             : size == 2 ? read_as<std::int16_t>
             : size == 4 ? read_as<std::int32_t>
             : size == 8 ? read_as<std::int64_t>
                         : nullptr;
    case 'u':
    case 'b':
      return size == 1                  ? read_as<std::uint8_t>
             : size == 2 && kind == 'u' ? read_as<std::uint16_t>
             : size == 4 && kind == 'u' ? read_as<std::uint32_t>
             : size == 8 && kind == 'u' ? read_as<std::uint64_t>
                                        : nullptr;
  }
  return nullptr;
}

}  // namespace

NpyArray read_npy(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw InputError(path + ": cannot open the file");
  const auto file_size = static_cast<std::uint64_t>(in.tellg());
  in.seekg(0);
  unsigned char preamble[kPreamble + 4] = {};
  in.read(reinterpret_cast<char*>(preamble), kPreamble);
  if (static_cast<std::size_t>(in.gcount()) < kPreamble ||
      std::memcmp(preamble, "\x93NUMPY", 6) != 0)
    fail(path, 0, "not a .npy file (it does not start with \\x93NUMPY)");
  const int major = preamble[6];
  if (major < 1 || major > 3)
    fail(path, 6,
         "format version " + std::to_string(major) + "." + std::to_string(preamble[7]) +
             " is not one this reader knows (1, 2 or 3)");
  const std::size_t length_bytes = major == 1 ? 2 : 4;
  in.read(reinterpret_cast<char*>(preamble + kPreamble),
          static_cast<std::streamsize>(length_bytes));
  if (static_cast<std::size_t>(in.gcount()) < length_bytes)
    fail(path, kPreamble, "the file ends inside the header length");
  std::uint32_t header_size = 0;
  for (std::size_t i = length_bytes; i-- > 0;)
    header_size = header_size << 8 | preamble[kPreamble + i];  // little-endian
  const std::uint64_t data_start = kPreamble + length_bytes + header_size;
  if (header_size > kMaxHeader)
    fail(path, kPreamble,
         "a header of " + std::to_string(header_size) + " bytes (at most " +
             std::to_string(kMaxHeader) + ")");
  if (data_start > file_size)
    fail(path, file_size,
         "the file ends inside the header (" + std::to_string(header_size) + " bytes announced)");
  std::string header(header_size, '\0');
  in.read(header.data(), header_size);

  const auto dict = HeaderParser(header, path, kPreamble + length_bytes).parse();
  auto field = [&](const char* key, char type) -> const HeaderParser::Value& {
    const auto it = dict.find(key);
    if (it == dict.end() || it->second.type != type)
      fail(path, kPreamble + length_bytes,
           std::string("the header has no '") + key + "' " +
               (type == 's'   ? "string"
                : type == 'b' ? "True or False"
                              : "tuple"));
    return it->second;
  };
  const auto& descr = field("descr", 's').string;
  if (field("fortran_order", 'b').boolean)
    fail(path, kPreamble + length_bytes,
         "the array is in Fortran order; save it in C order (numpy.ascontiguousarray)");
  NpyArray array;
  array.shape = field("shape", 't').tuple;

  // descr: byte order ('<', '>', '|' or '='), kind, size, e.g. '<f4'.
  Converter convert = nullptr;
  std::size_t item = 0;
  bool swap = false;
  if (descr.size() >= 3 && std::string("<>|=").find(descr[0]) != std::string::npos &&
      descr.find_first_not_of("0123456789", 2) == std::string::npos && descr.size() <= 4) {
    item = std::stoul(descr.substr(2));
    array.kind = descr[1];
    convert = converter(array.kind, item);
    swap = descr[0] == '>' && item > 1;  // this reader runs on little-endian machines
  }
  if (!convert)
    fail(path, kPreamble + length_bytes,
         "dtype '" + descr +
             "' is not a number type autood reads (bool, int8 to int64, uint8 to uint64, "
             "float32 or float64)");

  std::uint64_t count = 1;
  for (auto d : array.shape) {
    if (d != 0 && count > kMaxNpyValues / static_cast<std::uint64_t>(d))
      fail(path, kPreamble + length_bytes,
           "the shape claims more than " + std::to_string(kMaxNpyValues) + " values");
    count *= static_cast<std::uint64_t>(d);
  }
  const std::uint64_t data_bytes = count * item;
  if (file_size - data_start != data_bytes)
    fail(path, data_start,
         "the header promises " + std::to_string(data_bytes) + " data bytes, the file has " +
             std::to_string(file_size - data_start));
  std::vector<unsigned char> bytes(data_bytes);
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(data_bytes));
  if (static_cast<std::uint64_t>(in.gcount()) != data_bytes)
    fail(path, data_start, "the file could not be read to its end");
  array.values.resize(count);
  for (std::uint64_t i = 0; i < count; ++i)
    array.values[i] = convert(bytes.data() + i * item, swap);
  return array;
}

}  // namespace autood_npy
