// The documents' preparer.
#include "actions/preparateur.hpp"

#include "actions/documents.hpp"
#include "log/log.hpp"

namespace examens::actions {

Preparateur::Preparateur(const Services& services, const domain::Clock& clock,
                         std::chrono::milliseconds poll_interval)
    : services_(services), clock_(clock), poll_interval_(poll_interval) {}

Preparateur::~Preparateur() {
  stop();
}

void Preparateur::start() {
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void Preparateur::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Preparateur::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

bool Preparateur::stopping() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void Preparateur::loop() {
  for (;;) {
    try {
      // The queue is emptied before sleeping: a round that stored some may have left more.
      // A stop is heard between rounds: after a rush the queue is minutes of work, which
      // the next start (or another instance) takes up.
      while (!stopping() && preparer_documents(services_, clock_.now()) > 0) {
      }
    } catch (const std::exception& e) {
      log::error("document_preparer_failed", {{"error", e.what()}});
    }
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, poll_interval_, [this] { return stopping_ || woken_; });
    if (stopping_) return;
    woken_ = false;
  }
}

}  // namespace examens::actions
