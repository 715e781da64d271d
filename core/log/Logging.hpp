#pragma once
#include <string>

#include "autood/sdk/log.hpp"

namespace autood {

// The host's logger, on stderr through spdlog; plugins get it through the SDK's Logger.
sdk::Logger& host_logger();

// "debug", "info" or "warn"; unknown names mean "info".
void set_log_level(const std::string& level);

// In a distributed search, each line says which rank wrote it.
void set_log_rank(int rank);

}  // namespace autood
