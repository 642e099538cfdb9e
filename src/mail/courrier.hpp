// Mails to a candidate: rendered from templates/mail/<name>_texte and _html, and queued in
// the caller's transaction (the outbox), so a mail exists exactly when what it announces
// was committed. The sender delivers it after the commit.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "domain/clock.hpp"
#include "store/comptes.hpp"
#include "store/database.hpp"
#include "templates/templates.hpp"

namespace examens::mail {

// A single-use link sent by mail (activation, password reset): a live secret.
struct LienUnique {
  std::string url;
  std::string validite;  // as the mail states it: "2 heures"
};

class Courrier {
 public:
  // base_url: the public address, for the links of mails and their Message-ID's host.
  Courrier(const templates::Templates& templates, std::string base_url);

  // Renders mail/<name>_texte and mail/<name>_html and queues the mail in `tx`; call
  // committed() once it commits. A single-use link is {{lien}} in the mail delivered; the
  // mail kept and shown in "Consulter mes messages" has none ({{lien}} false,
  // {{lien_conserve}} saying where it went).
  void queue(store::Tx& tx, const store::Compte& compte, std::string_view name, std::string subject,
             templates::Data data, domain::Instant now,
             const std::optional<LienUnique>& lien = std::nullopt) const;

  // Wakes the sender, after a transaction that queued mail committed.
  void committed() const;
  void on_queued(std::function<void()> callback) { queued_ = std::move(callback); }

  const std::string& base_url() const { return base_url_; }

 private:
  const templates::Templates& templates_;
  std::string base_url_;
  std::function<void()> queued_;
};

}  // namespace examens::mail
