// The `examens` commands: wiring of storage, portal, server, mail sender, documents'
// preparer and the scheduled purge.
#include "app/commands.hpp"

#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

#include "actions/audit.hpp"
#include "actions/justificatifs.hpp"
#include "actions/preparateur.hpp"
#include "catalogue/fichiers.hpp"
#include "catalogue/qualification_fichiers.hpp"
#include "crypto/secrets.hpp"
#include "domain/audit.hpp"
#include "domain/compte.hpp"
#include "domain/saisie.hpp"
#include "gestion/gestion.hpp"
#include "http/server.hpp"
#include "log/log.hpp"
#include "mail/sender.hpp"
#include "mail/transport.hpp"
#include "portail/portal.hpp"
#include "refdata/refdata.hpp"
#include "store/agents.hpp"
#include "store/candidatures.hpp"
#include "store/catalogue.hpp"
#include "store/comptes.hpp"
#include "store/database.hpp"
#include "store/referentiel.hpp"
#include "store/sessions.hpp"

namespace examens::app {
namespace {

constexpr auto kPurgeInterval = std::chrono::minutes(10);

std::filesystem::path migrations_dir(const Config& config) {
  return config.root / "src/store/migrations";
}

portail::PortalOptions portal_options_of(const Config& config) {
  return {config.root,
          config.assets,
          config.base_url,
          config.session_idle,
          !config.demo_now.empty(),
          config.data_dir / "justificatifs",
          config.clamd};
}

struct Purged {
  int comptes = 0;
  int brouillons = 0;
  fichiers::Entrepot::Purge fichiers;
};

Purged purge_once(store::Database& db, domain::Instant now, const Config& config) {
  Purged out;
  // The files first: what a crash left between a deposit's write and its row, and between
  // a mail file's write and its rename.
  out.fichiers = actions::purger_fichiers(db, fichiers::Entrepot(config.data_dir / "justificatifs"),
                                          config.data_dir / "uploads");
  out.fichiers.temporaires +=
      mail::make_transport(config.mail)->remove_leftovers(actions::kDelaiPurgeFichiers);
  store::Tx tx(db);
  out.comptes = store::purge_pending_comptes(tx, now - domain::kActivationValidity);
  store::delete_expired_sessions(tx, now);
  // Past the longest memory of a streak (its blocks, an hour at most, are over too).
  store::purge_throttles(tx, now - domain::kCompteThrottle.memory);
  out.brouillons = store::purge_brouillons(tx, now - domain::kConservationBrouillon);
  tx.commit();
  return out;
}

// Runs the purge now and then every kPurgeInterval until stopped.
class PurgeSchedule {
 public:
  PurgeSchedule(store::Database& db, const domain::Clock& clock, const Config& config)
      : thread_([this, &db, &clock, &config] {
          std::unique_lock lock(mutex_);
          while (!stopping_) {
            lock.unlock();
            try {
              const Purged n = purge_once(db, clock.now(), config);
              if (n.comptes > 0 || n.brouillons > 0 || n.fichiers.temporaires > 0 ||
                  n.fichiers.orphelins > 0)
                log::info("purged", {{"unactivated_accounts", n.comptes},
                                     {"closed_window_drafts", n.brouillons},
                                     {"temporary_files", n.fichiers.temporaires},
                                     {"orphan_files", n.fichiers.orphelins}});
            } catch (const std::exception& e) {
              log::error("purge_failed", {{"error", e.what()}});
            }
            lock.lock();
            cv_.wait_for(lock, kPurgeInterval, [this] { return stopping_; });
          }
        }) {}
  ~PurgeSchedule() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

void create_demo_account(store::Database& db, domain::Instant now) {
  constexpr std::string_view kEmail = "paul.lamy@example.fr";
  store::Tx tx(db);
  if (store::find_compte_by_email(tx, kEmail)) return;
  store::Compte c;
  c.email = kEmail;
  c.mot_de_passe = crypto::hash_password("Examens-2026!");
  c.etat = store::kEtatActif;
  c.identite = {"M",
                "LAMY",
                "",
                "Paul",
                std::chrono::year_month_day{std::chrono::year(2002), std::chrono::January,
                                            std::chrono::day(1)},
                "FR",
                "35",
                "35238",
                "Rennes"};
  c.numero_candidat = "02427247586";
  if (!store::reserve_numero_candidat(tx, c.numero_candidat, now))
    throw std::runtime_error("the demo numéro de candidat is already taken");
  c.id = store::insert_compte(tx, c, now);
  store::activate_compte(tx, c.id, now);
  tx.commit();
  std::cerr << "examens: demo account " << kEmail << " / Examens-2026!\n";
}

struct DemoAgent {
  std::string_view email;
  std::string_view password;
  std::string_view role;
  std::string_view prenom;
  std::string_view nom;
};

// Added and activated as by the staff command, and audited as such.
void create_demo_agent(store::Database& db, const DemoAgent& demo, domain::Instant now) {
  store::Tx tx(db);
  if (!store::find_agent_by_email(tx, demo.email)) {
    store::Agent a;
    a.email = demo.email;
    a.nom = demo.nom;
    a.prenom = demo.prenom;
    a.role = demo.role;
    a.academie = "GUY";
    a.etat = domain::kAgentEnAttente;
    a.id = store::insert_agent(tx, a, now);
    const auto commande = actions::auteur_commande();
    actions::journaliser_agent(tx, commande, domain::kActionAgentAjoute, a, "",
                               actions::etat_agent(a), now);
    store::activate_agent(tx, a.id, crypto::hash_password(demo.password), now);
    const std::string avant = actions::etat_agent(a);
    a.etat = domain::kAgentActif;
    actions::journaliser_agent(tx, commande, domain::kActionAgentActive, a, avant,
                               actions::etat_agent(a), now);
    tx.commit();
  }
  std::cerr << "examens: demo " << demo.role << " (Guyane) " << demo.email << " / " << demo.password
            << " at /gestion/\n";
}

}  // namespace

std::unique_ptr<store::Database> open_database(const Config& config, std::size_t pool) {
  auto db = std::make_unique<store::Database>(config.db, pool);
  const int applied = db->migrate(migrations_dir(config));
  if (applied > 0) log::info("migrations_applied", {{"count", applied}});
  return db;
}

std::vector<portail::Space> spaces() {
  return {gestion::espace()};
}

int migrate(const Config& config) {
  open_database(config, 1);
  return 0;
}

int purge(const Config& config) {
  auto db = open_database(config, 1);
  const Purged n = purge_once(*db, config.clock()->now(), config);
  std::cout << "purged " << n.comptes << " unactivated account(s), " << n.brouillons
            << " draft(s) of closed registration windows, " << n.fichiers.temporaires
            << " temporary and " << n.fichiers.orphelins << " orphan file(s)\n";
  return 0;
}

int init(const Config& config, bool demo) {
  crypto::init_secrets();
  // The catalogue is checked whole before anything is written: a bad file loads nothing.
  catalogue::Files files = catalogue::read_files(config.root / "data/catalogue");
  const auto loaded = catalogue::load_catalogue(files);
  std::vector<catalogue::LoadError> errors = loaded.errors;
  if (loaded.catalogue) {
    const auto qualification = catalogue::load_qualification(files, *loaded.catalogue);
    errors.insert(errors.end(), qualification.errors.begin(), qualification.errors.end());
  }
  if (!errors.empty()) {
    for (const auto& e : errors) std::cerr << "examens init: " << e.message() << "\n";
    std::cerr << "examens init: catalogue refused, nothing loaded\n";
    return 1;
  }
  for (const auto& name : catalogue::kFichiersBase) files.erase(name);
  auto db = open_database(config, 1);
  const auto node = config.root / "node_modules";
  const auto pays = refdata::load_pays("/usr/share/iso-codes/json/iso_3166-1.json",
                                       "/usr/share/locale/fr/LC_MESSAGES/iso_3166-1.mo");
  const auto nationalites = refdata::load_nationalites(node / "world-countries/countries.json");
  const auto departements =
      refdata::load_departements(node / "@etalab/decoupage-administratif/data/departements.json");
  const auto communes =
      refdata::load_communes(node / "@etalab/decoupage-administratif/data/communes.json");
  {
    store::Tx tx(*db);
    store::replace_referentiel(tx, pays, nationalites, departements, communes);
    store::replace_catalogue(tx, *loaded.catalogue);
    store::replace_catalogue_files(tx, files);
    tx.commit();
  }
  std::cerr << "examens: reference data loaded: " << pays.size() << " pays, " << nationalites.size()
            << " nationalités, " << departements.size() << " départements, " << communes.size()
            << " communes; catalogue: " << loaded.catalogue->domaines.size() << " domaines, "
            << loaded.catalogue->academies.size() << " académies, "
            << loaded.catalogue->periodes.size() << " périodes d'inscription\n";
  if (demo) {
    create_demo_account(*db, config.clock()->now());
    create_demo_agent(
        *db,
        {"gestion.guyane@example.fr", "Gestion-2026!", domain::kRoleGestionnaire, "Marie", "Défi"},
        config.clock()->now());
    create_demo_agent(*db,
                      {"admin.guyane@example.fr", "Admin-Gestion-2026!",
                       domain::kRoleAdministrateur, "Louis", "Garnier"},
                      config.clock()->now());
  }
  return 0;
}

int serve(const Config& config) {
  crypto::init_secrets();
  const auto clock_ptr = config.clock();
  const domain::Clock& clock = *clock_ptr;
  if (!config.demo_now.empty()) log::info("demo_clock", {{"paris_start", config.demo_now}});
  http::ServerOptions options;
  if (config.hashing_threads > 0) options.hashing_threads = config.hashing_threads;
  options.commit_threads = config.commit_pool_threads();
  // Each connection is a descriptor: the default soft limit (1024) would cap the server far
  // below what the machine can hold.
  const http::OpenFileLimit files = http::raise_open_file_limit();
  log::info("open_files_limit",
            {{"before", files.before}, {"after", files.after}, {"hard", files.hard}});
  // Every handler of the three pools may hold one database session at a time.
  auto db = open_database(
      config,
      static_cast<std::size_t>(config.workers + options.hashing_threads + options.commit_threads) +
          2);
  const portail::PortalOptions portal_options = portal_options_of(config);
  portail::Portal portal(portal_options, *db, clock, spaces());

  mail::SenderOptions mail_options;
  mail_options.from_address = config.mail_from;
  mail_options.prepare = [&portal] { portal.prepare_mails(); };
  mail::Sender sender(*db, clock, mail::make_transport(config.mail), mail_options);
  portal.on_mail_queued([&sender] { sender.wake(); });
  sender.start();
  // Documents a crash left a_preparer are rendered by its first round.
  actions::Preparateur preparateur(portal.services(), clock);
  portal.services().on_documents_queued([&preparateur] { preparateur.wake(); });
  preparateur.start();
  PurgeSchedule purge_schedule(*db, clock, config);

  options.address = "127.0.0.1";
  options.port = config.port;
  options.worker_threads = config.workers;
  options.limits.max_connections_per_address = config.max_connections_per_address;
  options.trusted_proxies = config.trusted_proxies;
  // One I/O thread per core: parsing, static files and writes spread over the machine.
  options.io_threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.upload_dir = (config.data_dir / "uploads").string();
  std::filesystem::create_directories(options.upload_dir);
  portal.serve_with(options);
  http::Server server(options,
                      [&portal](http::Request& request) { return portal.handle(request); });
  const unsigned short port = server.listen();
  std::cout << "listening on http://127.0.0.1:" << port << std::endl;
  server.run();
  preparateur.stop();
  sender.stop();
  log::info("stopped");
  return 0;
}

}  // namespace examens::app
