// Test harness of the integration tests.
#include "integration/support.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <soci/postgresql/soci-postgresql.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <stdexcept>

#include "app/commands.hpp"
#include "catalogue/fichiers.hpp"
#include "crypto/secrets.hpp"
#include "mail/transport.hpp"
#include "store/catalogue.hpp"
#include "store/outbox.hpp"
#include "store/referentiel.hpp"

namespace examens::testing {
namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

std::string source_dir() {
  return env_or("EXAMENS_SOURCE_DIR", EXAMENS_SOURCE_DIR);
}

std::filesystem::path temp_dir(const std::string& prefix) {
  auto dir = std::filesystem::temp_directory_path() / (prefix + crypto::random_token(8));
  std::filesystem::create_directories(dir);
  return dir;
}

void load_reference_sample(store::Database& db) {
  // A few real entries: enough for the forms, fast to load on every test.
  std::vector<refdata::Pays> pays = {
      {"FR", "FRANCE (DONT OUTRE-MER)"}, {"DE", "ALLEMAGNE"}, {"MA", "MAROC"}};
  std::vector<refdata::Nationalite> nationalites = {{"FR", "Française"}, {"DE", "Allemande"}};
  std::vector<refdata::Departement> departements = {{"35", "035", "Ille-et-Vilaine", "metro"},
                                                    {"75", "075", "Paris", "metro"},
                                                    {"973", "973", "Guyane", "drom"}};
  std::vector<refdata::Commune> communes = {{"35238", "Rennes", "35"},
                                            {"35288", "Saint-Malo", "35"},
                                            {"35051", "Cesson-Sévigné", "35"},
                                            {"75056", "Paris", "75"},
                                            {"97302", "Cayenne", "973"}};
  // The catalogue is the repository's own demo data set.
  const auto files = catalogue::read_files(std::filesystem::path(source_dir()) / "data/catalogue");
  auto loaded = catalogue::load_catalogue(files);
  if (!loaded.catalogue) throw std::runtime_error(loaded.errors.front().message());
  store::Tx tx(db);
  store::replace_referentiel(tx, pays, nationalites, departements, communes);
  store::replace_catalogue(tx, *loaded.catalogue);
  store::replace_catalogue_files(tx, files);
  tx.commit();
}

// A port of 127.0.0.1 kept for the server: bound with SO_REUSEADDR but not listening, no other
// socket gets it, while the server may still bind it (Linux). The portal needs its base URL
// (the links of mails) when it is built, before the server it plugs into exists.
class ReservedPort {
 public:
  ReservedPort() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    const int one = 1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd_ < 0 || ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        ::bind(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      if (fd_ >= 0) ::close(fd_);
      throw std::runtime_error("no free port for the test server");
    }
    port_ = ntohs(address.sin_port);
  }
  ReservedPort(const ReservedPort&) = delete;
  ReservedPort& operator=(const ReservedPort&) = delete;
  ~ReservedPort() { ::close(fd_); }
  unsigned short port() const { return port_; }

 private:
  int fd_;
  unsigned short port_ = 0;
};

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

std::size_t collect_header(char* data, std::size_t size, std::size_t n, void* out) {
  auto* result = static_cast<HttpResult*>(out);
  std::string line(data, size * n);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of("\r\n") + 1);
    if (name == "set-cookie") result->set_cookies.push_back(value);
    result->headers[name] = value;
  }
  return size * n;
}

std::string url_encode(const std::string& s) {
  char* e = curl_easy_escape(nullptr, s.c_str(), static_cast<int>(s.size()));
  std::string out(e);
  curl_free(e);
  return out;
}

}  // namespace

std::filesystem::path migrations_dir() {
  return std::filesystem::path(source_dir()) / "src/store/migrations";
}

TestDatabase::TestDatabase() : TestDatabase(env_or("EXAMENS_TEST_DB", "sqlite")) {}

TestDatabase::TestDatabase(Schema schema)
    : TestDatabase(env_or("EXAMENS_TEST_DB", "sqlite"), schema) {}

TestDatabase::TestDatabase(const std::string& backend, Schema schema) {
  // "sqlite", or "postgresql:<dir>" where tests/support/pg.sh left the cluster's URL.
  if (backend.starts_with("postgresql:")) {
    postgres_ = true;
    std::ifstream in(backend.substr(backend.find(':') + 1) + "/url");
    if (!(in >> admin_url_)) throw std::runtime_error("no PostgreSQL test cluster (pg.start)");
    name_ = "t_" + crypto::token_hash(crypto::random_token(8)).substr(0, 16);
    {
      soci::session admin(*soci::factory_postgresql(),
                          store::postgres_connection_string(admin_url_));
      admin << "CREATE DATABASE " + name_;
    }
    url_ = admin_url_.substr(0, admin_url_.rfind('/') + 1) + name_;
  } else {
    url_ = (temp_dir("examens-db-") / "examens.db").string();
  }
  // As many pooled sessions as the portal has workers: a handler that held two at once
  // would deadlock the tests under concurrent requests, as production would under load.
  db_ = std::make_unique<store::Database>(url_, 4);
  if (schema == Schema::empty) return;
  db_->migrate(migrations_dir());
  load_reference_sample(*db_);
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (postgres_) {
    try {
      soci::session admin(*soci::factory_postgresql(),
                          store::postgres_connection_string(admin_url_));
      admin << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)";
    } catch (const std::exception&) {
      // The cluster is thrown away at the end of the run anyway.
    }
  } else {
    std::filesystem::remove_all(std::filesystem::path(url_).parent_path());
  }
}

Client::Client(std::string base_url) : bases_{std::move(base_url)} {}
Client::~Client() = default;

void Client::set_cookie(const std::string& name, const std::string& value) {
  cookies_[name] = value;
}
std::optional<std::string> Client::cookie(const std::string& name) const {
  auto it = cookies_.find(name);
  if (it == cookies_.end()) return std::nullopt;
  return it->second;
}

void Client::alternate(std::vector<std::string> base_urls) {
  bases_ = std::move(base_urls);
  next_ = 0;
}

HttpResult Client::perform(Verb verb, const std::string& path, const std::string* body,
                           const std::vector<std::string>& headers) {
  HttpResult result;
  CURL* curl = curl_easy_init();
  const std::string url = bases_[next_++ % bases_.size()] + path;
  std::string cookie_header;
  for (const auto& [k, v] : cookies_) cookie_header += k + "=" + v + "; ";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  if (!cookie_header.empty()) curl_easy_setopt(curl, CURLOPT_COOKIE, cookie_header.c_str());
  curl_slist* list = nullptr;
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  if (list) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  if (verb == Verb::head) curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  if (verb == Verb::post) {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body->size()));
  }
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(list);
  if (code != CURLE_OK) {
    curl_easy_cleanup(curl);
    throw std::runtime_error(std::string("HTTP request failed: ") + curl_easy_strerror(code));
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  curl_easy_cleanup(curl);
  if (result.status == 502 || result.status == 504)
    throw std::runtime_error("HTTP request failed: " + std::to_string(result.status) +
                             " from the proxy, no answer from the portal");
  for (const auto& sc : result.set_cookies) {
    const auto eq = sc.find('=');
    const auto semi = sc.find(';');
    const std::string name = sc.substr(0, eq);
    const std::string value = sc.substr(eq + 1, semi - eq - 1);
    if (sc.find("Max-Age=0") != std::string::npos)
      cookies_.erase(name);
    else
      cookies_[name] = value;
  }
  return result;
}

HttpResult Client::get(const std::string& path) {
  return perform(Verb::get, path);
}

HttpResult Client::head(const std::string& path) {
  return perform(Verb::head, path);
}

HttpResult Client::post(const std::string& path,
                        const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [k, v] : fields) {
    if (!body.empty()) body += "&";
    body += url_encode(k) + "=" + url_encode(v);
  }
  return perform(Verb::post, path, &body);
}

HttpResult Client::post_raw(const std::string& path, const std::string& content_type,
                            const std::string& body, const std::vector<std::string>& headers) {
  std::vector<std::string> all{"Content-Type: " + content_type, "Expect:"};
  all.insert(all.end(), headers.begin(), headers.end());
  return perform(Verb::post, path, &body, all);
}

HttpResult Client::submit(const std::string& form_path, const std::string& action,
                          std::vector<std::pair<std::string, std::string>> fields) {
  const auto page = get(form_path);
  fields.emplace_back("csrf", csrf_of(page.body));
  return post(action, fields);
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

int count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

std::string csrf_of(const std::string& html) {
  static const std::regex re(R"re(name="csrf" value="([^"]+)")re");
  std::smatch m;
  if (!std::regex_search(html, m, re)) return "";
  return m[1];
}

TestPortal::TestPortal(const Adjust& adjust)
    : TestPortal(env_or("EXAMENS_TEST_DB", "sqlite"), adjust) {}

TestPortal::TestPortal(const std::string& backend, const Adjust& adjust)
    : database_(backend), mail_dir_(temp_dir("examens-mail-").string()) {
  crypto::init_secrets();
  config_.root = source_dir();
  config_.data_dir = temp_dir("examens-data-");
  config_.db = database_.url();
  config_.mail = "file:" + mail_dir_;
  config_.workers = 4;
  const ReservedPort reserved;
  port_ = reserved.port();
  config_.base_url = portal_options_.base_url = base_url();
  portal_options_.root = config_.root;
  portal_options_.assets = env_or("EXAMENS_ASSETS", EXAMENS_ASSETS_DIR);
  portal_options_.session_idle = config_.session_idle;
  portal_options_.justificatifs = justificatifs_dir();
  // The antivirus test sets it to the socket of the clamd it started.
  portal_options_.clamd = env_or("EXAMENS_CLAMD", "");
  portal_ =
      std::make_unique<portail::Portal>(portal_options_, database_.db(), clock_, app::spaces());
  http::ServerOptions options;
  options.port = port_;
  options.install_signal_handlers = false;
  options.worker_threads = config_.workers;
  options.hashing_threads = 2;
  options.upload_dir = upload_dir().string();
  std::filesystem::create_directories(options.upload_dir);
  portal_->serve_with(options);
  if (adjust) adjust(options);
  server_ = std::make_unique<http::Server>(options,
                                           [this](http::Request& r) { return portal_->handle(r); });
  server_->listen();
  mail::SenderOptions mail_options;
  mail_options.from_address = "ne-pas-repondre@examens.test";
  mail_options.log_eml_paths = false;
  mail_options.prepare = [this] { portal_->prepare_mails(); };
  auto transport = std::make_unique<RecordingTransport>(mail::make_transport(config_.mail));
  delivered_ = transport.get();
  sender_ =
      std::make_unique<mail::Sender>(database_.db(), clock_, std::move(transport), mail_options);
  thread_ = std::thread([this] { server_->run(); });
}

TestPortal::~TestPortal() {
  server_->stop();
  thread_.join();
  server_.reset();
  portal_.reset();
  std::filesystem::remove_all(mail_dir_);
  std::filesystem::remove_all(config_.data_dir);
}

std::vector<std::string> TestPortal::mails_to(const std::string& email) {
  sender_->deliver_due();
  std::vector<std::string> texts;
  for (const auto& mail : delivered_->delivered())
    if (mail.to_address == email) texts.push_back(mail.text);
  return texts;
}

RecordingTransport::RecordingTransport(std::unique_ptr<mail::Transport> inner)
    : inner_(std::move(inner)) {}

mail::DeliveryResult RecordingTransport::deliver(const mail::Mail& mail) {
  auto result = inner_->deliver(mail);
  if (result.ok) {
    std::lock_guard lock(mutex_);
    delivered_.push_back(mail);
  }
  return result;
}

std::vector<mail::Mail> RecordingTransport::delivered() const {
  std::lock_guard lock(mutex_);
  return delivered_;
}

std::string TestPortal::link_in_mail(const std::string& email, const std::string& needle) {
  const auto texts = mails_to(email);
  static const std::regex re(R"(https?://\S+)");
  for (auto it = texts.rbegin(); it != texts.rend(); ++it)
    for (std::sregex_iterator m(it->begin(), it->end(), re), end; m != end; ++m)
      if (m->str().find(needle) != std::string::npos) return m->str();
  return "";
}

std::vector<std::pair<std::string, std::string>> creation_fields(const AccountSpec& s) {
  return {{"civilite", "M"},
          {"nom_naissance", s.nom},
          {"nom_naissance_confirmation", s.nom},
          {"nom_usage", ""},
          {"prenoms", s.prenoms},
          {"date_naissance", "01/01/2002"},
          {"date_naissance_confirmation", "01/01/2002"},
          {"pays_naissance", "FR"},
          {"departement_naissance", "35"},
          {"commune_naissance", "Rennes"},
          {"commune_naissance_code", "35238"},
          {"email", s.email},
          {"email_confirmation", s.email},
          {"mot_de_passe", s.password},
          {"mot_de_passe_confirmation", s.password},
          {"action", "enregistrer"}};
}

void create_account(TestPortal& portal, Client& client, const AccountSpec& spec, bool activate) {
  const auto created = client.submit("/compte/creer", "/compte/creer", creation_fields(spec));
  if (created.status != 200)
    throw std::runtime_error("account creation refused: " + std::to_string(created.status));
  if (!activate) return;
  const std::string link = portal.link_in_mail(spec.email, "/compte/activer?jeton=");
  const std::string path = link.substr(link.find("/compte/"));
  const std::string token = path.substr(path.find("jeton=") + 6);
  const auto activated = client.submit(path, "/compte/activer", {{"jeton", token}});
  if (activated.status != 303) throw std::runtime_error("activation failed");
}

store::Compte activated_account(TestPortal& portal, const AccountSpec& spec) {
  Client client(portal.base_url());
  create_account(portal, client, spec, true);
  store::Read read(portal.db());
  return *store::find_compte_by_email(read, spec.email);
}

std::vector<CompteActif> comptes_actives(store::Tx& tx, int nombre, const std::string& mot_de_passe,
                                         const std::string& prefixe, long long premier_numero,
                                         domain::Instant now) {
  const std::string hash = crypto::hash_password(mot_de_passe);
  std::vector<CompteActif> comptes;
  for (int i = 0; i < nombre; ++i) {
    store::Compte c;
    c.email = prefixe + std::to_string(i) + "@example.fr";
    c.mot_de_passe = hash;
    c.etat = store::kEtatActif;
    c.identite = {"MME",
                  "DURAND",
                  "",
                  "Anne",
                  {std::chrono::year(2003), std::chrono::May, std::chrono::day(4)},
                  "FR",
                  "35",
                  "35238",
                  "Rennes"};
    c.numero_candidat = std::to_string(premier_numero + i);
    if (!store::reserve_numero_candidat(tx, c.numero_candidat, now))
      throw std::runtime_error("numéro de candidat déjà pris : " + c.numero_candidat);
    c.id = store::insert_compte(tx, c, now);
    store::activate_compte(tx, c.id, now);
    comptes.push_back({c.id, std::move(c.email)});
  }
  return comptes;
}

HttpResult login(Client& client, const std::string& identifier, const std::string& password) {
  return client.submit("/connexion", "/connexion",
                       {{"identifiant", identifier}, {"mot_de_passe", password}});
}

std::map<int, Fields> exemple(const std::string& etablissement) {
  return {
      {1, {{"modalites_acceptees", "oui"}}},
      {2,
       {{"adresse_pays", "FR"},
        {"adresse_voie", "reu"},
        {"code_postal", "97300"},
        {"localite", "CAYENNE"},
        {"nationalite", "FR"},
        {"telephone_mobile", "0123456789"}}},
      {3,
       {{"categorie", "133"},
        {"situation", "SCO"},
        {"amenagement_duree", "non"},
        {"etablissement", etablissement},
        {"handicap", "non"},
        {"csp", "81"},
        {"diffusion_presse", "non"},
        {"diffusion_collectivites", "non"}}},
      {4,
       {{"specialite", "25303"},
        {"section_langue", "SANS"},
        {"forme_passage", "GLOBALE"},
        {"derogation", "non"}}},
      {5,
       {{"acquis_types", "autre_diplome"},
        {"diplomes", "BTSDUT"},
        {"acquis.BTSDUT.annee", "2022"},
        {"acquis.BTSDUT.academie", "AIX"}}},
      {6,
       {{"position.EF1", "inscrit"},
        {"choix.EF1", "ANG"},
        {"position.EF2", "inscrit"},
        {"choix.EF2", "LV"}}},
      {7, {}},
      {8, {{"conditions_acceptees", "oui"}}},
  };
}

}  // namespace examens::testing
