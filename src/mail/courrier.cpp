// Mails rendered from templates and queued in the outbox.
#include "mail/courrier.hpp"

#include "crypto/secrets.hpp"
#include "domain/temps.hpp"
#include "store/outbox.hpp"

namespace examens::mail {

Courrier::Courrier(const templates::Templates& templates, std::string base_url)
    : templates_(templates), base_url_(std::move(base_url)) {}

void Courrier::queue(store::Tx& tx, const store::Compte& compte, std::string_view name,
                     std::string subject, templates::Data data, domain::Instant now,
                     const std::optional<LienUnique>& lien) const {
  data.set("base_url", base_url_);
  data.set("nom_affiche", domain::nom_affiche(compte.identite));
  data.set("date_envoi", domain::format_paris_datetime(now));
  store::OutboxMail mail;
  mail.compte_id = compte.id;
  mail.destinataire = compte.email;
  mail.objet = std::move(subject);
  const std::string texte = "mail/" + std::string(name) + "_texte";
  const std::string html = "mail/" + std::string(name) + "_html";
  if (lien) {
    data.set("lien", lien->url);
    mail.texte = templates_.render(texte, data);
    mail.html = templates_.render(html, data);
    data.set("lien", false);
    data.set("lien_conserve", "lien envoyé par mail, valable " + lien->validite);
    mail.texte_conserve = templates_.render(texte, data);
    mail.html_conserve = templates_.render(html, data);
  } else {
    mail.texte = templates_.render(texte, data);
    mail.html = templates_.render(html, data);
  }
  const auto at = base_url_.find("://");
  std::string host = at == std::string::npos ? "examens" : base_url_.substr(at + 3);
  host = host.substr(0, host.find_first_of(":/"));
  mail.message_id = crypto::random_token(18) + "@" + host;
  store::enqueue_mail(tx, mail, now);
}

void Courrier::committed() const {
  if (queued_) queued_();
}

}  // namespace examens::mail
