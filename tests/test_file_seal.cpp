// SPDX-License-Identifier: MIT
// The seal and the checksums of result files (docs/output-format.md, "Checksums and
// damaged files"): a damaged file is refused with its name and what changed, before HDF5
// reads it; a damaged dataset is named by its own checksum even under a fresh seal.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "models/output/file_seal.h"
#include "models/output/hdf5_io.h"
#include "models/output/result_reader.h"
#include "models/output/result_writer.h"
#include "tests/support/example_run_result.h"

namespace {

namespace fs = std::filesystem;
namespace h5 = ketensim::output::h5;
using ketensim::output::read_run_result;
using ketensim::output::seal_file;
using ketensim::output::write_run_result;
using ketensim::testing::example_run_result;

class FileSeal : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("ketensim-seal-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    write_run_result(example_run_result(), path("run.h5"));
  }
  void TearDown() override { fs::remove_all(dir_); }
  [[nodiscard]] std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::string bytes() const {
    std::ifstream in(path("run.h5"), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  void put(const std::string& content) const { std::ofstream(path("run.h5"), std::ios::binary) << content; }
  std::string read_error() const {
    try {
      read_run_result(path("run.h5"));
    } catch (const std::exception& e) {
      return e.what();
    }
    return "(read without error)";
  }

  fs::path dir_;
};

TEST_F(FileSeal, AnUndamagedFileReads) { EXPECT_NO_THROW(ketensim::output::verify_seal(path("run.h5"))); }

TEST_F(FileSeal, AFileCutShortIsRefusedWithBothSizes) {
  const std::string content = bytes();
  put(content.substr(0, content.size() - 10));
  EXPECT_EQ(read_error(), path("run.h5") + ": damaged: it is " + std::to_string(content.size() - 10) +
                              " bytes, ketensim wrote " + std::to_string(content.size()) +
                              " (cut short or extended after writing)");
}

TEST_F(FileSeal, OneFlippedBitIsRefused) {
  std::string content = bytes();
  content[content.size() / 2] ^= 0x10;
  put(content);
  EXPECT_EQ(read_error().rfind(path("run.h5") + ": damaged: its contents changed after ketensim wrote it (crc32 ", 0),
            0u)
      << read_error();
}

TEST_F(FileSeal, AChangeInTheSealsPaddingIsRefused) {
  std::string content = bytes();
  content[400] = 'x';
  put(content);
  EXPECT_EQ(read_error(), path("run.h5") + ": damaged: its checksum block (bytes 0-511) is altered or cut short");
}

TEST_F(FileSeal, AnHdf5FileWithoutSealIsRefusedAsUnchecked) {
  put(bytes().substr(ketensim::output::seal_bytes));  // what HDF5 wrote, without the user block
  EXPECT_EQ(read_error().rfind(path("run.h5") + ": has no ketensim checksum", 0), 0u) << read_error();
}

// Under a fresh seal (a file damaged before it was sealed, or read past the seal check),
// HDF5's Fletcher32 checksum still names the damaged dataset.
TEST_F(FileSeal, ADamagedDatasetUnderAFreshSealIsNamedByItsChecksum) {
  haddr_t address = 0;
  {
    const h5::File file = h5::open_file(path("run.h5"));
    const h5::Dataset dataset = h5::open_dataset(file, "kpis_by_replication");
    hsize_t size = 0;
    const h5::Dataspace space = h5::space_of(dataset);
    ASSERT_GE(H5Dget_chunk_info(dataset.id(), space.id(), 0, nullptr, nullptr, &address, &size), 0);
    ASSERT_GT(size, 4u);
  }
  std::string content = bytes();
  content[address + ketensim::output::seal_bytes] ^= 0x01;  // HDF5 addresses start after the user block
  put(content);
  seal_file(path("run.h5"), path("run.h5"));
  const std::string message = read_error();
  EXPECT_EQ(message.rfind(path("run.h5") + ":/kpis_by_replication: cannot read", 0), 0u) << message;
}

TEST_F(FileSeal, EveryDatasetCarriesTheFletcher32Checksum) {
  const h5::File file = h5::open_file(path("run.h5"));
  std::size_t datasets = 0;
  std::string unchecked;
  struct Visit {
    std::size_t* datasets;
    std::string* unchecked;
  } visit{&datasets, &unchecked};
  const auto each = [](hid_t root, const char* name, const H5O_info_t* info, void* data) -> herr_t {
    if (info->type != H5O_TYPE_DATASET) return 0;
    auto& v = *static_cast<Visit*>(data);
    const hid_t dataset = H5Dopen2(root, name, H5P_DEFAULT);
    const hid_t creation = H5Dget_create_plist(dataset);
    unsigned flags = 0;
    std::size_t elements = 0;
    char filter_name[32];
    unsigned config = 0;
    if (H5Pget_filter_by_id2(creation, H5Z_FILTER_FLETCHER32, &flags, &elements, nullptr, sizeof filter_name,
                             filter_name, &config) < 0) {
      *v.unchecked += std::string(" ") + name;
    }
    H5Eclear2(H5E_DEFAULT);
    H5Pclose(creation);
    H5Dclose(dataset);
    ++*v.datasets;
    return 0;
  };
  ASSERT_GE(H5Ovisit(file.id(), H5_INDEX_NAME, H5_ITER_INC, each, &visit), 0);
  EXPECT_GT(datasets, 10u);
  EXPECT_EQ(unchecked, "");
}

}  // namespace
