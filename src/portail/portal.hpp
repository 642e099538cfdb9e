// The portal: from a plain Request to a Response, with sessions, CSRF, security
// headers, static files and the handlers of each space. Runs on worker threads
// (handlers block on the database and on Argon2id); thread-safe.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "actions/services.hpp"
#include "actions/sessions.hpp"
#include "domain/clock.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "portail/assets.hpp"
#include "store/agents.hpp"
#include "store/comptes.hpp"
#include "store/database.hpp"
#include "store/sessions.hpp"
#include "templates/templates.hpp"
#include "web/form_view.hpp"

namespace examens::portail {

// The pages speak the transport's plain types, fill templates, and draw forms with the web
// toolkit.
using http::Cookie;
using http::Method;
using http::Pool;
using http::Request;
using http::Response;
using http::Router;
using http::ServerOptions;
using templates::Data;
using templates::Templates;
using web::FieldSpec;
using web::FormView;
using web::Option;

inline constexpr std::string_view kSessionCookie = "examens_session";
inline constexpr std::string_view kVisitorCookie = "examens_visiteur";
// The staff's session: another cookie, sent only under its path, and whose token is looked
// up only among the staff's sessions (docs/decisions/0012-staff-accounts.md).
inline constexpr std::string_view kGestionCookie = "examens_gestion";
inline constexpr std::string_view kGestionPath = "/gestion/";

struct Alert {
  std::string type;  // success | info | warning | error
  std::string title;
  std::string message;
};

// What one request carries through the handlers.
struct Context {
  Request& req;
  domain::Instant now;
  std::optional<store::SessionRow> session;
  std::optional<store::Compte> compte;  // the logged-in account
  // What the route reads with the session, in the same statement (RouteHandler::lecture):
  // the home page's lists, a wizard tab's draft.
  std::optional<actions::ListesAccueil> accueil;
  std::optional<actions::SaisieLue> saisie;
  std::optional<store::Agent> agent;  // the logged-in staff member, under kGestionPath
  std::string csrf;                   // token expected in this visitor's forms
  std::vector<Cookie> cookies;        // to set on the response
  std::vector<Alert> alerts;
};

// What the portal takes of the instance's configuration (the commands fill it from the
// environment). The portal reads it through a reference for its whole lifetime.
struct PortalOptions {
  std::filesystem::path root;    // templates/ are read there
  std::filesystem::path assets;  // the build's static files: manifest.json and public/
  std::string base_url;          // the public address: links in mails; https: Secure, HSTS
  std::chrono::seconds session_idle{30 * 60};
  bool demo_clock = false;  // the portal runs on the demo's clock: every page says so
  std::filesystem::path justificatifs = "var/justificatifs";  // the deposited files' store
  std::string clamd;  // clamd's unix socket; empty: deposits are not scanned
};

class Portal;

// A route's handler, and what it reads with a candidate's session (by default the account
// alone): Context::accueil or Context::saisie come filled for it, from the same statement.
struct RouteHandler {
  template <class Run>
  requires std::is_invocable_r_v<Response, Run&, Portal&, Context&> RouteHandler(
      Run run, actions::Lecture lecture = actions::Lecture::compte)
      : run(std::move(run)), lecture(lecture) {}

  std::function<Response(Portal&, Context&)> run;
  actions::Lecture lecture;
};

// A space whose pages live in a folder of their own (the office's, in gestion/), plugged in
// by the composition root since its pages are built on this one.
struct Space {
  std::function<void(Router<RouteHandler>&)> add_routes;
  // Whether a request goes to one of its handlers that run Argon2id (the hashing pool).
  std::function<bool(const Request&)> runs_argon2;
};

class Portal {
 public:
  Portal(const PortalOptions& options, store::Database& db, const domain::Clock& clock,
         std::vector<Space> spaces = {});
  ~Portal();

  Response handle(Request& request);
  // Plugs the portal into the server: handlers, static files, the hashing pool for the
  // routes that run Argon2id, the upload gate, the overload page and the security headers
  // of the server's own answers.
  void serve_with(ServerOptions& options);
  // Static files (/assets/, /static/, /dsfr/), from memory: no database, no waiting, so the
  // server answers them on its I/O thread. nullopt for every other request.
  std::optional<Response> handle_static(Request& request) const;

  // Called after a transaction that queued mail commits, to wake the sender.
  void on_mail_queued(std::function<void()> callback) {
    services_.courrier().on_queued(std::move(callback));
  }
  // Builds the mails that requests only recorded ("Mot de passe oublié"), so that the
  // request's answer costs the same whether or not the account exists. The mail sender
  // calls it before each delivery round. Returns how many mails were queued.
  int prepare_mails();

  // --- for the handlers of each space ---
  const PortalOptions& options() const { return options_; }
  actions::Services& services() { return services_; }
  store::Database& db() { return db_; }
  const store::Referentiel& referentiel() const { return services_.referentiel(); }
  const domain::Catalogue& catalogue() const { return services_.catalogue(); }
  const domain::CatalogueQualification& qualification() const { return services_.qualification(); }

  Response page(Context& ctx, std::string_view template_name, std::string title, Data data,
                int status = 200) const;
  Response error_page(Context& ctx, int status, std::string title, std::string message) const;
  // The redirect to the login page for a visitor who is not (or no longer) logged in.
  static Response login_required();

  // Where a session about to open comes from: the client, and the session cookie it holds
  // (`cookie`: the candidates' or the staff's).
  static actions::Navigateur navigateur(const Request& request,
                                        std::string_view cookie = kSessionCookie);
  // Hands the browser the session an action opened: its cookie, and its CSRF token from now on.
  void login(Context& ctx, actions::SessionOuverte session);
  void logout(Context& ctx);
  // The same for a staff member's session, under kGestionPath.
  void login_agent(Context& ctx, actions::SessionOuverte session);
  void logout_agent(Context& ctx);

 private:
  // `may_retry`: a request that lost its database connection before committing anything
  // runs once more, on a fresh connection.
  Response handle(Request& request, bool may_retry);
  // The route's answer, or the 404 or 405 page when there is none (`path_known`).
  Response dispatch(Context& ctx, const RouteHandler* route, bool path_known);
  void resolve_session(Context& ctx, actions::Lecture lecture);
  // Under kGestionPath: the staff cookie alone is read there.
  void resolve_agent_session(Context& ctx);
  bool csrf_ok(const Context& ctx) const;
  // Whether a multipart body may be read for this request head (see serve_with).
  bool accepts_upload(const Request& head) const;
  // The DSFR page of a request refused because its pool is full (503).
  Response overloaded(Request& request, std::string message) const;
  Cookie cookie(std::string_view name, std::string value, std::optional<long> max_age) const;
  // The staff's cookie: under kGestionPath only, and never sent along a request that
  // another site started (SameSite=Strict).
  Cookie gestion_cookie(std::string value, std::optional<long> max_age) const;

  const PortalOptions& options_;
  store::Database& db_;
  const domain::Clock& clock_;
  Templates templates_;
  Assets assets_;
  // What every page reads besides its own data, kept once: {"assets": the asset URLs}.
  templates::Data globals_;
  actions::Services services_;
  std::string secret_;
  Router<RouteHandler> router_;
  std::vector<Space> spaces_;
};

// Whether the request goes to the staff's space (kGestionPath).
bool under_gestion(const Request& request);

// The route's parameter `param` as a row id (digits without sign, space nor leading zero,
// above zero and within long long); nullopt otherwise, which the page answers with 404.
std::optional<long long> identifiant(const Request& request, const char* param);

// Each space registers its routes (one file of handlers per space).
void add_compte_routes(Router<RouteHandler>& router);
void add_messages_routes(Router<RouteHandler>& router);
// Whether the request goes to a handler of the account space that runs Argon2id (login,
// creation, new password, modification): those run on the server's hashing pool.
bool runs_argon2(const Request& request);
void add_referentiel_routes(Router<RouteHandler>& router);
void add_pages_routes(Router<RouteHandler>& router);
void add_inscription_routes(Router<RouteHandler>& router);
void add_saisie_routes(Router<RouteHandler>& router);
// Whether the request is a POST of a wizard's tab: it saves the draft, or registers the
// candidature (Enregistrer). On SQLite, those run on the server's pool of shared commits.
bool writes_the_wizard(const Request& request);

}  // namespace examens::portail
