// The outbox sender: delivers queued mails through a transport, retries with
// back-off when the server is down, and never sends again what was delivered.
// One background thread per instance; several instances share the outbox safely.
// While the database is unreachable it keeps trying, and resumes once it is back.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "domain/clock.hpp"
#include "mail/transport.hpp"
#include "store/database.hpp"
#include "store/outbox.hpp"

namespace examens::mail {

struct SenderOptions {
  std::string from_name = "Gestion des examens et concours";
  std::string from_address;
  std::chrono::milliseconds poll_interval{2000};
  bool log_eml_paths = true;  // the .eml folder mode logs where each mail went
  // Run before each delivery round: turns recorded requests into queued mails.
  std::function<void()> prepare;
};

class Sender {
 public:
  Sender(store::Database& db, const domain::Clock& clock, std::unique_ptr<Transport> transport,
         SenderOptions options);
  ~Sender();  // stops the thread

  void start();
  void stop();
  void wake();  // a mail was just committed: look now rather than at the next poll

  // Delivers every mail due now; returns how many were delivered. Used by the
  // thread and directly by tests and commands. Throws when the database is
  // unreachable; outcomes it could not write are written by the next call.
  int deliver_due();

 private:
  // A delivery attempt, to be written to the outbox.
  struct Outcome {
    store::OutboxMail row;
    DeliveryResult result;
    domain::Instant at;
  };

  void loop();
  bool stopping();
  void record(const Outcome& outcome);

  store::Database& db_;
  const domain::Clock& clock_;
  std::unique_ptr<Transport> transport_;
  SenderOptions options_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
  // Outcomes a lost connection kept from being written: the mail's claim lapses, and
  // without them it would be delivered again. Only deliver_due touches them.
  std::mutex unrecorded_mutex_;
  std::vector<Outcome> unrecorded_;
};

}  // namespace examens::mail
