// Storage of the mail outbox.
#include "store/outbox.hpp"

#include "store/instants.hpp"
#include "store/statements.hpp"

namespace examens::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, compte_id, destinataire, objet, texte, html, texte_conserve, html_conserve, "
    "message_id, cree_le, tentatives, envoye_le, abandonne_le, chemin_eml FROM messages ";

// Keeps what a delivered (or abandoned) mail may keep: without its single-use link.
constexpr const char* kDropSecret =
    "texte = CASE WHEN texte_conserve = '' THEN texte ELSE texte_conserve END, "
    "html = CASE WHEN html_conserve = '' THEN html ELSE html_conserve END, "
    "texte_conserve = '', html_conserve = '' ";

template <class... Params>
std::vector<OutboxMail> select_mails(Unit& unit, const char* where, const Params&... params) {
  std::vector<OutboxMail> out;
  for (auto& row :
       query_all<long long, std::optional<long long>, std::string, std::string, std::string,
                 std::string, std::string, std::string, std::string, long long, int,
                 std::optional<long long>, std::optional<long long>, std::string>(
           unit, std::string(kColumns) + where, params...)) {
    OutboxMail m;
    std::optional<long long> compte, envoye, abandonne;
    long long cree = 0;
    std::tie(m.id, compte, m.destinataire, m.objet, m.texte, m.html, m.texte_conserve,
             m.html_conserve, m.message_id, cree, m.tentatives, envoye, abandonne, m.chemin_eml) =
        std::move(row);
    m.compte_id = compte.value_or(0);
    m.cree_le = instant(cree);
    if (envoye) m.envoye_le = instant(*envoye);
    if (abandonne) m.abandonne_le = instant(*abandonne);
    out.push_back(std::move(m));
  }
  return out;
}

// The mail as the account may read it: never its single-use link, even before delivery.
void as_kept(OutboxMail& m) {
  if (!m.texte_conserve.empty()) m.texte = std::move(m.texte_conserve);
  if (!m.html_conserve.empty()) m.html = std::move(m.html_conserve);
  m.texte_conserve.clear();
  m.html_conserve.clear();
}

}  // namespace

long long enqueue_mail(Tx& tx, const OutboxMail& m, domain::Instant now) {
  const long long t = seconds(now);
  const auto compte = m.compte_id ? std::optional<long long>(m.compte_id) : std::nullopt;
  return query_one<long long>(
             tx,
             "INSERT INTO messages (compte_id, destinataire, objet, texte, html, texte_conserve, "
             "html_conserve, message_id, cree_le, tentatives, prochain_essai, reserve_jusqu_a, "
             "derniere_erreur, chemin_eml) "
             "VALUES (:c, :d, :o, :t, :h, :tc, :hc, :m, :now, 0, :now2, 0, '', '') RETURNING id",
             compte, m.destinataire, m.objet, m.texte, m.html, m.texte_conserve, m.html_conserve,
             m.message_id, t, t)
      .value_or(0);
}

std::vector<OutboxMail> claim_due_mails(Tx& tx, domain::Instant now, std::chrono::seconds lease,
                                        int limit) {
  const long long t = seconds(now);
  auto due = select_mails(tx,
                          "WHERE envoye_le IS NULL AND abandonne_le IS NULL AND prochain_essai "
                          "<= :a AND reserve_jusqu_a <= :b ORDER BY id LIMIT :n",
                          t, t, limit);
  std::vector<OutboxMail> claimed;
  const long long until = t + lease.count();
  for (auto& m : due) {
    // The guard on reserve_jusqu_a makes the claim atomic against another sender.
    if (execute(tx,
                "UPDATE messages SET reserve_jusqu_a = :u WHERE id = :id AND "
                "reserve_jusqu_a <= :t AND envoye_le IS NULL",
                until, m.id, t) == 1)
      claimed.push_back(std::move(m));
  }
  return claimed;
}

void release_mails(Tx& tx, const std::vector<long long>& ids, domain::Instant until) {
  for (const long long id : ids)
    execute(tx,
            "UPDATE messages SET reserve_jusqu_a = 0 WHERE id = :id AND reserve_jusqu_a = :u AND "
            "envoye_le IS NULL",
            id, seconds(until));
}

void mark_mail_sent(Tx& tx, long long id, domain::Instant now, const std::string& chemin_eml) {
  execute(tx,
          std::string("UPDATE messages SET envoye_le = :t, chemin_eml = :p, tentatives = "
                      "tentatives + 1, derniere_erreur = '', ") +
              kDropSecret + "WHERE id = :id",
          seconds(now), chemin_eml, id);
}

void mark_mail_retry(Tx& tx, long long id, int tentatives, domain::Instant next,
                     const std::string& erreur) {
  execute(tx,
          "UPDATE messages SET tentatives = :a, prochain_essai = :n, reserve_jusqu_a = 0, "
          "derniere_erreur = :e WHERE id = :id",
          tentatives, seconds(next), erreur, id);
}

void mark_mail_abandoned(Tx& tx, long long id, int tentatives, domain::Instant now,
                         const std::string& erreur) {
  execute(tx,
          std::string("UPDATE messages SET tentatives = :a, abandonne_le = :t, "
                      "derniere_erreur = :e, ") +
              kDropSecret + "WHERE id = :id",
          tentatives, seconds(now), erreur, id);
}

std::vector<OutboxMail> mails_of_compte(Unit& unit, long long compte_id) {
  auto rows = select_mails(unit, "WHERE compte_id = :a AND id > :b ORDER BY cree_le DESC, id DESC",
                           compte_id, 0LL);
  for (auto& m : rows) as_kept(m);
  return rows;
}

std::optional<OutboxMail> mail_of_compte(Unit& unit, long long compte_id, long long id) {
  auto rows = select_mails(unit, "WHERE compte_id = :a AND id = :b", compte_id, id);
  if (rows.empty()) return std::nullopt;
  as_kept(rows.front());
  return rows.front();
}

}  // namespace examens::store
