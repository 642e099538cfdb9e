// The documents' preparer: renders the documents the Enregistrer transactions queued, out of
// those transactions (a rendering costs ~6 ms of CPU; docs/decisions/0011-documents.md).
// One background thread per instance, woken after each commit that queued documents and
// polling as a fallback; several instances share the queue safely, and documents a crash
// left a_preparer are rendered by the next round, here or elsewhere.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "actions/services.hpp"
#include "domain/clock.hpp"

namespace examens::actions {

class Preparateur {
 public:
  Preparateur(const Services& services, const domain::Clock& clock,
              std::chrono::milliseconds poll_interval = std::chrono::seconds(5));
  ~Preparateur();  // stops the thread

  void start();
  void stop();
  void wake();  // documents were just committed: render them now rather than at the next poll

 private:
  void loop();
  bool stopping();

  const Services& services_;
  const domain::Clock& clock_;
  std::chrono::milliseconds poll_interval_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace examens::actions
