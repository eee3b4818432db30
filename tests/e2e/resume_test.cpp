// `neurite run --resume` end to end: a real SIGINT stops a run after its
// epoch with a checkpoint and exit code 130; --resume finishes it with the
// same final weights as a run that was never stopped, keeps runs that had
// finished, continues the JSON log, and refuses damaged or foreign files.
#define BOOST_TEST_MODULE e2e_resume
#include <boost/test/unit_test.hpp>

#include <neurite/results/archive.hpp>

#include "e2e/cli.hpp"

#include <fcntl.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;

namespace {
// Long enough that the signal always arrives mid-run (a checkpoint every 100 epochs:
// each is written with fsync).
std::string experiment() {
#ifdef NEURITE_TEST_SANITIZED
  const int epochs = 2000;
#else
  const int epochs = 10000;
#endif
  return "- name: long-moons\n  seed: 4\n"
         "  data: {source: moons, samples: 600, noise: 0.25, split: {train: 0.7, validation: 0.3}}\n"
         "  model: [{dense: {units: 16}}, {activation: tanh}, {dropout: {p: 0.1}}, {dense: {units: 2}}]\n"
         "  loss: softmax_cross_entropy\n  optimizer: {name: adam, learning_rate: 0.01}\n"
         "  training: {epochs: " + std::to_string(epochs) + ", batch_size: 16, checkpoint_every: 100,\n"
         "    lr_schedule: {name: reduce_on_plateau, patience: 5}}\n";
}

const std::string kShort =
    "- name: short-xor\n  seed: 1\n  data: {source: xor}\n"
    "  model: [{dense: {units: 4}}, {activation: tanh}, {dense: {units: 2}}]\n"
    "  loss: softmax_cross_entropy\n  optimizer: {name: sgd, learning_rate: 0.5}\n"
    "  training: {epochs: 20, batch_size: 4}\n";

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

/// Starts `neurite run FILE -o OUT -q --log-json LOG`, sends SIGINT once the
/// first checkpoint exists, and returns the exit code.
int run_and_interrupt(const fs::path& file, const fs::path& out, const fs::path& log) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    execl(NEURITE_BINARY, NEURITE_BINARY, "run", file.c_str(), "-o", out.c_str(), "-q", "--log-json", log.c_str(),
          "--threads", "1", static_cast<char*>(nullptr));
    _exit(127);
  }
  const fs::path checkpoint = out / "long-moons.checkpoint";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  std::error_code ec;
  int status = 0;
  while (!fs::exists(checkpoint, ec) && std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;  // ended early
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  kill(pid, SIGINT);
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
}  // namespace

BOOST_AUTO_TEST_CASE(an_interrupted_batch_resumes_to_the_uninterrupted_weights) {
  e2e::TempDir dir("resume");
  const fs::path file = dir.path / "batch.yaml";
  write(file, experiment() + kShort);
  const fs::path full = dir.path / "full", part = dir.path / "part", log = dir.path / "log.jsonl";

  const auto reference = e2e::neurite("run " + file.string() + " -o " + full.string() + " -q");
  BOOST_REQUIRE_EQUAL(reference.exit_code, 0);

  BOOST_REQUIRE_EQUAL(run_and_interrupt(file, part, log), 130);
  BOOST_TEST(fs::exists(part / "long-moons.checkpoint"));
  BOOST_TEST(!fs::exists(part / "long-moons.neurite"));  // nothing half-written
  // `show` reads the checkpoint: whose it is and how far it got.
  const auto shown = e2e::neurite("show " + (part / "long-moons.checkpoint").string());
  BOOST_TEST(shown.exit_code == 0);
  BOOST_TEST(shown.out.find("checkpoint  long-moons") == 0u, shown.out);
  BOOST_TEST(shown.out.find("epochs done of ") != std::string::npos, shown.out);
  BOOST_TEST(shown.out.find("--resume") != std::string::npos, shown.out);
  const auto no_resolved = e2e::neurite("show --resolved " + (part / "long-moons.checkpoint").string());
  BOOST_TEST(no_resolved.exit_code == 3);
  BOOST_TEST(no_resolved.err.find("a checkpoint stores no resolved values") != std::string::npos, no_resolved.err);
  const std::string log_before = read(log);
  BOOST_TEST(log_before.find("\"status\":\"interrupted\"") != std::string::npos);

  // Finish the interrupted run; short-xor (never started) runs now.
  const auto resumed = e2e::neurite("run " + file.string() + " -o " + part.string() + " --resume --log-json " +
                                    log.string() + " --threads 2");
  BOOST_TEST_REQUIRE(resumed.exit_code == 0, resumed.err);
  BOOST_TEST(resumed.out.find("resuming after epoch") != std::string::npos, resumed.out);
  BOOST_TEST(!fs::exists(part / "long-moons.checkpoint"));  // the result supersedes it
  const std::string log_after = read(log);
  BOOST_TEST(log_after.rfind(log_before, 0) == 0u);  // appended, not emptied
  BOOST_TEST(log_after.find("\"run\":\"long-moons\",\"status\":\"ok\"") != std::string::npos);

  for (const char* name : {"long-moons.neurite", "short-xor.neurite"}) {
    BOOST_TEST_CONTEXT(name) {
      const neurite::RunResult a = neurite::read_result((full / name).string());
      const neurite::RunResult b = neurite::read_result((part / name).string());
      BOOST_REQUIRE_EQUAL(a.parameters.size(), b.parameters.size());
      for (std::size_t i = 0; i < a.parameters.size(); ++i) BOOST_TEST((a.parameters[i].values == b.parameters[i].values));
      BOOST_REQUIRE_EQUAL(a.history.size(), b.history.size());
      BOOST_TEST(a.history.back().train_loss == b.history.back().train_loss);
      BOOST_TEST(a.validation.loss == b.validation.loss);
    }
  }

  // Everything is finished: --resume keeps both results as they are.
  const std::string kept_bytes = read(part / "long-moons.neurite");
  const auto again = e2e::neurite("run " + file.string() + " -o " + part.string() + " --resume");
  BOOST_TEST_REQUIRE(again.exit_code == 0, again.err);
  BOOST_TEST(again.out.find("kept " + (part / "long-moons.neurite").string()) != std::string::npos, again.out);
  BOOST_TEST(read(part / "long-moons.neurite") == kept_bytes);
}

BOOST_AUTO_TEST_CASE(damaged_foreign_or_mismatched_checkpoints_are_clear_errors) {
  e2e::TempDir dir("resume_errors");
  const fs::path file = dir.path / "xor.yaml";
  write(file, kShort);
  const fs::path out = dir.path / "out";
  fs::create_directories(out);
  const std::string run = "run " + file.string() + " -o " + out.string() + " -q --resume";
  const fs::path checkpoint = out / "short-xor.checkpoint";

  write(checkpoint, "NEURITE\0 garbage");
  auto r = e2e::neurite(run);
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(r.err.find(checkpoint.string() + ": ") != std::string::npos, r.err);

  // A result archive under a checkpoint's name.
  BOOST_REQUIRE_EQUAL(e2e::neurite("run " + file.string() + " -o " + (dir.path / "r").string() + " -q").exit_code, 0);
  fs::copy_file(dir.path / "r" / "short-xor.neurite", checkpoint, fs::copy_options::overwrite_existing);
  r = e2e::neurite(run);
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(r.err.find(checkpoint.string() + ": is a result archive, not a checkpoint") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(a_changed_experiment_does_not_resume_an_old_checkpoint) {
  e2e::TempDir dir("resume_changed");
  const fs::path file = dir.path / "batch.yaml";
  write(file, experiment());
  const fs::path out = dir.path / "out";
  BOOST_REQUIRE_EQUAL(run_and_interrupt(file, out, dir.path / "log.jsonl"), 130);
  const auto r = e2e::neurite("run " + file.string() + " -o " + out.string() +
                              " -q --resume --set optimizer.learning_rate=0.02");
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find((out / "long-moons.checkpoint").string() +
                        ": cannot resume long-moons from this checkpoint: the experiment changed since") !=
                 std::string::npos,
             r.err);
  BOOST_TEST(fs::exists(out / "long-moons.checkpoint"));  // kept for the user to decide
}
