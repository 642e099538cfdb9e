// Sessions: opened, resumed, extended and closed.
#include "actions/sessions.hpp"

#include "crypto/secrets.hpp"

namespace examens::actions {
namespace {

// A session row is rewritten at most this often, not on every request: the
// closing-hour rush should not turn each page view into a write.
constexpr auto kTouchInterval = std::chrono::seconds(60);
constexpr auto kSessionAbsolute = std::chrono::hours(12);

// A session row as found, with its owner when he may still come in.
template <class Owner>
struct Trouvee {
  std::optional<store::SessionRow> row;
  std::optional<Owner> owner;
};

// The live session of `jeton` in the table of `titulaire`, marked seen, with its owner as
// `find` reads them (no owner: gone, or no longer allowed in).
template <class Owner, class Find>
std::optional<std::pair<store::SessionRow, Owner>> reprendre(const Services& services,
                                                             std::string_view jeton,
                                                             domain::Instant now,
                                                             store::Titulaire titulaire,
                                                             Find find) {
  const std::string empreinte = crypto::token_hash(jeton);
  Trouvee<Owner> t;
  {
    // Released before any write below: a worker never holds two pooled sessions, so
    // busy workers cannot exhaust the pool waiting on each other.
    store::Read read(services.db());
    t = find(read, empreinte);
  }
  // Idle timeout, and an absolute limit however active the session stays.
  if (t.row && t.owner && t.row->expire_le > now && now - t.row->cree_le < kSessionAbsolute) {
    if (now - t.row->vu_le >= kTouchInterval) {
      t.row->expire_le = now + services.reglages().session_idle;
      store::Tx tx(services.db());
      store::touch_session(tx, empreinte, now, t.row->expire_le, titulaire);
      tx.commit();
    }
    return std::pair{std::move(*t.row), std::move(*t.owner)};
  }
  // Unknown or expired: forgotten, so the visitor is plainly anonymous.
  if (t.row) fermer_session(services, empreinte, titulaire);
  return std::nullopt;
}

}  // namespace

SessionOuverte ouvrir_session(store::Tx& tx, const Services& services, long long compte_id,
                              const Navigateur& navigateur, domain::Instant now,
                              store::Titulaire titulaire) {
  SessionOuverte session;
  session.jeton = crypto::random_token(32);
  store::SessionRow& row = session.row;
  row.empreinte = crypto::token_hash(session.jeton);
  row.compte_id = compte_id;
  row.csrf = crypto::random_token(32);
  row.cree_le = row.vu_le = now;
  row.expire_le = now + services.reglages().session_idle;
  store::insert_session(tx, row, now, navigateur.adresse, navigateur.agent, titulaire);
  if (navigateur.ancien_jeton)
    store::delete_session(tx, crypto::token_hash(*navigateur.ancien_jeton), titulaire);
  return session;
}

std::optional<SessionReprise> reprendre_session(const Services& services, std::string_view jeton,
                                                domain::Instant now, Lecture lecture,
                                                std::string_view cle) {
  // One statement on every page; a second one only when the cookie is unknown or its account
  // gone, to forget an orphan row.
  struct Lu {
    store::Compte compte;
    std::optional<ListesAccueil> accueil;
    std::optional<SaisieLue> saisie;
  };
  auto found = reprendre<Lu>(
      services, jeton, now, store::Titulaire::compte,
      [lecture, cle](store::Read& read, const std::string& empreinte) -> Trouvee<Lu> {
        switch (lecture) {
          case Lecture::accueil:
            if (auto all = store::find_session_accueil(read, empreinte))
              return {std::move(all->session),
                      Lu{std::move(all->compte),
                         ListesAccueil{std::move(all->candidatures), std::move(all->brouillons)},
                         std::nullopt}};
            break;
          case Lecture::saisie:
            if (auto both = store::find_session_saisie(read, empreinte, cle)) {
              SaisieLue saisie{std::string(cle), std::nullopt};
              if (both->brouillon)
                saisie.brouillon = brouillon_de_json(saisie.cle, *both->brouillon);
              return {std::move(both->session),
                      Lu{std::move(both->compte), std::nullopt, std::move(saisie)}};
            }
            break;
          case Lecture::compte:
            if (auto both = store::find_session_compte(read, empreinte))
              return {std::move(both->first),
                      Lu{std::move(both->second), std::nullopt, std::nullopt}};
            break;
        }
        return {store::find_session(read, empreinte), std::nullopt};
      });
  if (!found) return std::nullopt;
  auto& lu = found->second;
  return SessionReprise{std::move(found->first), std::move(lu.compte), std::move(lu.accueil),
                        std::move(lu.saisie)};
}

std::optional<SessionAgentReprise> reprendre_session_agent(const Services& services,
                                                           std::string_view jeton,
                                                           domain::Instant now) {
  auto found = reprendre<store::Agent>(
      services, jeton, now, store::Titulaire::agent,
      [](store::Read& read, const std::string& empreinte) -> Trouvee<store::Agent> {
        Trouvee<store::Agent> t{store::find_session(read, empreinte, store::Titulaire::agent),
                                std::nullopt};
        if (t.row)
          if (auto agent = store::find_agent(read, t.row->compte_id); agent && agent->actif())
            t.owner = std::move(agent);
        return t;
      });
  if (!found) return std::nullopt;
  return SessionAgentReprise{std::move(found->first), std::move(found->second)};
}

void prolonger_session(const Services& services, std::string_view empreinte, domain::Instant now) {
  store::Tx tx(services.db());
  store::touch_session(tx, empreinte, now, now + services.reglages().session_idle);
  tx.commit();
}

void fermer_session(const Services& services, std::string_view empreinte,
                    store::Titulaire titulaire) {
  store::Tx tx(services.db());
  store::delete_session(tx, empreinte, titulaire);
  tx.commit();
}

int fermer_autres_sessions(const Services& services, long long compte_id, std::string_view garder) {
  store::Tx tx(services.db());
  const int closed = store::delete_other_sessions(tx, compte_id, garder);
  tx.commit();
  return closed;
}

}  // namespace examens::actions
