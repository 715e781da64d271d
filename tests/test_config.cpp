#include <doctest/doctest.h>
#include <toml++/toml.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>

#include "TestSupport.hpp"
#include "autood/sdk/errors.hpp"
#include "config/Config.hpp"
#include "config/ConfigKeys.hpp"
#include "config/ShortestFloats.hpp"

using namespace autood;

namespace {

std::string write_config(const std::string& name, const std::string& text) {
  auto path = test::temp_dir("config") / name;
  std::ofstream(path) << text;
  return path.string();
}

std::string error_of(const std::string& path, const std::vector<std::string>& overrides = {}) {
  try {
    load_config(path, overrides);
  } catch (const sdk::InputError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a config is read with its types and defaults") {
  auto path = write_config("ok.toml", "[search]\nlayers = 2\nbudget = 7\n[train]\nlr = 0.01\n");
  auto config = load_config(path, {});
  CHECK(config.search.layers == 2);
  CHECK(config.search.budget == 7);
  CHECK(config.search.batch == 4);  // default
  CHECK(config.train.lr == doctest::Approx(0.01));
  CHECK(config.data.source.loader == "idx");
  CHECK(test::contains(config.resolved_toml, "budget = 7"));
}

TEST_CASE("an unknown key names the key, the valid keys and the line") {
  auto path = write_config("typo.toml", "[search]\nlayers = 2\nbudgt = 7\n");
  auto message = error_of(path);
  CHECK(test::contains(message, path + ":3:"));
  CHECK(test::contains(message, "unknown key 'search.budgt'"));
  CHECK(test::contains(message, "valid keys in [search]: batch, budget, layers, seed"));
}

TEST_CASE("an unknown section and a wrong type are errors with their line") {
  auto section = write_config("section.toml", "[serch]\nlayers = 2\n");
  CHECK(test::contains(error_of(section), "unknown section 'serch'"));
  auto type = write_config("type.toml", "[train]\nepochs = \"two\"\n");
  auto message = error_of(type);
  CHECK(test::contains(message, type + ":2:"));
  CHECK(test::contains(message, "'train.epochs' must be an integer, got string"));
}

TEST_CASE("a TOML syntax error names the file and the position") {
  auto path = write_config("syntax.toml", "[search]\nlayers = = 2\n");
  CHECK(test::contains(error_of(path), path + ":2:"));
}

TEST_CASE("--set overrides any key, keeps TOML types and is checked like the file") {
  auto path = write_config("set.toml", "[search]\nbudget = 7\n");
  auto config = load_config(path, {"search.budget=3", "train.lr=0.5", "controller.name=reinforce",
                                   "data.source.images=/tmp/x.gz", "data.normal_classes=[1, 2]"});
  CHECK(config.search.budget == 3);
  CHECK(config.train.lr == doctest::Approx(0.5));
  CHECK(config.controller.name == "reinforce");
  CHECK(config.data.normal_classes == std::vector<std::int64_t>{1, 2});
  REQUIRE(config.data.source.options.count("images") == 1);
  CHECK(std::get<std::string>(config.data.source.options.at("images").value) == "/tmp/x.gz");
  CHECK(test::contains(error_of(path, {"search.budgt=3"}), "unknown key 'search.budgt'"));
  CHECK(test::contains(error_of(path, {"nokey"}), "expected key=value"));
  CHECK(test::contains(error_of(path, {"search.layers=0"}),
                       "'search.layers' must be greater than 0"));
}

TEST_CASE("a plugin's options are checked against what it declares") {
  std::vector<sdk::ParamSpec> specs{{"eta", 0.01, ""}, {"buffer_size", std::int64_t{10}, ""}};
  RawOptions raw{{"eta", {std::int64_t{1}, "c.toml:4:1"}}};
  auto params = resolve_options(specs, raw, "controller");
  CHECK(params.get_double("eta") == doctest::Approx(1.0));  // an integer is accepted as a float
  CHECK(params.get_int("buffer_size") == 10);               // the default filled in

  RawOptions typo{{"bufer_size", {std::int64_t{5}, "c.toml:5:1"}}};
  try {
    resolve_options(specs, typo, "controller");
    FAIL("expected an error");
  } catch (const sdk::InputError& error) {
    std::string message = error.what();
    CHECK(test::contains(message, "c.toml:5:1"));
    CHECK(test::contains(message,
                         "unknown key 'controller.bufer_size'; valid keys: buffer_size, eta"));
  }
  RawOptions wrong{{"buffer_size", {std::string("ten"), "c.toml:6:1"}}};
  CHECK_THROWS_WITH_AS(resolve_options(specs, wrong, "controller"),
                       "c.toml:6:1: 'controller.buffer_size' must be integer, got string",
                       sdk::InputError);
}

TEST_CASE("controller.common_random_numbers is the host's, not passed on to the controller") {
  auto path = write_config("crn.toml", "[controller]\nname = \"curious\"\neta = 0.5\n");
  auto config = load_config(path, {});
  CHECK_FALSE(config.controller.common_random_numbers);
  config = load_config(path, {"controller.common_random_numbers=true"});
  CHECK(config.controller.common_random_numbers);
  CHECK(config.controller.options.count("common_random_numbers") == 0);
  CHECK(config.controller.options.count("eta") == 1);
  CHECK(test::contains(error_of(path, {"controller.common_random_numbers=1"}),
                       "'controller.common_random_numbers' must be"));
}

TEST_CASE("every number in the config has a range, checked at load with the range in the message") {
  auto path = write_config("ranges.toml", "[search]\nbudget = 7\n");
  struct Case {
    std::string assignment, message;
  };
  const std::vector<Case> cases{
      {"train.threads=-1", "'train.threads' must be from 0 to 1024, got -1"},
      {"train.max_seconds=-5", "'train.max_seconds' must be from 0 to 1e+07, got -5"},
      {"data.limit=-3", "'data.limit' must be from 0 to 1000000000, got -3"},
      {"search.layers=1000000",
       "'search.layers' must be greater than 0 and at most 32, got 1000000"},
      {"search.budget=0", "'search.budget' must be greater than 0 and at most 1000000000, got 0"},
      {"score.lambda=nan", "'score.lambda' must be from 0 to 1e+06, got nan"},
      {"score.lambda=inf", "'score.lambda' must be from 0 to 1e+06, got inf"},
      {"train.lr=nan", "'train.lr' must be greater than 0 and at most 10, got nan"},
      {"train.lr=-inf", "'train.lr' must be greater than 0 and at most 10, got -inf"},
      {"train.subset=-1", "'train.subset' must be from 0 to 1000000000, got -1"},
      {"final.top_k=1001", "'final.top_k' must be from 0 to 1000, got 1001"},
      {"final.max_seconds=nan", "'final.max_seconds' must be from 0 to 1e+07, got nan"},
      {"final.ensemble=65", "'final.ensemble' must be greater than 0 and at most 64, got 65"},
      {"prune.at_epoch=0", "'prune.at_epoch' must be greater than 0 and at most 100000, got 0"},
      {"data.contamination=nan", "'data.contamination' must be between 0 and 1 (both excluded)"},
      {"data.split=[0.5, nan, 0.2]", "'data.split' must be three positive numbers"},
      {"data.normal_classes=[-1]",
       "'data.normal_classes' must hold class indices from 0 to 1000000, got -1"},
      {"score.threshold_fpr=1.5", "'score.threshold_fpr' must be at least 0 and below 1, got 1.5"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.assignment);
    auto message = error_of(path, {c.assignment});
    CHECK(test::contains(message, c.message));
    CHECK(test::contains(message, "--set"));  // blamed on --set, not on the file
  }
  auto file = write_config("nan.toml", "[train]\nlr = nan\n");
  CHECK(test::contains(error_of(file), file + ":2:6: 'train.lr' must be greater than 0"));
}

TEST_CASE("a bad --set is blamed on --set, never on the config file") {
  auto path = write_config("blame.toml", "[search]\nbudget = 7\n");
  auto section = error_of(path, {"serch.budget=3"});
  CHECK(test::contains(section, "--set"));
  CHECK(test::contains(section, "unknown section 'serch'"));
  CHECK_FALSE(test::contains(section, path));
  // A section that --set makes is written back as a [section], as the run folder's config.toml.
  CHECK(test::contains(load_config(path, {"train.epochs=3"}).resolved_toml, "[train]\nepochs = 3"));
  CHECK(test::contains(error_of(path, {"search..budget=3"}), "has an empty part"));
  CHECK(test::contains(error_of(path, {"search.=3"}), "has an empty part"));
}

TEST_CASE("a plugin's declared range is checked, with the range and the key's place") {
  std::vector<sdk::ParamSpec> specs{{"k", std::int64_t{5}, "", 1, 1000},
                                    {"nu", 0.1, "", 1e-6, 1},
                                    {"size", std::vector<std::int64_t>{28, 28}, "", 1, 16384},
                                    {"free", 0.5, ""}};
  auto error = [&](const std::string& key, sdk::Value value) {
    try {
      resolve_options(specs, {{key, {std::move(value), "c.toml:9:1"}}}, "hypothesis.x");
    } catch (const sdk::InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(error("k", std::int64_t{0}) ==
        "c.toml:9:1: 'hypothesis.x.k' must be from 1 to 1000, got 0");
  CHECK(error("k", std::int64_t{1000}).empty());
  CHECK(error("nu", 1.5) == "c.toml:9:1: 'hypothesis.x.nu' must be from 1e-06 to 1, got 1.5");
  CHECK(error("size", std::vector<std::int64_t>{28, 0}) ==
        "c.toml:9:1: 'hypothesis.x.size' must be from 1 to 16384, got 0");
  CHECK(error("free", std::nan("")) == "c.toml:9:1: 'hypothesis.x.free' must be a finite number");
  CHECK(error("free", -1e300).empty());  // no declared range: any finite number
}

TEST_CASE("the resolved config writes numbers back as they were given") {
  const auto config = load_config("", {"data.contamination=0.05", "data.split=[0.6, 0.2, 0.2]",
                                       "train.lr=0.001", "train.threads=2", "score.lambda=3.0",
                                       "data.source.images=\"x/0.20000000000000001.gz\""});
  const auto& text = config.resolved_toml;
  CHECK(test::contains(text, "contamination = 0.05\n"));
  CHECK(test::contains(text, "split = [ 0.6, 0.2, 0.2 ]\n"));
  CHECK(test::contains(text, "lr = 0.001\n"));
  CHECK(test::contains(text, "lambda = 3.0\n"));              // still a float, not the integer 3
  CHECK(test::contains(text, "'x/0.20000000000000001.gz'"));  // a string is not a number

  // What toml++ wrote against the rewrite, token by token.
  CHECK(with_shortest_floats("a = 0.20000000000000001\n") == "a = 0.2\n");
  CHECK(with_shortest_floats("a = -0.10000000000000001\n") == "a = -0.1\n");
  CHECK(with_shortest_floats("a = 1.0000000000000001e-05\n") == "a = 1e-05\n");
  CHECK(with_shortest_floats("a = [ 2.0, 3 ]\n") == "a = [ 2.0, 3 ]\n");
  CHECK(with_shortest_floats("[t.0.5]\nd = 1979-05-27\nx = inf\n") ==
        "[t.0.5]\nd = 1979-05-27\nx = inf\n");
  CHECK(with_shortest_floats("s = \"0.20000000000000001\\\" 0.30000000000000004\"\n") ==
        "s = \"0.20000000000000001\\\" 0.30000000000000004\"\n");

  // A key is no value, in a table or inline; a multi-line string may end in its own quotes.
  CHECK(with_shortest_floats("t = { a = 0.5, 1e5 = 2.50000000000000000 }\n") ==
        "t = { a = 0.5, 1e5 = 2.5 }\n");
  CHECK(with_shortest_floats("s = '''a''''\nx = 0.20000000000000001\n") ==
        "s = '''a''''\nx = 0.2\n");
  // An array too long for one line is wrapped, one element a line: each is rewritten.
  toml::table wrapped;
  toml::array tenths;
  for (int i = 1; i <= 30; ++i) tenths.push_back(i / 10.0);
  wrapped.insert("tenths", std::move(tenths));
  std::ostringstream long_array;
  long_array << wrapped;
  REQUIRE(test::contains(long_array.str(), "0.29999999999999999,\n"));
  const std::string short_array = with_shortest_floats(long_array.str());
  CHECK(test::contains(short_array, "    0.3,\n"));
  CHECK(!test::contains(short_array, "0000"));
  CHECK(*toml::parse(short_array)["tenths"][2].value<double>() == 0.3);

  // Every double reads back the same, over a spread of magnitudes.
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-300, 300);
  toml::table table;
  for (int i = 0; i < 2000; ++i)
    table.insert("k" + std::to_string(i), std::ldexp(mantissa(random), exponent(random)));
  std::ostringstream printed;
  printed << table;
  const auto again = toml::parse(with_shortest_floats(printed.str()));
  CHECK(with_shortest_floats(printed.str()).size() < printed.str().size());
  for (int i = 0; i < 2000; ++i) {
    const std::string key = "k" + std::to_string(i);
    const double before = *table[key].value<double>(), after = *again[key].value<double>();
    CHECK(std::memcmp(&before, &after, sizeof before) == 0);
  }
}

TEST_CASE("config: the README's key table is the table, as `autood keys --markdown` prints it") {
  const auto readme = test::source_fixtures().parent_path().parent_path() / "README.md";
  std::ifstream in(readme);
  REQUIRE(in.good());
  std::string line, table;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("| key | value | default | meaning |", 0) == 0) inside = true;
    if (inside && line.rfind("|", 0) != 0) break;
    if (inside) table += line + "\n";
  }
  INFO(
      "README.md's table under Config keys differs from core/config/ConfigKeys.cpp; write it "
      "again with `autood keys --markdown`");
  CHECK(table == config_keys_markdown());
}

TEST_CASE("config: every key of the table is read into its own field, within its range") {
  for (const auto& row : config_keys()) {
    CAPTURE(row.path());
    CHECK_FALSE(row.help.empty());
    std::visit(
        [&](const auto& field) {
          using F = std::decay_t<decltype(field)>;
          if constexpr (!std::is_same_v<F, std::monostate>) {
            using T = std::decay_t<decltype(field(std::declval<Config&>()))>;
            // A value other than the default, set with --set, lands in the row's field.
            std::string text;
            T expected{};
            if constexpr (std::is_same_v<T, bool>) {
              expected = !field(*std::make_unique<Config>());
              text = expected ? "true" : "false";
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
              expected = row.range ? static_cast<std::int64_t>(row.range->high) : 7;
              text = std::to_string(expected);
            } else if constexpr (std::is_same_v<T, double>) {
              expected = row.range ? row.range->high * (row.range->high_open ? 0.5 : 1.0) : 0.5;
              std::ostringstream number;
              number.precision(17);
              number << expected;
              text = number.str();
            } else if constexpr (std::is_same_v<T, std::string>) {
              expected = row.one_of.empty() ? "other" : row.one_of.back();
              text = "\"" + expected + "\"";
            } else {
              return;  // arrays: their checks depend on other keys (split, classes)
            }
            if (row.section.rfind("data.", 0) == 0 && row.section != "data.source")
              return;  // an optional source is read only with its options' table
            // final.top_k first, as final.ensemble may not exceed it.
            Config config = load_config("", {"final.top_k=1000", row.path() + "=" + text});
            CHECK(field(config) == expected);
            // And a number beyond its range is refused with the range in the message.
            if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
              if (row.range) {
                constexpr bool integer = std::is_same_v<T, std::int64_t>;
                std::ostringstream beyond;
                beyond.precision(17);
                if (integer)
                  beyond << static_cast<std::int64_t>(row.range->high) + 1;
                else
                  beyond << row.range->high * 2 + 1;
                CHECK(test::contains(error_of("", {row.path() + "=" + beyond.str()}),
                                     "'" + row.path() + "' must be " + row.range->text(integer)));
              }
            }
          }
        },
        row.field);
  }
}
