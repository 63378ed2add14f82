#include "cli/Run.hpp"

int main(int argc, char** argv) {
  return wsh::cli::run(argc, argv);
}
