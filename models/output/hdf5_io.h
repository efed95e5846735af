// SPDX-License-Identifier: MIT
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/output/hdf5_handles.h"

// Typed values in and out of HDF5: scalar attributes, string and float64 arrays, and flat
// tables (1-D compound datasets). Files store explicit little-endian types; string
// datasets hold fixed-length UTF-8 strings, attributes and table columns variable-length
// ones (the file's seal covers those); readers accept either.
namespace ketensim::output::h5 {

void write_attribute(const Object& owner, const std::string& name, const std::string& value);
void write_attribute(const Object& owner, const std::string& name, std::uint64_t value);
void write_attribute(const Object& owner, const std::string& name, std::uint32_t value);
void write_attribute(const Object& owner, const std::string& name, double value);
std::string read_string_attribute(const Object& owner, const std::string& name);
/// Reads any integer attribute that fits in uint64.
std::uint64_t read_uint_attribute(const Object& owner, const std::string& name);
double read_double_attribute(const Object& owner, const std::string& name);

/// A single string, as a 1-D dataset of one element (a scalar one could not be chunked,
/// so could not carry a checksum); the reader also takes a scalar.
void write_string(const Object& parent, const std::string& name, const std::string& text);
std::string read_string(const Object& parent, const std::string& name);
/// A 1-D string dataset, of fixed-length strings as wide as the longest (so the checksum
/// covers them); the reader also takes variable-length ones.
void write_strings(const Object& parent, const std::string& name, const std::vector<std::string>& values);
std::vector<std::string> read_strings(const Object& parent, const std::string& name);

/// Number of elements along each dimension of a dataset.
std::vector<hsize_t> shape_of(const Dataset& dataset);
/// Writes the block at `start` with extent `count` from contiguous `data` in `memory_type`.
void write_block(const Dataset& dataset, hid_t memory_type, const std::vector<hsize_t>& start,
                 const std::vector<hsize_t>& count, const void* data);
/// Reads the whole dataset into `data`, which must have room for every element.
void read_all(const Dataset& dataset, hid_t memory_type, void* data);
/// A float64 dataset of the given shape, contiguous, written at once.
void write_doubles(const Object& parent, const std::string& name, const std::vector<hsize_t>& shape,
                   const std::vector<double>& values);
/// Reads a float64 dataset, checking it has `expected_shape`.
std::vector<double> read_doubles(const Object& parent, const std::string& name,
                                 const std::vector<hsize_t>& expected_shape);

/// The column types tables use. Strings are variable-length UTF-8, held in rows as
/// `const char*`.
enum class Column { f64, u64, u32, u16, u8, i32, str };
struct Field {
  const char* name;
  std::size_t offset;  // offsetof(Row, member)
  Column type;
};
/// In-memory type (the Row struct, padding and all) and packed little-endian file type.
struct RowTypes {
  Datatype memory;
  Datatype file;
};
RowTypes row_types(std::size_t row_size, const std::vector<Field>& fields);

/// Creates a 1-D table of `count` rows with `creation` and writes `rows` (may be null when
/// `count` is 0).
Dataset write_table(const Object& parent, const std::string& name, const RowTypes& types, const void* rows,
                    std::size_t count, const PropertyList& creation);

/// Frees the strings HDF5 allocated while reading `count` rows of `types.memory`.
void free_strings(const RowTypes& types, void* rows, std::size_t count);

/// The rows of a table, read at construction; frees the strings HDF5 allocated for them on
/// destruction, so copy them out before it goes.
template <class Row>
class TableRows {
 public:
  TableRows(const Object& parent, const std::string& name, RowTypes types) : types_(std::move(types)) {
    const Dataset dataset = open_dataset(parent, name);
    const std::vector<hsize_t> shape = shape_of(dataset);
    if (shape.size() != 1) fail(dataset.where(), "expected a 1-D table, found rank " + std::to_string(shape.size()));
    rows_.resize(static_cast<std::size_t>(shape[0]));
    if (!rows_.empty()) read_all(dataset, types_.memory.id(), rows_.data());
  }
  TableRows(const TableRows&) = delete;
  TableRows& operator=(const TableRows&) = delete;
  ~TableRows() {
    if (!rows_.empty()) free_strings(types_, rows_.data(), rows_.size());
  }
  [[nodiscard]] const std::vector<Row>& rows() const { return rows_; }

 private:
  RowTypes types_;
  std::vector<Row> rows_;
};

}  // namespace ketensim::output::h5
