// SPDX-License-Identifier: MIT
#include "models/output/hdf5_handles.h"

#include <stdexcept>

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
  PropertyList access = strong_close_access();
  const hid_t id = H5Fcreate(disk_path.c_str(), H5F_ACC_TRUNC, creation.id(), access.id());
  return File(check(id, shown_name, "cannot create HDF5 file"), shown_name, "/");
}

File open_file(const std::string& path) {
  silence_error_printing();
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
  const hid_t id =
      H5Dcreate2(parent.id(), name.c_str(), file_type, space.id(), H5P_DEFAULT, creation.id(), H5P_DEFAULT);
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
