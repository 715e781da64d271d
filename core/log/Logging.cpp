#include "log/Logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace autood {
namespace {

class SpdLogger : public sdk::Logger {
 public:
  SpdLogger() : logger_(spdlog::stderr_color_mt("autood")) {
    logger_->set_pattern("%^[%H:%M:%S %l]%$ %v");
  }
  void debug(const std::string& message) override { logger_->debug(message); }
  void info(const std::string& message) override { logger_->info(message); }
  void warn(const std::string& message) override { logger_->warn(message); }
  spdlog::logger& raw() { return *logger_; }

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

SpdLogger& instance() {
  static auto* logger = new SpdLogger();  // never destroyed: plugins may log during teardown
  return *logger;
}

}  // namespace

void set_log_rank(int rank) {
  instance().raw().set_pattern("%^[%H:%M:%S %l rank " + std::to_string(rank) + "]%$ %v");
}

sdk::Logger& host_logger() { return instance(); }

void set_log_level(const std::string& level) {
  if (level == "debug")
    instance().raw().set_level(spdlog::level::debug);
  else if (level == "warn")
    instance().raw().set_level(spdlog::level::warn);
  else
    instance().raw().set_level(spdlog::level::info);
}

}  // namespace autood
