// SPDX-License-Identifier: MIT
// Reads a result file with the C++ readers, for the corruption corpus
// (tests/python/test_corruption_corpus.py). Each file is read in its own forked child with
// a timeout; one line per file: "FILE<TAB>ok FINGERPRINT" when the read succeeds,
// "FILE<TAB>error: MESSAGE" when a reader refuses the file, "crash: ..." or "hang" for the
// bugs the corpus looks for. Equal fingerprints mean equal numbers.
//
//   ketensim_read_result_file run|point|any TIMEOUT_SECONDS FILE...
//
// run: the whole file through output::read_run_result; the fingerprint covers every field
// (the replications as their codec bytes).
// point: the national KPIs a sweep takes from a point's run file (sweep::read_national_kpis,
// what resume and the summary read), printed exactly.
// any: h5::open_file and every dataset read in full; the fingerprint covers every dataset
// without variable-length parts (the Python reader checks the strings).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "models/output/hdf5_io.h"
#include "models/output/result_codec.h"
#include "models/output/result_reader.h"
#include "sweep/point_run_file.h"

namespace {

namespace h5 = ketensim::output::h5;

std::uint32_t crc_of(const std::string& bytes) {
  return static_cast<std::uint32_t>(
      crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

std::string run_fingerprint(const std::string& path) {
  const ketensim::model::RunResult run = ketensim::output::read_run_result(path);
  std::ostringstream out;
  out << run.software_version << '|' << run.git_revision << '|' << run.engine << '|' << run.scenario_name << '|'
      << run.scenario_path << '|' << run.scenario_text << '|' << run.seed << '|' << std::hexfloat << run.years << '|'
      << run.warmup_years << '|' << run.has_events << '|';
  for (const auto* names : {&run.region_names, &run.stage_names, &run.event_names})
    for (const std::string& name : *names) out << name << ',';
  // Each replication as the codec's bytes: every field, exactly.
  for (const auto& replication : run.replications) out << ketensim::output::encode(replication);
  for (const auto& value : run.analytic)
    out << value.name << '/' << value.stage << '/' << value.region << '/' << value.unit << '=' << value.value << ',';
  char text[16];
  std::snprintf(text, sizeof text, "%08" PRIx32, crc_of(out.str()));
  return text;
}

std::string point_fingerprint(const std::string& path) {
  const ketensim::sweep::PointKpis kpis = ketensim::sweep::read_national_kpis(path);
  std::ostringstream out;
  for (const std::uint32_t r : kpis.replications) out << r << ",";
  for (const auto& kpi : kpis.kpis) {
    out << kpi.name << "/" << kpi.stage << "/" << kpi.unit << ":";
    for (const double v : kpi.values) out << std::hexfloat << v << ",";
  }
  char text[16];
  std::snprintf(text, sizeof text, "%08" PRIx32, crc_of(out.str()));
  return text;
}

struct Visit {
  std::string file;
  uLong crc = crc32(0L, Z_NULL, 0);
};

// Whether a type holds pointers (variable-length strings) rather than values.
bool has_variable_string(hid_t type) {
  if (H5Tis_variable_str(type) > 0) return true;
  if (H5Tget_class(type) != H5T_COMPOUND) return false;
  for (int m = 0; m < H5Tget_nmembers(type); ++m) {
    const hid_t member = H5Tget_member_type(type, static_cast<unsigned>(m));
    const bool variable = has_variable_string(member);
    H5Tclose(member);
    if (variable) return true;
  }
  return false;
}

herr_t read_dataset(hid_t root, const char* name, const H5O_info_t* info, void* data) {
  if (info->type != H5O_TYPE_DATASET) return 0;
  auto& visit = *static_cast<Visit*>(data);
  const hid_t dataset = H5Dopen2(root, name, H5P_DEFAULT);
  h5::check(dataset, visit.file + ":/" + name, "cannot open dataset");
  const hid_t file_type = H5Dget_type(dataset);
  const hid_t memory_type = H5Tget_native_type(file_type, H5T_DIR_ASCEND);
  const hid_t space = H5Dget_space(dataset);
  const hssize_t count = H5Sget_simple_extent_npoints(space);
  std::vector<unsigned char> buffer(static_cast<std::size_t>(count) * H5Tget_size(memory_type) + 1);
  const herr_t status = H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data());
  const bool variable = H5Tdetect_class(memory_type, H5T_VLEN) > 0 || has_variable_string(memory_type);
  if (status >= 0) {
    visit.crc = crc32(visit.crc, reinterpret_cast<const Bytef*>(name), static_cast<uInt>(std::strlen(name)));
    if (!variable) visit.crc = crc32(visit.crc, buffer.data(), static_cast<uInt>(buffer.size() - 1));
#if H5_VERSION_GE(1, 12, 0)
    else H5Treclaim(memory_type, space, H5P_DEFAULT, buffer.data());
#else
    else H5Dvlen_reclaim(memory_type, space, H5P_DEFAULT, buffer.data());
#endif
  }
  H5Sclose(space);
  H5Tclose(memory_type);
  H5Tclose(file_type);
  H5Dclose(dataset);
  if (status < 0) h5::fail(visit.file + ":/" + name, "cannot read");
  return 0;
}

std::string any_fingerprint(const std::string& path) {
  const h5::File file = h5::open_file(path);
  Visit visit{path};
  h5::check_status(H5Ovisit(file.id(), H5_INDEX_NAME, H5_ITER_INC, read_dataset, &visit), path, "cannot visit");
  char text[16];
  std::snprintf(text, sizeof text, "%08" PRIx32, static_cast<std::uint32_t>(visit.crc));
  return text;
}

/// Reads one file in a forked child, so a crash or a hang in a reader is seen, not
/// suffered: "ok FINGERPRINT", "error: MESSAGE", "crash: signal N" or "hang".
std::string read_in_child(const std::string& kind, const std::string& path, unsigned timeout_seconds) {
  int channel[2];
  if (::pipe(channel) != 0) return "crash: cannot make a pipe";
  const pid_t child = ::fork();
  if (child < 0) return "crash: cannot fork";
  if (child == 0) {
    ::close(channel[0]);
    ::alarm(timeout_seconds);  // SIGALRM ends a hang
    std::string line;
    try {
      line = "ok " + (kind == "run"     ? run_fingerprint(path)
                      : kind == "point" ? point_fingerprint(path)
                                        : any_fingerprint(path));
    } catch (const std::exception& e) {
      line = std::string("error: ") + e.what();
    }
    for (char& c : line)
      if (c == '\n') c = ' ';
    const ssize_t written = ::write(channel[1], line.data(), line.size());
    ::_exit(written == static_cast<ssize_t>(line.size()) ? 0 : 1);
  }
  ::close(channel[1]);
  std::string line;
  char buffer[4096];
  for (ssize_t n; (n = ::read(channel[0], buffer, sizeof buffer)) > 0;) line.append(buffer, static_cast<std::size_t>(n));
  ::close(channel[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  if (WIFSIGNALED(status)) return WTERMSIG(status) == SIGALRM ? "hang" : "crash: signal " + std::to_string(WTERMSIG(status));
  if (line.empty() || WEXITSTATUS(status) != 0) return "crash: exit " + std::to_string(WEXITSTATUS(status));
  return line;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: " << argv[0] << " run|point|any TIMEOUT_SECONDS FILE...\n";
    return 2;
  }
  const std::string kind = argv[1];
  const unsigned timeout = static_cast<unsigned>(std::stoul(argv[2]));
  h5::silence_error_printing();
  for (int i = 3; i < argc; ++i) std::cout << argv[i] << '\t' << read_in_child(kind, argv[i], timeout) << std::endl;
  return 0;
}
