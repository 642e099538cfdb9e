// Storage of the mail outbox: mails are queued in the transaction of the change
// that causes them, then claimed, delivered and marked by the sender.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "store/database.hpp"

namespace examens::store {

struct OutboxMail {
  long long id = 0;
  long long compte_id = 0;  // 0: not attached to an account
  std::string destinataire;
  std::string objet;
  std::string texte;
  std::string html;
  // When the mail holds a single-use link: the same mail with the link replaced by a
  // mention, kept and shown instead of texte/html once delivered. Empty otherwise.
  std::string texte_conserve;
  std::string html_conserve;
  std::string message_id;
  domain::Instant cree_le{};
  int tentatives = 0;
  std::optional<domain::Instant> envoye_le;
  std::optional<domain::Instant> abandonne_le;
  std::string chemin_eml;
};

long long enqueue_mail(Tx& tx, const OutboxMail& mail, domain::Instant now);

// Claims up to `limit` mails due at `now` for `lease`: another sender (another
// instance) skips them until the lease ends, so a mail is not delivered twice at once.
std::vector<OutboxMail> claim_due_mails(Tx& tx, domain::Instant now, std::chrono::seconds lease,
                                        int limit);
// Gives back the mails of a claim made until `until` that are still unsent and still held by
// it (not taken again since it lapsed): any sender may claim them at once.
void release_mails(Tx& tx, const std::vector<long long>& ids, domain::Instant until);
// Marking a mail sent or abandoned also drops its single-use link for good (texte_conserve).
void mark_mail_sent(Tx& tx, long long id, domain::Instant now, const std::string& chemin_eml);
void mark_mail_retry(Tx& tx, long long id, int tentatives, domain::Instant next,
                     const std::string& erreur);
void mark_mail_abandoned(Tx& tx, long long id, int tentatives, domain::Instant now,
                         const std::string& erreur);

// "Consulter mes messages": the account's mails, newest first, as they are kept (never
// with a single-use link, even before delivery).
std::vector<OutboxMail> mails_of_compte(Unit& unit, long long compte_id);
std::optional<OutboxMail> mail_of_compte(Unit& unit, long long compte_id, long long id);

}  // namespace examens::store
