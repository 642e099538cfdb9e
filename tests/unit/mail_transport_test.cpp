// Tests of the mail transports (mail/transport.hpp): .eml files read back by
// mailparser, and SMTP delivery to tests/support/smtp-sink.mjs run with node.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "mail/transport.hpp"

extern char** environ;

namespace examens::mail {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono;

fs::path source_dir() {
  if (const char* dir = std::getenv("EXAMENS_SOURCE_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
#ifdef EXAMENS_SOURCE_DIR
  return EXAMENS_SOURCE_DIR;
#else
  return fs::current_path();
#endif
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "examens-mail-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// A child process with its stdin and stdout on pipes, started in `cwd`.
struct Child {
  pid_t pid = -1;
  int to_child = -1;    // its stdin; closing it tells smtp-sink to exit
  int from_child = -1;  // its stdout
};

Child spawn(const std::vector<std::string>& args, const fs::path& cwd) {
  int in[2];
  int out[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe2 failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  Child child;
  const int error = ::posix_spawnp(&child.pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(in[0]);
  ::close(out[1]);
  if (error != 0) {
    ::close(in[1]);
    ::close(out[0]);
    throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(error));
  }
  child.to_child = in[1];
  child.from_child = out[0];
  return child;
}

// Reads the child's stdout until `done` says enough or the deadline passes.
template <typename Done>
std::string read_until(int fd, milliseconds timeout, Done done) {
  std::string text;
  const auto deadline = steady_clock::now() + timeout;
  while (!done(text)) {
    const auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buffer[4096];
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  return text;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// Parses an .eml file with mailparser, the library the browser tests use too.
json::object parse_with_mailparser(const fs::path& eml) {
  static const std::string kScript = R"js(
    import { simpleParser } from 'mailparser';
    import { readFileSync } from 'node:fs';
    const m = await simpleParser(readFileSync(process.argv[1]));
    process.stdout.write(JSON.stringify({
      subject: m.subject ?? '', text: m.text ?? '', html: m.html || '',
      from: m.from?.value?.[0]?.address ?? '', fromName: m.from?.value?.[0]?.name ?? '',
      to: m.to?.value?.[0]?.address ?? '', messageId: m.messageId ?? '',
      date: m.date ? m.date.toISOString() : '' }));
  )js";
  Child child = spawn({"node", "--input-type=module", "-e", kScript, eml.string()}, source_dir());
  ::close(child.to_child);
  const std::string out =
      read_until(child.from_child, 20s, [](const std::string&) { return false; });
  ::close(child.from_child);
  const int status = wait_for(child.pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "mailparser failed on " << eml;
  return json::parse(out).as_object();
}

// tests/support/smtp-sink.mjs on an ephemeral port, stopped with SIGTERM.
class SmtpSink {
 public:
  explicit SmtpSink(const std::vector<std::string>& options = {}) {
    std::vector<std::string> args = {"node",
                                     (source_dir() / "tests/support/smtp-sink.mjs").string(), "0",
                                     (dir_.path() / "out").string(), "--exit-with-stdin"};
    args.insert(args.end(), options.begin(), options.end());
    child_ = spawn(args, dir_.path());
    const std::string line = read_until(child_.from_child, 20s, [](const std::string& text) {
      return text.find('\n') != std::string::npos;
    });
    if (line.starts_with("SMTP_PORT=")) port_ = std::stoi(line.substr(10));
    if (port_ <= 0) ADD_FAILURE() << "smtp-sink did not report its port, printed: " << line;
  }
  ~SmtpSink() {
    ::kill(child_.pid, SIGTERM);
    ::close(child_.to_child);
    ::close(child_.from_child);
    wait_for(child_.pid);
  }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  fs::path message_path(int n) const { return dir_.path() / "out" / (std::to_string(n) + ".json"); }
  json::object message(int n) const { return json::parse(read_file(message_path(n))).as_object(); }

 private:
  TempDir dir_;
  Child child_;
  int port_ = 0;
};

// A loopback port nobody listens on: bound, then released.
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

std::string trim_newlines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

std::string str(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

Mail sample() {
  Mail mail;
  mail.from_name = "Ministère de l'Éducation nationale";
  mail.from_address = "ne-pas-repondre@examens.education.gouv.fr";
  mail.to_address = "camille.dupont@example.org";
  mail.subject = "Modification d'inscription : BACCALAURÉAT PROFESSIONNEL";
  mail.text =
      "Bonjour Camille,\n\nVotre inscription a été modifiée : épreuves, centre, « options ».\n";
  mail.html = "<p>Bonjour Camille,</p>\n<p>Votre inscription a été <b>modifiée</b>.</p>";
  mail.message_id = "4f2c9a01@examens.education.gouv.fr";
  mail.date = sys_days{2022y / November / 10} + 16h;
  return mail;
}

TEST(MailFileTransport, writes_a_parseable_eml_named_by_date_and_id) {
  TempDir tmp;
  FileTransport transport(tmp.path() / "var" / "mail");
  const DeliveryResult result = transport.deliver(sample());
  ASSERT_TRUE(result.ok) << result.detail;
  const fs::path eml = result.detail;
  EXPECT_TRUE(eml.is_absolute());
  EXPECT_EQ(eml.parent_path(), tmp.path() / "var" / "mail");
  EXPECT_EQ(eml.filename(), "20221110-160000-4f2c9a01_examens.education.gouv.fr.eml");
  EXPECT_TRUE(read_file(eml).starts_with("Date: Thu, 10 Nov 2022 16:00:00 +0000\r\n"));

  const json::object parsed = parse_with_mailparser(eml);
  EXPECT_EQ(str(parsed, "subject"), "Modification d'inscription : BACCALAURÉAT PROFESSIONNEL");
  EXPECT_EQ(str(parsed, "fromName"), "Ministère de l'Éducation nationale");
  EXPECT_EQ(str(parsed, "from"), "ne-pas-repondre@examens.education.gouv.fr");
  EXPECT_EQ(str(parsed, "to"), "camille.dupont@example.org");
  EXPECT_EQ(str(parsed, "messageId"), "<4f2c9a01@examens.education.gouv.fr>");
  EXPECT_EQ(str(parsed, "date"), "2022-11-10T16:00:00.000Z");
  EXPECT_EQ(trim_newlines(str(parsed, "text")), trim_newlines(sample().text));
  EXPECT_EQ(trim_newlines(str(parsed, "html")), trim_newlines(sample().html));
}

TEST(MailFileTransport, leaves_no_temporary_file_and_rewrites_a_redelivered_mail) {
  TempDir tmp;
  FileTransport transport(tmp.path());
  const DeliveryResult first = transport.deliver(sample());
  const DeliveryResult second = transport.deliver(sample());
  ASSERT_TRUE(first.ok && second.ok) << first.detail << second.detail;
  EXPECT_EQ(first.detail, second.detail);
  std::vector<fs::path> entries;
  for (const auto& entry : fs::directory_iterator(tmp.path())) entries.push_back(entry.path());
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0], fs::path(first.detail));
  EXPECT_EQ(fs::status(first.detail).permissions() & fs::perms::others_read, fs::perms::none);
}

TEST(MailFileTransport, removes_the_temporary_files_a_crash_left_once_they_are_old) {
  TempDir tmp;
  FileTransport transport(tmp.path());
  const DeliveryResult delivered = transport.deliver(sample());
  ASSERT_TRUE(delivered.ok) << delivered.detail;
  // Killed between its write and its rename, two hours ago and just now.
  const fs::path old_temp = tmp.path() / ".20221110-160000-a_examens.eml.AbC123";
  const fs::path young_temp = tmp.path() / ".20221110-160001-b_examens.eml.DeF456";
  std::ofstream(old_temp) << "Date: cut short";
  std::ofstream(young_temp) << "Date: being written";
  const auto two_hours_ago = fs::file_time_type::clock::now() - std::chrono::hours(2);
  fs::last_write_time(old_temp, two_hours_ago);
  fs::last_write_time(delivered.detail, two_hours_ago);
  EXPECT_EQ(transport.remove_leftovers(std::chrono::hours(1)), 1);
  EXPECT_FALSE(fs::exists(old_temp));
  EXPECT_TRUE(fs::exists(young_temp));
  EXPECT_TRUE(fs::exists(delivered.detail));
  EXPECT_EQ(FileTransport(tmp.path() / "none").remove_leftovers(std::chrono::hours(1)), 0);
}

TEST(MailFileTransport, names_a_mail_without_id_after_a_generated_one) {
  TempDir tmp;
  Mail mail = sample();
  mail.message_id.clear();
  const DeliveryResult result = FileTransport(tmp.path()).deliver(mail);
  ASSERT_TRUE(result.ok) << result.detail;
  const std::string name = fs::path(result.detail).filename().string();
  EXPECT_TRUE(name.starts_with("20221110-160000-")) << name;
  EXPECT_TRUE(name.ends_with("_examens.education.gouv.fr.eml")) << name;
  const std::string id = name.substr(16, 32);
  EXPECT_NE(read_file(result.detail).find("Message-ID: <" + id + "@examens.education.gouv.fr>"),
            std::string::npos);
}

TEST(MailFileTransport, reports_an_unusable_directory_as_a_failure) {
  TempDir tmp;
  std::ofstream(tmp.path() / "plain-file") << "x";
  const DeliveryResult result = FileTransport(tmp.path() / "plain-file" / "mail").deliver(sample());
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.detail.find("plain-file"), std::string::npos) << result.detail;
}

TEST(MailFileTransport, relative_directory_is_taken_from_the_current_directory) {
  const FileTransport transport("var/mail");
  EXPECT_EQ(transport.directory(), fs::current_path() / "var" / "mail");
}

TEST(MailTransportSpec, builds_the_named_transport) {
  const auto file = make_transport("file:var/mail");
  ASSERT_NE(dynamic_cast<FileTransport*>(file.get()), nullptr);
  EXPECT_EQ(dynamic_cast<FileTransport&>(*file).directory(), fs::current_path() / "var" / "mail");
  const auto absolute = make_transport("file:/srv/examens/mail");
  EXPECT_EQ(dynamic_cast<FileTransport&>(*absolute).directory(), "/srv/examens/mail");
  for (const char* spec :
       {"smtp://127.0.0.1:2525", "smtp://localhost", "smtp://[::1]:25",
        "smtps://relay:secret@mail.example.org:465", "smtp://relay.example.org/examens.fr"}) {
    const auto smtp = make_transport(spec);
    ASSERT_NE(dynamic_cast<SmtpTransport*>(smtp.get()), nullptr) << spec;
    EXPECT_EQ(dynamic_cast<SmtpTransport&>(*smtp).url(), spec);
  }
}

TEST(MailTransportSpec, refuses_a_bad_spec) {
  for (const char* spec : {"", "file:", "var/mail", "http://127.0.0.1:25", "smtp://", "smtp://:25",
                           "smtp://host:0", "smtp://host:65536", "smtp://host:2x5", "smtp://host:",
                           "smtp://[::1", "smtp://[]:25", "smtp://ho st:25", "file:var/ma\nil"}) {
    EXPECT_THROW(make_transport(spec), std::invalid_argument) << spec;
  }
}

TEST(MailSmtpTransport, delivers_to_a_real_smtp_server) {
  SmtpSink sink;
  ASSERT_GT(sink.port(), 0);
  SmtpTransport transport(sink.url());
  const DeliveryResult result = transport.deliver(sample());
  ASSERT_TRUE(result.ok) << result.detail;
  EXPECT_TRUE(result.detail.starts_with("250")) << result.detail;

  ASSERT_TRUE(fs::exists(sink.message_path(1)));
  const json::object message = sink.message(1);
  EXPECT_EQ(str(message, "subject"), "Modification d'inscription : BACCALAURÉAT PROFESSIONNEL");
  EXPECT_EQ(trim_newlines(str(message, "text")), trim_newlines(sample().text));
  EXPECT_EQ(trim_newlines(str(message, "html")), trim_newlines(sample().html));
  EXPECT_EQ(str(message, "from"), "ne-pas-repondre@examens.education.gouv.fr");
  EXPECT_EQ(str(message, "fromName"), "Ministère de l'Éducation nationale");
  EXPECT_EQ(str(message, "messageId"), "<4f2c9a01@examens.education.gouv.fr>");
  ASSERT_TRUE(message.at("to").is_array());
  EXPECT_EQ(message.at("to").as_array(), json::array({"camille.dupont@example.org"}));
  const json::object& envelope = message.at("envelope").as_object();
  EXPECT_EQ(str(envelope, "mailFrom"), "ne-pas-repondre@examens.education.gouv.fr");
  EXPECT_EQ(envelope.at("rcptTo").as_array(), json::array({"camille.dupont@example.org"}));
  EXPECT_FALSE(fs::exists(sink.message_path(2)));
}

TEST(MailSmtpTransport, temporary_refusal_is_a_retryable_failure) {
  SmtpSink sink({"--reject-first=1"});
  ASSERT_GT(sink.port(), 0);
  SmtpTransport transport(sink.url());
  const DeliveryResult refused = transport.deliver(sample());
  EXPECT_FALSE(refused.ok);
  EXPECT_FALSE(refused.permanent);
  EXPECT_NE(refused.detail.find("451"), std::string::npos) << refused.detail;
  EXPECT_FALSE(fs::exists(sink.message_path(1)));

  const DeliveryResult retried = transport.deliver(sample());
  ASSERT_TRUE(retried.ok) << retried.detail;
  EXPECT_EQ(str(sink.message(1), "subject"),
            "Modification d'inscription : BACCALAURÉAT PROFESSIONNEL");
}

TEST(MailSmtpTransport, permanent_refusal_is_marked_permanent) {
  SmtpSink sink({"--reject-first=1", "--reject-code=550"});
  ASSERT_GT(sink.port(), 0);
  const DeliveryResult refused = SmtpTransport(sink.url()).deliver(sample());
  EXPECT_FALSE(refused.ok);
  EXPECT_TRUE(refused.permanent);
  EXPECT_NE(refused.detail.find("550"), std::string::npos) << refused.detail;
}

TEST(MailSmtpTransport, closed_port_fails_quickly) {
  SmtpTransport transport("smtp://127.0.0.1:" + std::to_string(closed_port()));
  const auto start = steady_clock::now();
  const DeliveryResult result = transport.deliver(sample());
  EXPECT_LT(steady_clock::now() - start, 3s);
  EXPECT_FALSE(result.ok);
  EXPECT_FALSE(result.permanent);
  EXPECT_FALSE(result.detail.empty());
}

TEST(MailSmtpTransport, refuses_an_envelope_address_that_could_inject_commands) {
  Mail mail = sample();
  mail.to_address = "camille@example.org>\r\nRCPT TO:<autre@example.org";
  const DeliveryResult result =
      SmtpTransport("smtp://127.0.0.1:" + std::to_string(closed_port())).deliver(mail);
  EXPECT_FALSE(result.ok);
  EXPECT_TRUE(result.permanent);
  EXPECT_TRUE(result.detail.starts_with("invalid recipient address")) << result.detail;
}

}  // namespace
}  // namespace examens::mail
