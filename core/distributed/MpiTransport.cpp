// The MPI world: Open MPI (or any MPI) under mpirun or srun. Every call goes through one mutex,
// because a worker's heartbeat thread sends while its main thread trains and then sends the
// result; MPI_THREAD_SERIALIZED is all this needs of the library.
#include <mpi.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <list>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "distributed/MpiWorld.hpp"

namespace autood {
namespace {

void check(int code, const char* call) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  throw std::runtime_error(std::string(call) + " failed: " + std::string(text, length));
}

constexpr int kFinalizeGraceSeconds = 30;

class MpiTransport : public MpiWorld {
 public:
  MpiTransport() {
    int provided = 0;
    check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided), "MPI_Init_thread");
    if (provided < MPI_THREAD_SERIALIZED)
      throw std::runtime_error("this MPI cannot serve two threads, even one at a time");
    // Errors come back as codes, so that one dead peer is a message, not an abort.
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    MPI_Comm node;
    check(MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &node),
          "MPI_Comm_split_type");
    MPI_Comm_size(node, &ranks_on_node_);
    MPI_Comm_free(&node);
    char name[MPI_MAX_PROCESSOR_NAME];
    int length = 0;
    MPI_Get_processor_name(name, &length);
    host_.assign(name, length);
  }

  ~MpiTransport() override {
    // A send still queued is to a rank that has died; finalising would wait for it forever.
    if (!flush(std::chrono::seconds(5))) {
      std::fflush(nullptr);
      return;
    }
    // MPI_Finalize's closing fence can also wait forever for a rank that died (seen with Open
    // MPI 4.1 under --enable-recovery, on rank 0 and on the surviving worker alike). Everything
    // is written by now, so after a grace period the process ends without it.
    std::thread([] {
      std::this_thread::sleep_for(std::chrono::seconds(kFinalizeGraceSeconds));
      std::fflush(nullptr);
      std::_Exit(0);
    }).detach();
    MPI_Finalize();
  }

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  int ranks_on_node() const override { return ranks_on_node_; }
  std::string host() const override { return host_; }

  void send(int to, Tag tag, std::string bytes) override {
    std::lock_guard<std::mutex> lock(mutex_);
    reap();
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
      throw std::runtime_error("a message of " + std::to_string(bytes.size()) +
                               " bytes is larger than MPI sends at once");
    pending_.push_back({MPI_REQUEST_NULL, std::move(bytes)});
    auto& sent = pending_.back();
    check(MPI_Isend(sent.bytes.data(), static_cast<int>(sent.bytes.size()), MPI_BYTE, to,
                    static_cast<int>(tag), MPI_COMM_WORLD, &sent.request),
          "MPI_Isend");
  }

  std::optional<Message> receive(std::chrono::milliseconds wait) override {
    const auto until = std::chrono::steady_clock::now() + wait;
    while (true) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        reap();
        int flag = 0;
        MPI_Status status;
        check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status),
              "MPI_Iprobe");
        if (flag) {
          int count = 0;
          MPI_Get_count(&status, MPI_BYTE, &count);
          Message message;
          message.source = status.MPI_SOURCE;
          message.tag = static_cast<Tag>(status.MPI_TAG);
          message.bytes.resize(static_cast<std::size_t>(count));
          check(MPI_Recv(message.bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG,
                         MPI_COMM_WORLD, MPI_STATUS_IGNORE),
                "MPI_Recv");
          return message;
        }
      }
      if (std::chrono::steady_clock::now() >= until) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }

  bool flush(std::chrono::milliseconds wait) override {
    const auto until = std::chrono::steady_clock::now() + wait;
    while (true) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        reap();
        if (pending_.empty()) return true;
      }
      if (std::chrono::steady_clock::now() >= until) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }

 private:
  struct Sent {
    MPI_Request request;
    std::string bytes;  // must live until the send completes
  };

  // Drops the sends that have completed. Called with the mutex held.
  void reap() {
    for (auto it = pending_.begin(); it != pending_.end();) {
      int done = 0;
      MPI_Test(&it->request, &done, MPI_STATUS_IGNORE);
      it = done ? pending_.erase(it) : std::next(it);
    }
  }

  int rank_ = 0, size_ = 1, ranks_on_node_ = 1;
  std::string host_;
  std::mutex mutex_;
  std::list<Sent> pending_;
};

}  // namespace

std::string mpi_build_description() {
  char version[MPI_MAX_LIBRARY_VERSION_STRING];
  int length = 0;
  MPI_Get_library_version(version, &length);
  std::string text(version, length);
  if (auto comma = text.find(','); comma != std::string::npos) text.resize(comma);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return "compiled in (" + text + ")";
}

std::unique_ptr<MpiWorld> join_mpi_world() {
  if (!launched_by_mpi()) return nullptr;
  auto world = std::make_unique<MpiTransport>();
  if (world->size() == 1) return nullptr;  // one rank: a serial search; MPI_Finalize runs here
  return world;
}

}  // namespace autood
