// The services of the actions, loaded once at start.
#include "actions/services.hpp"

#include <stdexcept>

#include "catalogue/qualification_fichiers.hpp"
#include "crypto/secrets.hpp"
#include "store/catalogue.hpp"

namespace examens::actions {

Services::Services(store::Database& db, const templates::Templates& templates, Reglages reglages)
    : db_(db),
      reglages_(std::move(reglages)),
      courrier_(templates, reglages_.base_url),
      entrepot_(reglages_.justificatifs) {
  store::Read read(db_);
  referentiel_ = std::make_unique<store::Referentiel>(read);
  catalogue_ = store::read_catalogue(read);
  // `examens init` validated these files before storing them; a failure here means the
  // database was written by something else, and serving wrong épreuves would be worse
  // than not starting.
  auto loaded = catalogue::load_qualification(store::read_catalogue_files(read), catalogue_);
  if (!loaded.qualification)
    throw std::runtime_error("catalogue de qualification invalide en base : " +
                             loaded.errors.front().message());
  qualification_ = std::move(*loaded.qualification);
  dummy_hash_ = crypto::hash_password(crypto::random_token(12));
}

Services::~Services() = default;

}  // namespace examens::actions
