// SPDX-License-Identifier: MIT
#include "models/output/hdf5_io.h"

#include <algorithm>
#include <cstring>

namespace ketensim::output::h5 {
namespace {

/// HDF5 stops a variable-length string at the first NUL, so one inside would be lost
/// silently; refuse it instead.
const char* c_string(const std::string& text, const std::string& where) {
  if (text.find('\0') != std::string::npos) fail(where, "string contains a NUL character");
  return text.c_str();
}

std::string shape_text(const std::vector<hsize_t>& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

std::size_t element_count(const std::vector<hsize_t>& shape) {
  std::size_t n = 1;
  for (const hsize_t d : shape) n *= static_cast<std::size_t>(d);
  return n;
}

void reclaim(hid_t memory_type, std::size_t count, void* buffer) {
  if (count == 0) return;
  const Dataspace space = simple_space({static_cast<hsize_t>(count)});
#if H5_VERSION_GE(1, 12, 0)
  H5Treclaim(memory_type, space.id(), H5P_DEFAULT, buffer);
#else
  H5Dvlen_reclaim(memory_type, space.id(), H5P_DEFAULT, buffer);
#endif
}

/// Reads `count` strings through `read(memory_type, buffer)`, from either a variable- or
/// a fixed-length string type.
template <class Read>
std::vector<std::string> read_string_values(const Datatype& file_type, std::size_t count, const std::string& where,
                                            Read read) {
  if (H5Tget_class(file_type.id()) != H5T_STRING) fail(where, "expected strings, found another type");
  std::vector<std::string> values(count);
  if (count == 0) return values;
  Datatype memory(check(H5Tcopy(file_type.id()), where, "cannot copy string type"), where, "");
  const htri_t variable = H5Tis_variable_str(file_type.id());
  if (variable < 0) fail(where, "cannot inspect string type");
  if (variable > 0) {
    std::vector<char*> buffer(count, nullptr);
    check_status(read(memory.id(), buffer.data()), where, "cannot read");
    for (std::size_t i = 0; i < count; ++i) values[i] = buffer[i] ? buffer[i] : "";
    reclaim(memory.id(), count, buffer.data());
    return values;
  }
  const std::size_t size = H5Tget_size(file_type.id());
  const bool space_padded = H5Tget_strpad(file_type.id()) == H5T_STR_SPACEPAD;
  std::vector<char> buffer(count * size);
  check_status(read(memory.id(), buffer.data()), where, "cannot read");
  for (std::size_t i = 0; i < count; ++i) {
    const char* start = buffer.data() + i * size;
    std::string value(start, strnlen(start, size));
    if (space_padded) value.erase(value.find_last_not_of(' ') + 1);
    values[i] = std::move(value);
  }
  return values;
}

hid_t memory_type_of(Column column) {
  switch (column) {
    case Column::f64:
      return H5T_NATIVE_DOUBLE;
    case Column::u64:
      return H5T_NATIVE_UINT64;
    case Column::u32:
      return H5T_NATIVE_UINT32;
    case Column::u16:
      return H5T_NATIVE_UINT16;
    case Column::u8:
      return H5T_NATIVE_UINT8;
    case Column::i32:
      return H5T_NATIVE_INT32;
    case Column::str:
      break;
  }
  return H5I_INVALID_HID;
}

hid_t file_type_of(Column column) {
  switch (column) {
    case Column::f64:
      return H5T_IEEE_F64LE;
    case Column::u64:
      return H5T_STD_U64LE;
    case Column::u32:
      return H5T_STD_U32LE;
    case Column::u16:
      return H5T_STD_U16LE;
    case Column::u8:
      return H5T_STD_U8LE;
    case Column::i32:
      return H5T_STD_I32LE;
    case Column::str:
      break;
  }
  return H5I_INVALID_HID;
}

template <class T>
void write_scalar_attribute(const Object& owner, const std::string& name, hid_t file_type, hid_t memory_type, T value) {
  const Attribute attribute = create_attribute(owner, name, file_type, scalar_space());
  check_status(H5Awrite(attribute.id(), memory_type, &value), attribute.where(), "cannot write");
}

}  // namespace

void write_attribute(const Object& owner, const std::string& name, const std::string& value) {
  const Datatype type = utf8_string_type();
  const Attribute attribute = create_attribute(owner, name, type.id(), scalar_space());
  const char* text = c_string(value, attribute.where());
  check_status(H5Awrite(attribute.id(), type.id(), &text), attribute.where(), "cannot write");
}

void write_attribute(const Object& owner, const std::string& name, std::uint64_t value) {
  write_scalar_attribute(owner, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, value);
}

void write_attribute(const Object& owner, const std::string& name, std::uint32_t value) {
  write_scalar_attribute(owner, name, H5T_STD_U32LE, H5T_NATIVE_UINT32, value);
}

void write_attribute(const Object& owner, const std::string& name, double value) {
  write_scalar_attribute(owner, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, value);
}

std::string read_string_attribute(const Object& owner, const std::string& name) {
  const Attribute attribute = open_attribute(owner, name);
  const std::size_t count = element_count(dims_of(space_of(attribute)));
  if (count != 1) fail(attribute.where(), "expected a single string, found " + std::to_string(count) + " values");
  return read_string_values(type_of(attribute), 1, attribute.where(),
                            [&](hid_t memory, void* buffer) { return H5Aread(attribute.id(), memory, buffer); })[0];
}

std::uint64_t read_uint_attribute(const Object& owner, const std::string& name) {
  const Attribute attribute = open_attribute(owner, name);
  if (H5Tget_class(type_of(attribute).id()) != H5T_INTEGER) fail(attribute.where(), "expected an integer");
  std::uint64_t value = 0;
  check_status(H5Aread(attribute.id(), H5T_NATIVE_UINT64, &value), attribute.where(), "cannot read");
  return value;
}

double read_double_attribute(const Object& owner, const std::string& name) {
  const Attribute attribute = open_attribute(owner, name);
  const H5T_class_t type_class = H5Tget_class(type_of(attribute).id());
  if (type_class != H5T_FLOAT && type_class != H5T_INTEGER) fail(attribute.where(), "expected a number");
  double value = 0.0;
  check_status(H5Aread(attribute.id(), H5T_NATIVE_DOUBLE, &value), attribute.where(), "cannot read");
  return value;
}

void write_string(const Object& parent, const std::string& name, const std::string& text) {
  write_strings(parent, name, {text});
}

std::string read_string(const Object& parent, const std::string& name) {
  const Dataset dataset = open_dataset(parent, name);
  const std::vector<hsize_t> shape = shape_of(dataset);
  if (!shape.empty() && shape != std::vector<hsize_t>{1}) fail(dataset.where(), "expected a single string");
  return read_string_values(type_of(dataset), 1, dataset.where(), [&](hid_t memory, void* buffer) {
    return H5Dread(dataset.id(), memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
  })[0];
}

// Fixed-length strings, as wide as the longest: their bytes sit in the dataset's chunks,
// under its checksum (the global heap of variable-length ones has none, and HDF5 cannot
// put a filter on a dataset of them).
void write_strings(const Object& parent, const std::string& name, const std::vector<std::string>& values) {
  std::size_t width = 1;
  for (const std::string& value : values) width = std::max(width, value.size());
  const Datatype type = fixed_utf8_string_type(width);
  const Dataset dataset =
      create_dataset(parent, name, type.id(), simple_space({static_cast<hsize_t>(values.size())}), dataset_creation());
  if (values.empty()) return;
  std::vector<char> buffer(values.size() * width, '\0');
  for (std::size_t i = 0; i < values.size(); ++i)
    std::memcpy(buffer.data() + i * width, c_string(values[i], dataset.where()), values[i].size());
  check_status(H5Dwrite(dataset.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), dataset.where(),
               "cannot write");
}

std::vector<std::string> read_strings(const Object& parent, const std::string& name) {
  const Dataset dataset = open_dataset(parent, name);
  const std::vector<hsize_t> shape = shape_of(dataset);
  if (shape.size() != 1)
    fail(dataset.where(), "expected a 1-D string array, found rank " + std::to_string(shape.size()));
  return read_string_values(
      type_of(dataset), static_cast<std::size_t>(shape[0]), dataset.where(),
      [&](hid_t memory, void* buffer) { return H5Dread(dataset.id(), memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer); });
}

std::vector<hsize_t> shape_of(const Dataset& dataset) { return dims_of(space_of(dataset)); }

void write_block(const Dataset& dataset, hid_t memory_type, const std::vector<hsize_t>& start,
                 const std::vector<hsize_t>& count, const void* data) {
  if (element_count(count) == 0) return;
  const Dataspace file_space = space_of(dataset);
  check_status(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
               dataset.where(), "cannot select block");
  const Dataspace memory_space = simple_space(count);
  check_status(H5Dwrite(dataset.id(), memory_type, memory_space.id(), file_space.id(), H5P_DEFAULT, data),
               dataset.where(), "cannot write");
}

void read_all(const Dataset& dataset, hid_t memory_type, void* data) {
  if (element_count(shape_of(dataset)) == 0) return;
  check_status(H5Dread(dataset.id(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), dataset.where(), "cannot read");
}

void write_doubles(const Object& parent, const std::string& name, const std::vector<hsize_t>& shape,
                   const std::vector<double>& values) {
  const Dataset dataset = create_dataset(parent, name, H5T_IEEE_F64LE, simple_space(shape), dataset_creation());
  if (values.size() != element_count(shape)) {
    fail(dataset.where(), std::to_string(values.size()) + " values do not fill shape " + shape_text(shape));
  }
  if (values.empty()) return;
  check_status(H5Dwrite(dataset.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), dataset.where(),
               "cannot write");
}

std::vector<double> read_doubles(const Object& parent, const std::string& name,
                                 const std::vector<hsize_t>& expected_shape) {
  const Dataset dataset = open_dataset(parent, name);
  const std::vector<hsize_t> shape = shape_of(dataset);
  if (shape != expected_shape)
    fail(dataset.where(), "shape is " + shape_text(shape) + ", expected " + shape_text(expected_shape));
  if (H5Tget_class(type_of(dataset).id()) != H5T_FLOAT) fail(dataset.where(), "expected floating-point values");
  std::vector<double> values(element_count(shape));
  read_all(dataset, H5T_NATIVE_DOUBLE, values.data());
  return values;
}

RowTypes row_types(std::size_t row_size, const std::vector<Field>& fields) {
  const Datatype string_type = utf8_string_type();
  const auto file_size_of = [&](Column column) {
    return H5Tget_size(column == Column::str ? string_type.id() : file_type_of(column));
  };
  std::size_t packed_size = 0;
  for (const Field& field : fields) packed_size += file_size_of(field.type);

  RowTypes types{Datatype(check(H5Tcreate(H5T_COMPOUND, row_size), "row type", "cannot create"), "row type", ""),
                 Datatype(check(H5Tcreate(H5T_COMPOUND, packed_size), "row type", "cannot create"), "row type", "")};
  std::size_t file_offset = 0;
  for (const Field& field : fields) {
    const bool is_string = field.type == Column::str;
    const std::string where = std::string("row type column '") + field.name + "'";
    check_status(H5Tinsert(types.memory.id(), field.name, field.offset,
                           is_string ? string_type.id() : memory_type_of(field.type)),
                 where, "cannot add to memory type");
    check_status(
        H5Tinsert(types.file.id(), field.name, file_offset, is_string ? string_type.id() : file_type_of(field.type)),
        where, "cannot add to file type");
    file_offset += file_size_of(field.type);
  }
  return types;
}

Dataset write_table(const Object& parent, const std::string& name, const RowTypes& types, const void* rows,
                    std::size_t count, const PropertyList& creation) {
  const hsize_t length = count;
  // A chunked table may grow (its chunk may then exceed its length); a contiguous one cannot.
  const bool chunked = H5Pget_layout(creation.id()) == H5D_CHUNKED;
  const Dataspace space = chunked ? simple_space({length}, {H5S_UNLIMITED}) : simple_space({length});
  Dataset dataset = create_dataset(parent, name, types.file.id(), space, creation);
  if (rows != nullptr && count > 0) {
    check_status(H5Dwrite(dataset.id(), types.memory.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, rows), dataset.where(),
                 "cannot write");
  }
  return dataset;
}

void free_strings(const RowTypes& types, void* rows, std::size_t count) { reclaim(types.memory.id(), count, rows); }

}  // namespace ketensim::output::h5
