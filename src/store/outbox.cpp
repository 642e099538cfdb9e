// Storage of the mail outbox.
#include "store/outbox.hpp"

#include "store/instants.hpp"
#include "store/sql.hpp"

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

std::vector<OutboxMail> select_mails(soci::session& sql, const std::string& where, long long a,
                                     long long b) {
  std::vector<OutboxMail> out;
  OutboxMail m;
  long long compte = 0, cree = 0, envoye = 0, abandonne = 0;
  soci::indicator compte_ind = soci::i_ok, envoye_ind = soci::i_ok, abandonne_ind = soci::i_ok;
  soci::statement st =
      (sql.prepare << kColumns + where, soci::use(a), soci::use(b), soci::into(m.id),
       soci::into(compte, compte_ind), soci::into(m.destinataire), soci::into(m.objet),
       soci::into(m.texte), soci::into(m.html), soci::into(m.texte_conserve),
       soci::into(m.html_conserve), soci::into(m.message_id), soci::into(cree),
       soci::into(m.tentatives), soci::into(envoye, envoye_ind),
       soci::into(abandonne, abandonne_ind), soci::into(m.chemin_eml));
  st.execute();
  while (st.fetch()) {
    OutboxMail row = m;
    row.compte_id = compte_ind == soci::i_ok ? compte : 0;
    row.cree_le = instant(cree);
    if (envoye_ind == soci::i_ok) row.envoye_le = instant(envoye);
    if (abandonne_ind == soci::i_ok) row.abandonne_le = instant(abandonne);
    out.push_back(std::move(row));
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
  soci::session& sql = sql_of(tx);
  const long long t = seconds(now);
  long long compte = m.compte_id;
  soci::indicator compte_ind = m.compte_id ? soci::i_ok : soci::i_null;
  long long id = 0;
  sql << "INSERT INTO messages (compte_id, destinataire, objet, texte, html, texte_conserve, "
         "html_conserve, message_id, cree_le, tentatives, prochain_essai, reserve_jusqu_a, "
         "derniere_erreur, chemin_eml) "
         "VALUES (:c, :d, :o, :t, :h, :tc, :hc, :m, :now, 0, :now2, 0, '', '') RETURNING id",
      soci::use(compte, compte_ind), soci::use(m.destinataire), soci::use(m.objet),
      soci::use(m.texte), soci::use(m.html), soci::use(m.texte_conserve),
      soci::use(m.html_conserve), soci::use(m.message_id), soci::use(t), soci::use(t),
      soci::into(id);
  return id;
}

std::vector<OutboxMail> claim_due_mails(Tx& tx, domain::Instant now, std::chrono::seconds lease,
                                        int limit) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(now);
  auto due = select_mails(sql,
                          "WHERE envoye_le IS NULL AND abandonne_le IS NULL AND prochain_essai "
                          "<= :a AND reserve_jusqu_a <= :b ORDER BY id LIMIT " +
                              std::to_string(limit),
                          t, t);
  std::vector<OutboxMail> claimed;
  const long long until = t + lease.count();
  for (auto& m : due) {
    // The guard on reserve_jusqu_a makes the claim atomic against another sender.
    soci::statement st =
        (sql.prepare << "UPDATE messages SET reserve_jusqu_a = :u WHERE id = :id AND "
                        "reserve_jusqu_a <= :t AND envoye_le IS NULL",
         soci::use(until), soci::use(m.id), soci::use(t));
    st.execute(true);
    if (st.get_affected_rows() == 1) claimed.push_back(std::move(m));
  }
  return claimed;
}

void mark_mail_sent(Tx& tx, long long id, domain::Instant now, const std::string& chemin_eml) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(now);
  sql << std::string(
             "UPDATE messages SET envoye_le = :t, chemin_eml = :p, tentatives = "
             "tentatives + 1, derniere_erreur = '', ") +
             kDropSecret + "WHERE id = :id",
      soci::use(t), soci::use(chemin_eml), soci::use(id);
}

void mark_mail_retry(Tx& tx, long long id, int tentatives, domain::Instant next,
                     const std::string& erreur) {
  soci::session& sql = sql_of(tx);
  const long long n = seconds(next);
  sql << "UPDATE messages SET tentatives = :a, prochain_essai = :n, reserve_jusqu_a = 0, "
         "derniere_erreur = :e WHERE id = :id",
      soci::use(tentatives), soci::use(n), soci::use(erreur), soci::use(id);
}

void mark_mail_abandoned(Tx& tx, long long id, int tentatives, domain::Instant now,
                         const std::string& erreur) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(now);
  sql << std::string(
             "UPDATE messages SET tentatives = :a, abandonne_le = :t, "
             "derniere_erreur = :e, ") +
             kDropSecret + "WHERE id = :id",
      soci::use(tentatives), soci::use(t), soci::use(erreur), soci::use(id);
}

std::vector<OutboxMail> mails_of_compte(Unit& unit, long long compte_id) {
  soci::session& sql = sql_of(unit);
  auto rows = select_mails(sql, "WHERE compte_id = :a AND id > :b ORDER BY cree_le DESC, id DESC",
                           compte_id, 0);
  for (auto& m : rows) as_kept(m);
  return rows;
}

std::optional<OutboxMail> mail_of_compte(Unit& unit, long long compte_id, long long id) {
  soci::session& sql = sql_of(unit);
  auto rows = select_mails(sql, "WHERE compte_id = :a AND id = :b", compte_id, id);
  if (rows.empty()) return std::nullopt;
  as_kept(rows.front());
  return rows.front();
}

}  // namespace examens::store
