// The virus scan of the deposits by Debian's clamd, started for the test with a local
// signature database holding only the EICAR test signature (no download): the EICAR file is
// refused and logged, with nothing stored, and a clean PDF is accepted once clamd said so.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "crypto/secrets.hpp"
#include "fichiers/antivirus.hpp"
#include "integration/justificatifs_support.hpp"

extern char** environ;

namespace examens::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kClamd = "/usr/sbin/clamd";

// One clamd for the test's process, on a unix socket in a temporary folder.
class Clamd {
 public:
  Clamd() : dir_(fs::temp_directory_path() / ("examens-clamd-" + crypto::random_hex(6))) {
    fs::create_directories(dir_ / "db");
    // The MD5 and size of the 68-byte EICAR string (sigtool --md5).
    std::ofstream(dir_ / "db" / "eicar.hdb")
        << "44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Local\n";
    std::ofstream(dir_ / "clamd.conf") << "DatabaseDirectory " << (dir_ / "db").string() << "\n"
                                       << "LocalSocket " << socket() << "\n"
                                       << "TemporaryDirectory " << dir_.string() << "\n"
                                       << "LogFile " << (dir_ / "clamd.log").string() << "\n"
                                       << "Foreground yes\n";
    const std::string conf = (dir_ / "clamd.conf").string();
    std::vector<char*> argv{const_cast<char*>(kClamd), const_cast<char*>("-c"),
                            const_cast<char*>(conf.c_str()), nullptr};
    if (posix_spawn(&pid_, kClamd, nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
  }
  ~Clamd() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    fs::remove_all(dir_);
  }
  std::string socket() const { return (dir_ / "clamd.sock").string(); }
  // Waits until clamd answers a scan (it loads its database first); false after 60 s.
  bool pret() const {
    if (pid_ <= 0) return false;
    const fs::path sonde = dir_ / "sonde";
    std::ofstream(sonde) << "sonde";
    for (int i = 0; i < 600; ++i) {
      if (fs::exists(socket()) &&
          fichiers::analyser(socket(), sonde).verdict == fichiers::Verdict::sain)
        return true;
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return false;  // it stopped
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  std::string journal() const {
    std::ifstream in(dir_ / "clamd.log");
    return {std::istreambuf_iterator<char>(in), {}};
  }

 private:
  fs::path dir_;
  pid_t pid_ = -1;
};

Clamd* clamd = nullptr;

class Antivirus : public Justificatifs {
 protected:
  // Before the fixture builds its portal, which reads EXAMENS_CLAMD.
  static void SetUpTestSuite() {
    if (!fs::exists(kClamd)) return;
    crypto::init_secrets();
    clamd = new Clamd();
    ::setenv("EXAMENS_CLAMD", clamd->socket().c_str(), 1);
  }
  static void TearDownTestSuite() {
    ::unsetenv("EXAMENS_CLAMD");
    delete clamd;
    clamd = nullptr;
  }
  void SetUp() override {
    if (!clamd) GTEST_SKIP() << kClamd << " is not installed (Debian clamav-daemon)";
    ASSERT_TRUE(clamd->pret()) << "clamd did not start:\n" << clamd->journal();
    Justificatifs::SetUp();
  }
};

TEST_F(Antivirus, the_eicar_file_is_refused_with_nothing_stored_and_a_clean_pdf_is_accepted) {
  const auto r = deposer("93475001", "facture.pdf", kEicar);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(contains(r.body, "Ce fichier contient un virus et a été refusé"));
  EXPECT_TRUE(depots().empty());
  EXPECT_TRUE(fichiers_stockes().empty());
  EXPECT_EQ(fichiers::analyser(clamd->socket(), ecrire("eicar", kEicar)).detail,
            "Eicar-Test-Local.UNOFFICIAL");

  ASSERT_EQ(deposer("93475001", "carte.pdf", kPdf).status, 303);
  EXPECT_EQ(depots().size(), 1u);
  EXPECT_EQ(fichiers_stockes().size(), 1u);
}

}  // namespace
}  // namespace examens::testing
