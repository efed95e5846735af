// SPDX-License-Identifier: MIT
#include "models/output/hdf5_handles.h"

#include <algorithm>
#include <stdexcept>

#include "models/output/file_seal.h"

namespace ketensim::output::h5 {
namespace {

herr_t keep_innermost(unsigned n, const H5E_error2_t* error, void* out) {
  if (n == 0 && error != nullptr && error->desc != nullptr) *static_cast<std::string*>(out) = error->desc;
  return 0;
}

/// The message of the innermost entry of HDF5's current error stack: usually the concrete
/// cause ("unable to truncate a file which is already open"). Clears the stack.
std::string take_hdf5_message() {
  std::string message;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keep_innermost, &message);
  H5Eclear2(H5E_DEFAULT);
  return message;
}

void no_time_tracking(hid_t creation_list, const std::string& where) {
  check_status(H5Pset_obj_track_times(creation_list, 0), where, "cannot turn off modification times");
}

PropertyList make_list(hid_t list_class, const char* what) {
  return PropertyList(check(H5Pcreate(list_class), what, "cannot create property list"), what, "");
}

/// Closing a file closes everything still open in it, so no handle can keep it alive
/// past the point where the writer renames it into place.
PropertyList strong_close_access() {
  PropertyList access = make_list(H5P_FILE_ACCESS, "file access property list");
  check_status(H5Pset_fclose_degree(access.id(), H5F_CLOSE_STRONG), access.where(), "cannot set close degree");
  return access;
}

/// The 1.10 file format keeps a checksum in every piece of metadata (superblock, object
/// headers, chunk indexes), so HDF5 itself names a damaged object when a file is read
/// without ketensim's seal check (with h5py directly, say).
void checksummed_metadata(const PropertyList& access) {
  check_status(H5Pset_libver_bounds(access.id(), H5F_LIBVER_V110, H5F_LIBVER_V110), access.where(),
               "cannot choose the 1.10 file format");
}

/// Largest chunk made for a dataset created without one: 1 MiB, so a reader of one value
/// never has to decompress and checksum much more than that.
constexpr std::size_t max_whole_chunk_bytes = 1 << 20;

/// A chunk covering the whole of `dims` (at least 1 along each), halved along the
/// largest dimension until it fits in max_whole_chunk_bytes.
std::vector<hsize_t> whole_chunk(std::vector<hsize_t> dims, std::size_t element_size) {
  for (hsize_t& d : dims) d = std::max<hsize_t>(d, 1);
  const auto bytes = [&] {
    std::size_t n = element_size;
    for (const hsize_t d : dims) n *= static_cast<std::size_t>(d);
    return n;
  };
  while (bytes() > max_whole_chunk_bytes) {
    hsize_t& largest = *std::max_element(dims.begin(), dims.end());
    if (largest == 1) break;
    largest = (largest + 1) / 2;
  }
  return dims;
}

}  // namespace

void silence_error_printing() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

void fail(const std::string& where, const std::string& what) {
  const std::string cause = take_hdf5_message();
  std::string message = where.empty() ? what : where + ": " + what;
  if (!cause.empty()) message += " (HDF5: " + cause + ")";
  throw std::runtime_error(message);
}

hid_t check(hid_t id, const std::string& where, const std::string& what) {
  if (id < 0) fail(where, what);
  return id;
}

void check_status(herr_t status, const std::string& where, const std::string& what) {
  if (status < 0) fail(where, what);
}

File create_file(const std::string& disk_path, const std::string& shown_name) {
  silence_error_printing();
  PropertyList creation = make_list(H5P_FILE_CREATE, "file creation property list");
  no_time_tracking(creation.id(), creation.where());
  check_status(H5Pset_userblock(creation.id(), seal_bytes), creation.where(), "cannot reserve the seal's user block");
  PropertyList access = strong_close_access();
  checksummed_metadata(access);
  const hid_t id = H5Fcreate(disk_path.c_str(), H5F_ACC_TRUNC, creation.id(), access.id());
  return File(check(id, shown_name, "cannot create HDF5 file"), shown_name, "/");
}

File open_file(const std::string& path) {
  silence_error_printing();
  verify_seal(path);
  PropertyList access = strong_close_access();
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, access.id());
  return File(check(id, path, "cannot open as an HDF5 file"), path, "/");
}

Group create_group(const Object& parent, const std::string& name) {
  const std::string path = parent.child_path(name);
  PropertyList creation = make_list(H5P_GROUP_CREATE, "group creation property list");
  no_time_tracking(creation.id(), creation.where());
  const hid_t id = H5Gcreate2(parent.id(), name.c_str(), H5P_DEFAULT, creation.id(), H5P_DEFAULT);
  return Group(check(id, parent.file() + ":" + path, "cannot create group"), parent.file(), path);
}

Group open_group(const Object& parent, const std::string& name) {
  const std::string path = parent.child_path(name);
  const hid_t id = H5Gopen2(parent.id(), name.c_str(), H5P_DEFAULT);
  return Group(check(id, parent.file() + ":" + path, "cannot open group"), parent.file(), path);
}

bool has_link(const Object& parent, const std::string& name) {
  const htri_t exists = H5Lexists(parent.id(), name.c_str(), H5P_DEFAULT);
  if (exists < 0) fail(parent.file() + ":" + parent.child_path(name), "cannot check whether it exists");
  return exists > 0;
}

PropertyList dataset_creation(const std::vector<hsize_t>& chunk, unsigned gzip_level) {
  PropertyList creation = make_list(H5P_DATASET_CREATE, "dataset creation property list");
  no_time_tracking(creation.id(), creation.where());
  if (!chunk.empty()) {
    check_status(H5Pset_chunk(creation.id(), static_cast<int>(chunk.size()), chunk.data()), creation.where(),
                 "cannot set chunk shape");
    check_status(H5Pset_shuffle(creation.id()), creation.where(), "cannot add shuffle filter");
    check_status(H5Pset_deflate(creation.id(), gzip_level), creation.where(), "cannot add gzip filter");
  }
  return creation;
}

Dataset create_dataset(const Object& parent, const std::string& name, hid_t file_type, const Dataspace& space,
                       const PropertyList& creation) {
  const std::string path = parent.child_path(name);
  const std::string where = parent.file() + ":" + path;
  // Every dataset carries a Fletcher32 checksum of each chunk, verified on every read;
  // the filter needs chunked storage, so a contiguous request becomes one chunk.
  const PropertyList checked(check(H5Pcopy(creation.id()), where, "cannot copy creation list"), where, "");
  if (H5Pget_layout(checked.id()) != H5D_CHUNKED) {
    if (H5Sget_simple_extent_type(space.id()) != H5S_SIMPLE) fail(where, "a scalar dataset cannot carry a checksum");
    const std::vector<hsize_t> chunk = whole_chunk(dims_of(space), H5Tget_size(file_type));
    check_status(H5Pset_chunk(checked.id(), static_cast<int>(chunk.size()), chunk.data()), where,
                 "cannot set chunk shape");
  }
  check_status(H5Pset_fletcher32(checked.id()), where, "cannot add the Fletcher32 checksum");
  const hid_t id =
      H5Dcreate2(parent.id(), name.c_str(), file_type, space.id(), H5P_DEFAULT, checked.id(), H5P_DEFAULT);
  return Dataset(check(id, parent.file() + ":" + path, "cannot create dataset"), parent.file(), path);
}

Dataset open_dataset(const Object& parent, const std::string& name) {
  const std::string path = parent.child_path(name);
  const hid_t id = H5Dopen2(parent.id(), name.c_str(), H5P_DEFAULT);
  return Dataset(check(id, parent.file() + ":" + path, "cannot open dataset"), parent.file(), path);
}

Dataspace scalar_space() {
  return Dataspace(check(H5Screate(H5S_SCALAR), "dataspace", "cannot create"), "dataspace", "");
}

Dataspace simple_space(const std::vector<hsize_t>& dims, const std::vector<hsize_t>& max_dims) {
  const hid_t id =
      H5Screate_simple(static_cast<int>(dims.size()), dims.data(), max_dims.empty() ? nullptr : max_dims.data());
  return Dataspace(check(id, "dataspace", "cannot create"), "dataspace", "");
}

Dataspace space_of(const Dataset& dataset) {
  return Dataspace(check(H5Dget_space(dataset.id()), dataset.where(), "cannot get dataspace"), dataset.file(),
                   dataset.path());
}

Dataspace space_of(const Attribute& attribute) {
  return Dataspace(check(H5Aget_space(attribute.id()), attribute.where(), "cannot get dataspace"), attribute.file(),
                   attribute.path());
}

std::vector<hsize_t> dims_of(const Dataspace& space) {
  const int rank = H5Sget_simple_extent_ndims(space.id());
  if (rank < 0) fail(space.where(), "cannot get rank");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (rank > 0 && H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr) < 0)
    fail(space.where(), "cannot get shape");
  return dims;
}

Datatype type_of(const Dataset& dataset) {
  return Datatype(check(H5Dget_type(dataset.id()), dataset.where(), "cannot get datatype"), dataset.file(),
                  dataset.path());
}

Datatype type_of(const Attribute& attribute) {
  return Datatype(check(H5Aget_type(attribute.id()), attribute.where(), "cannot get datatype"), attribute.file(),
                  attribute.path());
}

Datatype utf8_string_type() {
  Datatype type(check(H5Tcopy(H5T_C_S1), "string type", "cannot copy"), "string type", "");
  check_status(H5Tset_size(type.id(), H5T_VARIABLE), type.where(), "cannot make variable-length");
  check_status(H5Tset_cset(type.id(), H5T_CSET_UTF8), type.where(), "cannot set UTF-8");
  return type;
}

Datatype fixed_utf8_string_type(std::size_t width) {
  Datatype type(check(H5Tcopy(H5T_C_S1), "string type", "cannot copy"), "string type", "");
  check_status(H5Tset_size(type.id(), width), type.where(), "cannot set width");
  check_status(H5Tset_strpad(type.id(), H5T_STR_NULLPAD), type.where(), "cannot set NUL padding");
  check_status(H5Tset_cset(type.id(), H5T_CSET_UTF8), type.where(), "cannot set UTF-8");
  return type;
}

Attribute create_attribute(const Object& owner, const std::string& name, hid_t file_type, const Dataspace& space) {
  const std::string path = owner.path() + "@" + name;
  const hid_t id = H5Acreate2(owner.id(), name.c_str(), file_type, space.id(), H5P_DEFAULT, H5P_DEFAULT);
  return Attribute(check(id, owner.file() + ":" + path, "cannot create attribute"), owner.file(), path);
}

Attribute open_attribute(const Object& owner, const std::string& name) {
  const std::string path = owner.path() + "@" + name;
  const hid_t id = H5Aopen(owner.id(), name.c_str(), H5P_DEFAULT);
  return Attribute(check(id, owner.file() + ":" + path, "cannot open attribute"), owner.file(), path);
}

bool has_attribute(const Object& owner, const std::string& name) {
  const htri_t exists = H5Aexists(owner.id(), name.c_str());
  if (exists < 0) fail(owner.file() + ":" + owner.path() + "@" + name, "cannot check whether it exists");
  return exists > 0;
}

}  // namespace ketensim::output::h5
