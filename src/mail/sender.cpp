// The outbox sender.
#include "mail/sender.hpp"

#include "log/log.hpp"
#include "mail/retry.hpp"
#include "store/outbox.hpp"

namespace examens::mail {
namespace {

// Long enough for a slow SMTP server; a crashed sender's claim lapses after it.
constexpr auto kLease = std::chrono::seconds(120);
constexpr int kBatch = 20;
// A delivery starts only while the claim covers the longest one, with a margin for the
// instances' clocks: past its claim, another instance's sender may take the mail and send it
// too. The rest of a batch a slow relay held up goes back to the outbox.
constexpr auto kClaimNeeded = kDeliveryTimeout + std::chrono::seconds(10);

}  // namespace

Sender::Sender(store::Database& db, const domain::Clock& clock,
               std::unique_ptr<Transport> transport, SenderOptions options)
    : db_(db), clock_(clock), transport_(std::move(transport)), options_(std::move(options)) {}

Sender::~Sender() {
  stop();
}

void Sender::start() {
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void Sender::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Sender::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

bool Sender::stopping() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void Sender::loop() {
  for (;;) {
    try {
      // A stop is heard between batches: after a rush the outbox may hold minutes of
      // sending, which the next start (or another instance) takes up.
      while (!stopping() && deliver_due() == kBatch) {
      }
    } catch (const std::exception& e) {
      log::error("mail_sender_failed", {{"error", e.what()}});
    }
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, options_.poll_interval, [this] { return stopping_ || woken_; });
    if (stopping_) return;
    woken_ = false;
  }
}

int Sender::deliver_due() {
  if (options_.prepare) options_.prepare();
  std::vector<store::OutboxMail> due;
  std::lock_guard lock(unrecorded_mutex_);
  while (!unrecorded_.empty()) {
    record(unrecorded_.front());
    unrecorded_.erase(unrecorded_.begin());
  }
  const domain::Instant until = clock_.now() + kLease;
  {
    store::Tx tx(db_);
    due = store::claim_due_mails(tx, until - kLease, kLease, kBatch);
    tx.commit();
  }
  int delivered = 0;
  std::size_t next = 0;
  for (; next < due.size() && clock_.now() + kClaimNeeded <= until; ++next) {
    auto& row = due[next];
    Mail mail;
    mail.from_name = options_.from_name;
    mail.from_address = options_.from_address;
    mail.to_address = row.destinataire;
    mail.subject = row.objet;
    mail.text = row.texte;
    mail.html = row.html;
    mail.message_id = row.message_id;
    mail.date = row.cree_le;
    Outcome outcome{std::move(row), transport_->deliver(mail), clock_.now()};
    const store::Activity activity;
    try {
      record(outcome);
    } catch (const std::exception&) {
      // Written by the next call even if this COMMIT did reach the database: at worst a
      // sent mail counts one attempt more, where forgetting it would send it twice.
      if (activity.connection_lost()) unrecorded_.push_back(std::move(outcome));
      throw;
    }
    if (outcome.result.ok) ++delivered;
  }
  if (next < due.size()) {
    std::vector<long long> rest;
    for (; next < due.size(); ++next) rest.push_back(due[next].id);
    store::Tx tx(db_);
    store::release_mails(tx, rest, until);
    tx.commit();
  }
  return delivered;
}

void Sender::record(const Outcome& outcome) {
  const auto& [row, result, now] = outcome;
  // The file transport's detail is the .eml path; SMTP's is the server's reply.
  const bool eml = result.ok && result.detail.ends_with(".eml");
  store::Tx tx(db_);
  if (result.ok) {
    store::mark_mail_sent(tx, row.id, now, eml ? result.detail : std::string());
  } else if (result.permanent || attempts_exhausted(row.tentatives + 1)) {
    store::mark_mail_abandoned(tx, row.id, row.tentatives + 1, now, result.detail);
  } else {
    store::mark_mail_retry(tx, row.id, row.tentatives + 1, now + retry_delay(row.tentatives + 1),
                           result.detail);
  }
  tx.commit();
  log::Fields fields{{"id", row.id}, {"subject", row.objet}, {"delivered", result.ok}};
  if (!result.ok)
    fields.push_back({"error", result.detail});
  else if (eml && options_.log_eml_paths)
    fields.push_back({"eml", result.detail});
  else if (!eml)
    fields.push_back({"reply", result.detail});
  if (result.ok)
    log::info("mail_delivery", fields);
  else
    log::warning("mail_delivery", fields);
}

}  // namespace examens::mail
