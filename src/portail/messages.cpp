// "Consulter mes messages" (SPEC §3): the mails sent to the account, as they are kept.
#include "domain/temps.hpp"
#include "portail/portal.hpp"
#include "store/outbox.hpp"

namespace examens::portail {
namespace {

Response messages(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  store::Read read(portal.db());
  Data list{Data::type::list};
  for (const auto& m : store::mails_of_compte(read, ctx.compte->id)) {
    Data item;
    item.set("id", std::to_string(m.id));
    item.set("objet", m.objet);
    item.set("date", domain::format_paris_datetime(m.envoye_le.value_or(m.cree_le)));
    item.set("envoye", m.envoye_le.has_value());
    item.set("abandonne", m.abandonne_le.has_value());
    list.push_back(item);
  }
  Data data;
  data.set("messages", list);
  data.set("aucun", list.is_empty_list());
  return portal.page(ctx, "messages/liste", "Consulter mes messages", std::move(data));
}

Response message(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  const auto id = identifiant(ctx.req, "id");
  if (!id) return portal.error_page(ctx, 404, "Message introuvable", "Ce message n'existe pas.");
  store::Read read(portal.db());
  auto m = store::mail_of_compte(read, ctx.compte->id, *id);
  if (!m) return portal.error_page(ctx, 404, "Message introuvable", "Ce message n'existe pas.");
  Data data;
  data.set("objet", m->objet);
  data.set("date", domain::format_paris_datetime(m->envoye_le.value_or(m->cree_le)));
  data.set("envoye", m->envoye_le.has_value());
  data.set("destinataire", m->destinataire);
  data.set("texte", m->texte);
  return portal.page(ctx, "messages/message", m->objet, std::move(data));
}

}  // namespace

void add_messages_routes(Router<RouteHandler>& r) {
  r.add(Method::get, "/messages", messages);
  r.add(Method::get, "/messages/{id}", message);
}

}  // namespace examens::portail
