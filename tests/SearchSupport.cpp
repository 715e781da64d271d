#include "SearchSupport.hpp"

#include "log/Logging.hpp"
#include "session/SearchSession.hpp"

namespace autood::test {

Run run_search(const Registry& registry, const Config& config, const std::filesystem::path& dir) {
  SearchSession session(config, registry, dir, SearchSession::Mode::Overwrite, host_logger());
  auto result = session.run(/*progress=*/false);
  return {std::move(result), session.data()};
}

}  // namespace autood::test
