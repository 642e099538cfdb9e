// The candidature's documents as the portal names and checks them (SPEC §5, issue 14): their
// two kinds, and the verification code printed under each PDF's QR code, typed back on
// /verifier. Pure rules; the random drawing of a code is crypto's.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace examens::domain {

enum class NatureDocument { recapitulatif, demande_pieces };
inline constexpr NatureDocument kNaturesDocument[] = {NatureDocument::recapitulatif,
                                                      NatureDocument::demande_pieces};

std::string_view code_nature(NatureDocument nature);  // as stored: "recapitulatif"
std::optional<NatureDocument> nature_of_code(std::string_view code);
// "Récapitulatif de votre candidature", as Mes documents lists it.
std::string_view libelle_nature(NatureDocument nature);
// "Récapitulatif de candidature": the PDF's title, as /verifier names it.
std::string_view titre_nature(NatureDocument nature);
// The PDF's file name without the version: "recapitulatif-candidature".
std::string_view fichier_nature(NatureDocument nature);

// Crockford's base32 (no I, L, O, U: nothing to misread), 16 characters: 80 random bits,
// typed in four groups of four.
inline constexpr std::string_view kAlphabetCode = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
inline constexpr std::size_t kLongueurCode = 16;

// The stored form of a typed code: upper case, without spaces or dashes, the letters read
// for digits (O for 0, I and L for 1) mended; nullopt when it cannot be a code.
std::optional<std::string> normaliser_code(std::string_view saisi);
// "ABCD-EFGH-JKMN-PQRS": printed under the QR code and shown on the pages.
std::string code_affiche(std::string_view code);

// "P. L.": all /verifier tells of the candidate.
std::string initiales(std::string_view prenoms, std::string_view nom);

}  // namespace examens::domain
