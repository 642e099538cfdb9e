// Entry point of the `examens` command.
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "app/commands.hpp"

int main(int argc, char** argv) {
  const std::string_view command = argc > 1 ? argv[1] : "";
  try {
    const auto config = examens::app::Config::from_env();
    if (command == "serve") return examens::app::serve(config);
    if (command == "init")
      return examens::app::init(config, argc > 2 && std::string_view(argv[2]) == "--demo");
    if (command == "migrate") return examens::app::migrate(config);
    if (command == "purge") return examens::app::purge(config);
    if (command == "staff")
      return examens::app::staff(config, std::vector<std::string>(argv + 2, argv + argc), std::cout,
                                 std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "examens " << command << ": " << e.what() << "\n";
    return 1;
  }
  std::cerr << "usage: examens serve | init [--demo] | migrate | purge | staff\n"
               "configuration: EXAMENS_PORT, EXAMENS_DATA_DIR, EXAMENS_DB, EXAMENS_MAIL, "
               "EXAMENS_BASE_URL (see README.md)\n";
  return 2;
}
