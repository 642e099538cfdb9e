// Mes justificatifs on both backends (issue 15): the pieces of the seed's example by mode and
// window, uploads accepted (PDF, JPEG, PNG) and refused with nothing stored, the upload gate
// on the request head, parallel uploads, the validation that locks a group, the office's Non
// conforme that reopens a piece, downloads to their owner only, and the purge of a crash's
// leftovers.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "actions/candidature.hpp"
#include "actions/controle.hpp"
#include "domain/temps.hpp"
#include "integration/justificatifs_support.hpp"
#include "store/agents.hpp"

namespace examens::testing {
namespace {

namespace fs = std::filesystem;

TEST_F(Justificatifs, the_pieces_are_listed_by_mode_and_window_in_the_seeds_words) {
  const auto r = client.get(page());
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "93475001&#8239;: Document justifiant l&apos;identité"));
  EXPECT_TRUE(contains(r.body,
                       "A déposer en ligne entre le lundi 19 octobre 2026 et le vendredi 26 "
                       "février 2027 23:59 (heure/Paris)"));
  EXPECT_TRUE(contains(r.body,
                       "A envoyer par voie postale au plus tard le vendredi 5 mars 2027 23:59 "
                       "(heure/Paris)"));
  EXPECT_TRUE(contains(r.body, "93475003"));  // the signed récapitulatif, by post
  EXPECT_TRUE(contains(r.body, "En attente de contrôle"));
  EXPECT_TRUE(
      contains(r.body, "Taille maximale&#8239;: 5 Mo. Formats acceptés&#8239;: PDF, JPEG ou PNG."));
  EXPECT_TRUE(contains(r.body, "Aucun fichier"));
  EXPECT_TRUE(contains(r.body, ">J'ai fourni toutes mes pièces</button>"));
  EXPECT_EQ(en_ligne(), (std::vector<std::string>{"93475001", "93475007"}));
}

TEST_F(Justificatifs, a_pdf_a_jpeg_and_a_png_are_stored_under_their_digest_and_served_back) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cas{
      {"carte.pdf", kPdf, "application/pdf"},
      {"carte.jpg", kJpeg, "image/jpeg"},
      {"carte.png", kPng, "image/png"}};
  for (const auto& [nom, octets, type] : cas) {
    const auto r = deposer("93475001", nom, octets);
    ASSERT_EQ(r.status, 303) << nom << r.body;
    EXPECT_EQ(r.header("location"), page() + "?depose=1#piece-93475001");
  }
  const auto lignes = depots();
  ASSERT_EQ(lignes.size(), 3u);
  EXPECT_EQ(fichiers_stockes().size(), 3u);
  const auto vue = client.get(page());
  EXPECT_TRUE(contains(vue.body, "Déposé le 18/11/2026"));
  for (std::size_t i = 0; i < cas.size(); ++i) {
    const auto& [nom, octets, type] = cas[i];
    const auto& d = lignes[i];
    EXPECT_EQ(d.nom, nom);
    EXPECT_EQ(d.type_mime, type);
    const fs::path stocke = portal.justificatifs_dir() / d.empreinte.substr(0, 2) / d.empreinte;
    EXPECT_TRUE(fs::exists(stocke));
    const auto f = client.get(page() + "/fichiers/" + std::to_string(d.id));
    ASSERT_EQ(f.status, 200);
    EXPECT_EQ(f.body, octets);
    EXPECT_EQ(f.header("content-type"), type);
    EXPECT_EQ(f.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(f.header("content-disposition"), "inline; filename=\"93475001-" +
                                                   std::to_string(d.id) + "." +
                                                   (i == 0   ? "pdf"
                                                    : i == 1 ? "jpg"
                                                             : "png") +
                                                   "\"");
  }
}

TEST_F(Justificatifs, refused_files_leave_no_row_and_no_file_and_say_why_next_to_the_field) {
  const std::vector<std::pair<std::string, std::string>> cas{
      {"programme.pdf", executable()},
      {"enorme.pdf", kPdf + std::string(5 * 1024 * 1024, ' ')},
      {"vide.pdf", ""},
      {"coupe.pdf", kPdf.substr(0, kPdf.size() - 7)},
      {"coupe.jpg", kJpeg.substr(0, kJpeg.size() - 40)}};
  const std::vector<std::string> messages{
      "n&apos;est pas au format PDF, JPEG ou PNG", "dépasse la taille maximale de 5 Mo",
      "Le fichier est vide", "incomplet ou endommagé", "incomplet ou endommagé"};
  for (std::size_t i = 0; i < cas.size(); ++i) {
    const auto r = deposer("93475001", cas[i].first, cas[i].second);
    EXPECT_EQ(r.status, 422) << cas[i].first;
    EXPECT_TRUE(contains(r.body, "id=\"erreur-93475001\"")) << cas[i].first;
    EXPECT_TRUE(contains(r.body, messages[i]))
        << cas[i].first << r.body.substr(r.body.find("id=\"erreur-93475001\""), 300);
  }
  EXPECT_TRUE(depots().empty());
  EXPECT_TRUE(fichiers_stockes().empty());
  EXPECT_TRUE(temporaires().empty());
}

TEST_F(Justificatifs, a_truncated_multipart_body_is_refused_and_leaves_nothing) {
  std::string corps = multipart(csrf(), "a.pdf", kPdf);
  corps.resize(corps.size() - 20);  // the closing delimiter never comes
  const auto r = client.post_raw(page() + "/pieces/93475001?csrf=" + csrf(),
                                 "multipart/form-data; boundary=" + kBoundary, corps);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(depots().empty());
  EXPECT_TRUE(fichiers_stockes().empty());
  EXPECT_TRUE(fs::is_empty(portal.upload_dir()));
}

TEST_F(Justificatifs, a_path_in_the_file_name_is_only_shown_cleaned_and_never_used_on_disk) {
  const auto r = deposer("93475001", "../../../../tmp/evil.pdf", kPdf);
  ASSERT_EQ(r.status, 303) << r.body;
  ASSERT_EQ(depots().size(), 1u);
  EXPECT_EQ(depots()[0].nom, "evil.pdf");
  EXPECT_EQ(fichiers_stockes().size(), 1u);
  EXPECT_EQ(fichiers_stockes()[0].filename().string(), depots()[0].empreinte);
  EXPECT_FALSE(fs::exists(portal.justificatifs_dir().parent_path() / "tmp" / "evil.pdf"));
  EXPECT_TRUE(contains(client.get(page()).body, ">evil.pdf</a>"));
}

TEST_F(Justificatifs, the_upload_gate_refuses_on_the_head_without_a_session_or_its_token) {
  const std::string corps = multipart(csrf(), "a.pdf", kPdf);
  const std::string type = "multipart/form-data; boundary=" + kBoundary;
  const std::string cible = page() + "/pieces/93475001";
  // No token on the head (the one in the body is not read before the decision).
  EXPECT_EQ(client.post_raw(cible, type, corps).status, 415);
  EXPECT_EQ(client.post_raw(cible + "?csrf=faux", type, corps).status, 415);
  // The header works as the query parameter does.
  EXPECT_EQ(client.post_raw(cible, type, corps, {"X-CSRF-Token: " + csrf()}).status, 303);
  // Another route takes no file, even with a good token.
  EXPECT_EQ(client.post_raw(page() + "/valider?csrf=" + csrf(), type, corps).status, 415);
  Client anonyme(portal.base_url());
  EXPECT_EQ(anonyme.post_raw(cible + "?csrf=" + csrf(), type, corps).status, 415);
  EXPECT_EQ(depots().size(), 1u);
}

TEST_F(Justificatifs, twenty_parallel_uploads_are_each_stored_once_and_whole) {
  const std::string jeton = csrf();
  const auto pieces = en_ligne();
  std::vector<std::thread> threads;
  std::vector<long> statuts(20);
  for (int i = 0; i < 20; ++i)
    threads.emplace_back([&, i] {
      Client c(portal.base_url());
      c.set_cookie(std::string(portail::kSessionCookie),
                   *client.cookie(std::string(portail::kSessionCookie)));
      const std::string octets = "%PDF-1.4\n% fichier " + std::to_string(i) + "\n" + kPdf.substr(9);
      const std::string corps = multipart(jeton, "scan-" + std::to_string(i) + ".pdf", octets);
      statuts[i] = c.post_raw(page() + "/pieces/" + pieces[i % pieces.size()] + "?csrf=" + jeton,
                              "multipart/form-data; boundary=" + kBoundary, corps)
                       .status;
    });
  for (auto& t : threads) t.join();
  for (int i = 0; i < 20; ++i) EXPECT_EQ(statuts[i], 303) << i;
  const auto rows = depots();
  ASSERT_EQ(rows.size(), 20u);
  EXPECT_EQ(fichiers_stockes().size(), 20u);
  for (const auto& d : rows) {
    const fs::path f = portal.justificatifs_dir() / d.empreinte.substr(0, 2) / d.empreinte;
    EXPECT_EQ(static_cast<long long>(fs::file_size(f)), d.taille);
  }
  EXPECT_TRUE(temporaires().empty());
}

TEST_F(Justificatifs, a_validated_group_refuses_changes_until_the_office_reopens_a_piece) {
  ASSERT_EQ(valider().status, 422);  // no file yet
  for (const auto& code : en_ligne()) ASSERT_EQ(deposer(code, code + ".pdf", kPdf).status, 303);
  const auto v = valider();
  ASSERT_EQ(v.status, 303);
  EXPECT_EQ(v.header("location"), page() + "?valide=1");
  const auto vue = client.get(page()).body;
  EXPECT_TRUE(contains(vue, "Validé le 18/11/2026"));
  EXPECT_FALSE(contains(vue, "id=\"valider\""));
  const auto r = deposer("93475001", "autre.pdf", kPdf + "%");
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(contains(r.body, "Vous avez validé cette pièce"));
  EXPECT_EQ(supprimer(depots()[0].id).status, 422);
  EXPECT_EQ(valider().status, 422);
  EXPECT_EQ(depots().size(), 2u);

  // The office finds the identity document Non conforme: the piece reopens.
  const long long agent = ajouter_agent("GUY");
  store::Controle controle{domain::StatutPiece::non_conforme, std::nullopt, "Document illisible.",
                           0};
  const auto c = actions::controler_piece(portal.services(), {agent, "GUY", ""}, id, "93475001",
                                          controle, portal.clock().now());
  ASSERT_TRUE(std::holds_alternative<store::Justificatif>(c));
  EXPECT_FALSE(std::get<store::Justificatif>(c).valide_le.has_value());
  auto page_nc = client.get(page()).body;
  EXPECT_TRUE(contains(page_nc, "Non conforme"));
  EXPECT_TRUE(contains(page_nc, "Document illisible."));
  // Another académie's agent reaches nothing.
  EXPECT_TRUE(std::holds_alternative<actions::Introuvable>(
      actions::controler_piece(portal.services(), {ajouter_agent("AIX"), "AIX", ""}, id, "93475001",
                               controle, portal.clock().now())));
  portal.clock().advance(std::chrono::minutes(5));
  ASSERT_EQ(supprimer(depots()[0].id).status, 303);
  ASSERT_EQ(deposer("93475001", "nette.pdf", kPdf + " ").status, 303);
  EXPECT_FALSE(contains(client.get(page()).body, "Non conforme"));  // awaits a new control
  ASSERT_EQ(valider().status, 303);
  EXPECT_EQ(deposer("93475001", "encore.pdf", kPdf).status, 422);
  // The other piece kept its first validation.
  EXPECT_EQ(count(client.get(page()).body, "Validé le 18/11/2026"), 2);
}

TEST_F(Justificatifs, the_offices_statuses_show_as_the_seed_writes_them_and_its_agents_read_files) {
  ASSERT_EQ(deposer("93475001", "a.pdf", kPdf).status, 303);
  const long long depot = depots()[0].id;
  const long long agent = ajouter_agent("GUY");
  const auto now = portal.clock().now();
  const auto controler = [&](const std::string& code, store::Controle c) {
    return actions::controler_piece(portal.services(), {agent, "GUY", ""}, id, code, c, now);
  };
  // Reçue needs its date de réception: refused as the wizard refuses (one actions::Refus).
  const auto sans_date = controler("93475003", {domain::StatutPiece::recue, std::nullopt, "", 0});
  ASSERT_TRUE(std::holds_alternative<actions::Refus>(sans_date));
  EXPECT_EQ(std::get<actions::Refus>(sans_date).raison,
            "Indiquez la date de réception de la pièce.");
  ASSERT_TRUE(std::holds_alternative<store::Justificatif>(
      controler("93475003", {domain::StatutPiece::recue, now, "", 0})));
  ASSERT_TRUE(std::holds_alternative<store::Justificatif>(
      controler("93475001", {domain::StatutPiece::conforme, std::nullopt, "", 0})));
  const auto vue = client.get(page()).body;
  EXPECT_TRUE(contains(vue, ">Reçue</span> — Date de réception 18/11/2026"));
  EXPECT_TRUE(contains(vue, ">Conforme</span>"));
  // A Conforme piece is done: nothing to add or delete on it.
  EXPECT_FALSE(contains(vue, "id=\"fichier-93475001\""));
  EXPECT_EQ(supprimer(depot).status, 422);
  // The office's agents of the académie read the file; others find nothing.
  const auto fichier =
      actions::fichier_depot(portal.services(), actions::DemandeAgent{agent, "GUY", ""}, id, depot);
  ASSERT_TRUE(std::holds_alternative<actions::FichierPiece>(fichier));
  EXPECT_EQ(std::get<actions::FichierPiece>(fichier).type_mime, "application/pdf");
  EXPECT_TRUE(std::holds_alternative<actions::Introuvable>(actions::fichier_depot(
      portal.services(), actions::DemandeAgent{agent, "AIX", ""}, id, depot)));
}

TEST_F(Justificatifs, the_office_reopens_a_validated_group_for_new_changes) {
  for (const auto& code : en_ligne()) ASSERT_EQ(deposer(code, code + ".pdf", kPdf).status, 303);
  ASSERT_EQ(valider().status, 303);
  EXPECT_TRUE(en_ligne().empty());  // no Ajouter left
  const long long agent = ajouter_agent("GUY");
  const auto rouvertes = actions::rouvrir_groupe(portal.services(), {agent, "GUY", ""}, id,
                                                 domain::ModeDepot::en_ligne, portal.clock().now());
  ASSERT_TRUE(std::holds_alternative<int>(rouvertes));
  EXPECT_EQ(std::get<int>(rouvertes), 2);
  EXPECT_EQ(en_ligne(), (std::vector<std::string>{"93475001", "93475007"}));
  EXPECT_EQ(deposer("93475001", "verso.pdf", kPdf + " ").status, 303);
  EXPECT_EQ(valider().status, 303);
  EXPECT_TRUE(std::holds_alternative<actions::Introuvable>(
      actions::rouvrir_groupe(portal.services(), {agent, "AIX", ""}, id,
                              domain::ModeDepot::en_ligne, portal.clock().now())));
}

TEST_F(Justificatifs, outside_the_window_nothing_can_be_deposited_deleted_or_validated) {
  ASSERT_EQ(deposer("93475001", "a.pdf", kPdf).status, 303);
  portal.clock().advance(std::chrono::days(110));  // past 26 février 2027 23:59
  login(client, spec.email, spec.password);        // the session expired meanwhile
  const auto vue = client.get(page());
  EXPECT_TRUE(contains(vue.body, "id=\"depot-ferme\""));
  const auto r = deposer("93475001", "b.pdf", kPdf + " ");
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(contains(r.body, "Le dépôt en ligne n&apos;est pas ouvert pour cette candidature"));
  EXPECT_EQ(supprimer(depots()[0].id).status, 422);
  EXPECT_EQ(valider().status, 422);
  EXPECT_EQ(depots().size(), 1u);
}

TEST_F(Justificatifs, another_candidate_reads_and_changes_nothing_of_them) {
  ASSERT_EQ(deposer("93475001", "a.pdf", kPdf).status, 303);
  const long long depot = depots()[0].id;
  AccountSpec autre;
  autre.email = "autre.candidat@example.fr";
  Client b(portal.base_url());
  create_account(portal, b, autre, true);
  login(b, autre.email, autre.password);
  EXPECT_EQ(b.get(page()).status, 404);
  EXPECT_EQ(b.get(page() + "/fichiers/" + std::to_string(depot)).status, 404);
  const std::string jeton = csrf_of(b.get("/").body);
  EXPECT_EQ(b.post(page() + "/fichiers/" + std::to_string(depot) + "/supprimer", {{"csrf", jeton}})
                .status,
            404);
  EXPECT_EQ(b.post(page() + "/valider", {{"csrf", jeton}}).status, 404);
  const auto r = b.post_raw(page() + "/pieces/93475001?csrf=" + jeton,
                            "multipart/form-data; boundary=" + kBoundary,
                            multipart(jeton, "b.pdf", kPdf + " "));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(depots().size(), 1u);
  EXPECT_EQ(fichiers_stockes().size(), 1u);
  // The owner's own deposit, under another candidature's address: not found either.
  EXPECT_EQ(client
                .get("/inscription/" + std::to_string(id + 1000) + "/justificatifs/fichiers/" +
                     std::to_string(depot))
                .status,
            404);
}

TEST_F(Justificatifs, the_purge_removes_what_a_crash_left_and_keeps_every_deposit) {
  ASSERT_EQ(deposer("93475001", "a.pdf", kPdf).status, 303);
  // A crash after the rename and before the commit: a stored file no row names.
  const fichiers::Entrepot entrepot(portal.justificatifs_dir());
  const std::string orphelin = entrepot.deposer(ecrire("orphelin.png", kPng));
  // A crash between the write and the rename: a partial file in tmp/.
  const fs::path partiel = portal.justificatifs_dir() / "tmp" / "0000000000000000";
  std::ofstream(partiel, std::ios::binary) << kPdf.substr(0, 10);
  // A crash while the body was read: the transport's file of a request that never ended.
  const fs::path recu = ecrire("0123456789abcdef", kPdf.substr(0, 30));
  for (const auto& dossier : {portal.justificatifs_dir(), portal.upload_dir()})
    for (const auto& f : fs::recursive_directory_iterator(dossier))
      if (f.is_regular_file())
        fs::last_write_time(f.path(), fs::file_time_type::clock::now() - std::chrono::hours(2));
  const auto purge = actions::purger_fichiers(portal.db(), entrepot, portal.upload_dir());
  EXPECT_EQ(purge.temporaires, 3);  // one in tmp/, two in uploads/ (the orphan's source too)
  EXPECT_EQ(purge.orphelins, 1);
  EXPECT_FALSE(fs::exists(partiel));
  EXPECT_FALSE(fs::exists(recu));
  EXPECT_FALSE(fs::exists(entrepot.chemin(orphelin)));
  ASSERT_EQ(fichiers_stockes().size(), 1u);
  EXPECT_EQ(client.get(page() + "/fichiers/" + std::to_string(depots()[0].id)).body, kPdf);
}

}  // namespace
}  // namespace examens::testing
