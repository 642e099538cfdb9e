// The portal core: session resolution, CSRF, security headers, static files,
// page rendering and the mail queue shared by every space's handlers.
#include "portail/portal.hpp"

#include <charconv>
#include <stdexcept>

#include "actions/agents.hpp"
#include "actions/compte.hpp"
#include "crypto/secrets.hpp"
#include "domain/agents.hpp"
#include "domain/temps.hpp"
#include "log/log.hpp"
#include "portail/documents.hpp"
#include "portail/justificatifs.hpp"
#include "web/security_headers.hpp"

namespace examens::portail {

Portal::Portal(const PortalOptions& options, store::Database& db, const domain::Clock& clock,
               std::vector<Space> spaces)
    : options_(options),
      db_(db),
      clock_(clock),
      templates_(options.root / "templates"),
      assets_(options.assets),
      services_(db, templates_,
                {options.base_url, options.session_idle, options.justificatifs, options.clamd}),
      spaces_(std::move(spaces)) {
  globals_.set("assets", assets_.urls());
  {
    store::Tx tx(db_);
    secret_ = store::get_or_create_parametre(tx, "secret_csrf", crypto::random_token(32));
    tx.commit();
  }
  add_compte_routes(router_);
  add_messages_routes(router_);
  add_referentiel_routes(router_);
  add_pages_routes(router_);
  add_documents_routes(router_);
  // Before the registration space: its literal paths (/inscription/nouvelle) must win over
  // the patterns (/inscription/{id}), the router taking the first match.
  add_saisie_routes(router_);
  add_inscription_routes(router_);
  add_justificatifs_routes(router_);
  for (const auto& space : spaces_) space.add_routes(router_);
}

Portal::~Portal() = default;

std::optional<Response> Portal::handle_static(Request& request) const {
  const auto& path = request.path;
  if ((!path.starts_with("/assets/") && !path.starts_with("/static/") &&
       !path.starts_with("/dsfr/")) ||
      (request.method != Method::get && request.method != Method::head))
    return std::nullopt;
  auto found = assets_.files().serve(request);
  return found ? std::move(*found) : Response::text("Fichier introuvable.", 404);
}

Response Portal::handle(Request& request) {
  return handle(request, true);
}

Response Portal::handle(Request& request, bool may_retry) {
  if (auto response = handle_static(request)) return std::move(*response);
  Response response;
  // resolve_session gives a new visitor's cookie to the request: a retry starts afresh.
  const auto received_cookies = request.cookies;
  const store::Activity activity;

  Context ctx{request, clock_.now(), {}, {}, {}, {}, {}, {}, {}, {}};
  try {
    bool path_known = false;
    const RouteHandler* route = router_.match(request, path_known);
    resolve_session(ctx, route ? route->lecture : actions::Lecture::compte);
    if (request.method == Method::post && !csrf_ok(ctx)) {
      response = error_page(ctx, 403, "Formulaire expiré",
                            "Ce formulaire a expiré ou ne provient pas de ce site (jeton de "
                            "sécurité absent ou invalide). Rechargez la page et recommencez.");
    } else {
      response = dispatch(ctx, route, path_known);
    }
  } catch (const std::exception& e) {
    // The connection was lost before anything was committed: the pool replaces it, and
    // running the request again cannot write twice.
    if (may_retry && activity.connection_lost() && !activity.commit_sent()) {
      request.cookies = received_cookies;
      return handle(request, false);
    }
    log::error("request_failed", {{"path", request.path}, {"error", e.what()}});
    if (activity.connection_lost()) {
      response = error_page(ctx, 503, "Service momentanément indisponible",
                            "Le service est momentanément indisponible. Rien de ce que vous aviez "
                            "enregistré n'est perdu ; réessayez dans quelques instants.");
      response.set_header("Retry-After", "5");
    } else {
      response = error_page(ctx, 500, "Erreur du serveur",
                            "Une erreur inattendue s'est produite. Rien de ce que vous aviez déjà "
                            "enregistré n'est perdu ; veuillez réessayer dans un instant.");
    }
  }
  // A shared cache would hand a public answer's cookies (the visitor's CSRF key, a session)
  // to everyone who asks after this visitor.
  const auto cache_control = response.header("Cache-Control");
  if (cache_control && cache_control->find("public") != std::string_view::npos)
    response.cookies.clear();
  else
    for (auto& c : ctx.cookies) response.cookies.push_back(std::move(c));
  // Pages carry personal data: never stored by a shared cache or the browser's history.
  if (!cache_control) response.set_header("Cache-Control", "no-store");
  return response;
}

Response Portal::dispatch(Context& ctx, const RouteHandler* route, bool path_known) {
  if (route) return route->run(*this, ctx);
  if (path_known) {
    auto r = error_page(ctx, 405, "Méthode non autorisée",
                        "Cette adresse n'accepte pas ce type de requête.");
    r.set_header("Allow", "GET, HEAD, POST");
    return r;
  }
  return error_page(ctx, 404, "Page non trouvée",
                    "La page que vous cherchez est introuvable. Vérifiez l'adresse saisie.");
}

bool under_gestion(const Request& request) {
  return request.path.starts_with(kGestionPath);
}

std::optional<long long> identifiant(const Request& request, const char* param) {
  const auto found = request.params.find(param);
  if (found == request.params.end()) return std::nullopt;
  const std::string& text = found->second;
  // One spelling per row: "01" is not another name of 1 (nor of anything).
  if (text.starts_with('0')) return std::nullopt;
  long long n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || n <= 0) return std::nullopt;
  return n;
}

void Portal::resolve_agent_session(Context& ctx) {
  const auto cookie_value = ctx.req.cookie(kGestionCookie);
  if (!cookie_value) return;
  if (auto reprise = actions::reprendre_session_agent(services_, *cookie_value, ctx.now)) {
    ctx.agent = std::move(reprise->agent);
    ctx.csrf = reprise->row.csrf;
    ctx.session = std::move(reprise->row);
    return;
  }
  ctx.cookies.push_back(gestion_cookie("", 0));
}

void Portal::resolve_session(Context& ctx, actions::Lecture lecture) {
  // Each space reads its own cookie only: a candidate's session gives nothing under
  // /gestion/, a staff member's nothing elsewhere.
  if (under_gestion(ctx.req)) {
    resolve_agent_session(ctx);
    if (ctx.agent) return;
  } else if (auto cookie_value = ctx.req.cookie(kSessionCookie)) {
    // A route reading a draft has it under its {cle}.
    const std::string_view cle =
        lecture == actions::Lecture::saisie ? std::string_view(ctx.req.params.at("cle")) : "";
    if (auto reprise =
            actions::reprendre_session(services_, *cookie_value, ctx.now, lecture, cle)) {
      ctx.compte = std::move(reprise->compte);
      ctx.accueil = std::move(reprise->accueil);
      ctx.saisie = std::move(reprise->saisie);
      ctx.csrf = reprise->row.csrf;
      ctx.session = std::move(reprise->row);
      return;
    }
    ctx.cookies.push_back(cookie(kSessionCookie, "", 0));
  }
  // Anonymous visitors' forms (login, creation, reset) are protected too: the token
  // is tied to a random cookie of theirs (double submit, keyed by the server secret).
  std::string visitor(ctx.req.cookie(kVisitorCookie).value_or(""));
  if (visitor.size() < 32) {
    visitor = crypto::random_token(32);
    ctx.cookies.push_back(cookie(kVisitorCookie, visitor, std::nullopt));
    ctx.req.cookies[std::string(kVisitorCookie)] = visitor;
  }
  ctx.csrf = crypto::keyed_hash(secret_, visitor);
}

bool Portal::csrf_ok(const Context& ctx) const {
  auto sent = ctx.req.field("csrf");
  if (!sent) sent = ctx.req.header("x-csrf-token");
  return sent && !ctx.csrf.empty() && crypto::constant_time_equal(*sent, ctx.csrf);
}

actions::Navigateur Portal::navigateur(const Request& request, std::string_view cookie) {
  actions::Navigateur navigateur{
      request.remote_address, std::string(request.header("user-agent").value_or("")), std::nullopt};
  if (auto old = request.cookie(cookie)) navigateur.ancien_jeton = std::string(*old);
  return navigateur;
}

void Portal::login(Context& ctx, actions::SessionOuverte session) {
  ctx.cookies.push_back(cookie(kSessionCookie, std::move(session.jeton), std::nullopt));
  ctx.csrf = session.row.csrf;
  ctx.session = std::move(session.row);
}

void Portal::logout(Context& ctx) {
  if (ctx.session) actions::fermer_session(services_, ctx.session->empreinte);
  ctx.session.reset();
  ctx.compte.reset();
  ctx.cookies.push_back(cookie(kSessionCookie, "", 0));
}

void Portal::login_agent(Context& ctx, actions::SessionOuverte session) {
  ctx.cookies.push_back(gestion_cookie(std::move(session.jeton), std::nullopt));
  ctx.csrf = session.row.csrf;
  ctx.session = std::move(session.row);
}

void Portal::logout_agent(Context& ctx) {
  if (ctx.session && ctx.agent)
    actions::se_deconnecter_agent(services_, *ctx.agent, ctx.session->empreinte,
                                  ctx.req.remote_address, ctx.now);
  ctx.session.reset();
  ctx.agent.reset();
  ctx.cookies.push_back(gestion_cookie("", 0));
}

Cookie Portal::gestion_cookie(std::string value, std::optional<long> max_age) const {
  Cookie c = cookie(kGestionCookie, std::move(value), max_age);
  c.path = kGestionPath;
  c.same_site = "Strict";
  return c;
}

Cookie Portal::cookie(std::string_view name, std::string value, std::optional<long> max_age) const {
  Cookie c;
  c.name = name;
  c.value = std::move(value);
  c.max_age_seconds = max_age;
  c.http_only = true;
  c.secure = options_.base_url.starts_with("https://");
  c.same_site = "Lax";
  return c;
}

void Portal::serve_with(ServerOptions& options) {
  options.non_blocking = [this](Request& request) { return handle_static(request); };
  options.pool_for = [this](const Request& request) {
    bool hashing = runs_argon2(request);
    for (const auto& space : spaces_) hashing = hashing || space.runs_argon2(request);
    if (hashing) return Pool::hashing;
    // On PostgreSQL nothing is grouped, and more threads writing at once slowed the tabs'
    // upserts (docs/decisions/0028-group-commit.md).
    return db_.backend() == store::Backend::sqlite && writes_the_wizard(request) ? Pool::commits
                                                                                 : Pool::general;
  };
  options.accepts_upload = [this](const Request& head) { return accepts_upload(head); };
  options.overloaded = [this](Request& request, std::string message) {
    return overloaded(request, std::move(message));
  };
  // The server adds them to every answer, the pages' and its own (400, 413, 503…).
  options.default_headers = web::security_headers(options_.base_url.starts_with("https://"));
}

// Only Ajouter of Mes justificatifs takes files. It is decided here, on the head alone and
// before a byte of the body reaches the disk: a live session (its cookie) and its CSRF token,
// sent in the X-CSRF-Token header or the `csrf` query parameter since the body is not read
// yet. The server calls this on a worker thread: the session is looked up in the database.
bool Portal::accepts_upload(const Request& head) const {
  if (!upload_route(head)) return false;
  const auto jeton = head.cookie(kSessionCookie);
  auto csrf = head.header("x-csrf-token");
  if (!csrf) csrf = head.query_param("csrf");
  if (!jeton || !csrf) return false;
  const auto reprise = actions::reprendre_session(services_, *jeton, clock_.now());
  return reprise && crypto::constant_time_equal(*csrf, reprise->row.csrf);
}

Response Portal::overloaded(Request& request, std::string message) const {
  // On the I/O thread, which must never wait: no session lookup in the database, so the
  // page is drawn as for an anonymous visitor.
  Context ctx{request, clock_.now(), {}, {}, {}, {}, {}, {}, {}, {}};
  Response response = error_page(ctx, 503, "Service momentanément surchargé", std::move(message));
  response.set_header("Cache-Control", "no-store");
  response.set_header("Retry-After", "5");
  return response;
}

Response Portal::page(Context& ctx, std::string_view template_name, std::string title, Data data,
                      int status) const {
  data.set("csrf", ctx.csrf);
  Data layout;
  layout.set("title", title);
  layout.set("csrf", ctx.csrf);
  if (ctx.compte) {
    Data user;
    user.set("nom", ctx.compte->identite.nom_naissance);
    user.set("prenom", ctx.compte->identite.prenoms);
    layout.set("user", user);
    // What the server will actually allow: the row is touched at most once a minute.
    const auto remaining = ctx.session ? ctx.session->expire_le - ctx.now : options_.session_idle;
    layout.set("session_timeout_seconds", std::to_string(remaining.count()));
  }
  if (under_gestion(ctx.req)) {
    layout.set("gestion", true);
    layout.set("service_tagline", "Espace gestion");
    if (ctx.agent) {
      Data agent;
      agent.set("nom_affiche",
                domain::nom_affiche_agent(ctx.agent->prenom, ctx.agent->nom, ctx.agent->email));
      layout.set("agent", agent);
    }
  }
  // A band above the header (DSFR's notice), which costs a phone's first screen less than an
  // alert in the page would.
  if (options_.demo_clock)
    layout.set("demonstration", "l'horloge du portail indique le " +
                                    domain::format_paris_datetime(ctx.now) + " (heure de Paris).");
  Data alerts{Data::type::list};
  for (const auto& a : ctx.alerts) {
    Data item;
    item.set("type", a.type);
    // The layout shows a titled alert, or a small one with only a message.
    if (a.title.empty())
      item.set("small", true);
    else
      item.set("title", a.title);
    if (!a.message.empty()) item.set("message", a.message);
    alerts.push_back(item);
  }
  if (!ctx.alerts.empty()) layout.set("alerts", alerts);
  // Handlers name their scripts by the build's manifest ("details_acquis_js").
  if (const Data* scripts = data.get("scripts")) {
    Data list{Data::type::list};
    for (const Data& script : scripts->list_value()) {
      const Data* asset = script.get("asset");
      if (!asset || !asset->is_string()) throw std::logic_error("a page script without its asset");
      Data item;
      item.set("src", assets_.url(asset->string_value()));
      list.push_back(item);
    }
    layout.set("scripts", list);
  }
  // The asset URLs and the page itself are read where they are, not copied into the data.
  const std::string content = templates_.render(template_name, data, {&globals_, nullptr});
  const templates::Slot slot{"content", content};
  return Response::html(templates_.render("layout", layout, {&globals_, &slot}), status);
}

Response Portal::error_page(Context& ctx, int status, std::string title,
                            std::string message) const {
  Data data;
  data.set("titre", title);
  data.set("message", message);
  data.set("status", std::to_string(status));
  return page(ctx, "erreur", std::move(title), std::move(data), status);
}

Response Portal::login_required() {
  return Response::redirect("/connexion?expiree=1");
}

int Portal::prepare_mails() {
  return actions::traiter_demandes_mot_de_passe(services_, clock_.now());
}

}  // namespace examens::portail
