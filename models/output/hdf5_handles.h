// SPDX-License-Identifier: MIT
#pragma once
#include <hdf5.h>

#include <string>
#include <utility>
#include <vector>

namespace ketensim::output::h5 {

/// Turns off HDF5's printing of its error stack to stderr; failures reach callers as
/// exceptions instead. Idempotent; every function that opens or creates a file calls it.
void silence_error_printing();

/// Throws std::runtime_error("WHERE: WHAT (HDF5: innermost message)") and clears the
/// HDF5 error stack. `where` names the file and object, e.g. "run.h5:/kpis".
[[noreturn]] void fail(const std::string& where, const std::string& what);
/// Returns `id` when it is valid, else fails.
hid_t check(hid_t id, const std::string& where, const std::string& what);
/// Fails when `status` is negative.
void check_status(herr_t status, const std::string& where, const std::string& what);

/// An HDF5 identifier with the name errors should show for it. Does not own the id.
class Object {
 public:
  [[nodiscard]] hid_t id() const { return id_; }
  [[nodiscard]] bool valid() const { return id_ >= 0; }
  /// File name as shown in errors.
  [[nodiscard]] const std::string& file() const { return file_; }
  /// Object path inside the file ("/" for the file itself, "" for types, spaces, lists).
  [[nodiscard]] const std::string& path() const { return path_; }
  /// "FILE:/PATH", or the file alone when there is no path.
  [[nodiscard]] std::string where() const { return path_.empty() ? file_ : file_ + ":" + path_; }
  /// The path of a link named `name` inside this object.
  [[nodiscard]] std::string child_path(const std::string& name) const {
    return (path_.empty() || path_ == "/") ? "/" + name : path_ + "/" + name;
  }

 protected:
  Object() = default;
  Object(hid_t id, std::string file, std::string path) : id_(id), file_(std::move(file)), path_(std::move(path)) {}
  hid_t id_ = H5I_INVALID_HID;
  std::string file_;
  std::string path_;
};

/// Owns an identifier and closes it with `Close` on destruction. Move-only.
template <herr_t (*Close)(hid_t)>
class Handle : public Object {
 public:
  Handle() = default;
  /// Takes ownership of `id`, which must be valid (use `check` first).
  Handle(hid_t id, std::string file, std::string path) : Object(id, std::move(file), std::move(path)) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : Object(std::move(other)) { other.id_ = H5I_INVALID_HID; }
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      Object::operator=(std::move(other));
      other.id_ = H5I_INVALID_HID;
    }
    return *this;
  }
  ~Handle() { reset(); }

  /// Closes now and throws if HDF5 reports a failure, which a destructor cannot do: a
  /// file's close is where buffered data reach the disk.
  void close() {
    if (!valid()) return;
    const herr_t status = Close(std::exchange(id_, H5I_INVALID_HID));
    check_status(status, where(), "cannot close");
  }

 private:
  void reset() noexcept {
    if (valid()) Close(std::exchange(id_, H5I_INVALID_HID));
  }
};

using File = Handle<H5Fclose>;
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Dataspace = Handle<H5Sclose>;
/// Only for types made by H5Tcopy/H5Tcreate: predefined types such as H5T_NATIVE_DOUBLE
/// must never be closed.
using Datatype = Handle<H5Tclose>;
using PropertyList = Handle<H5Pclose>;
using Attribute = Handle<H5Aclose>;

/// Creates (truncating) the file at `disk_path`; errors name it `shown_name`, so a write
/// through a temporary file reports the path the user asked for. Objects are created
/// without modification times, so the bytes depend on the content only. The file starts
/// with the user block of its seal (models/output/file_seal.h): seal it once closed.
File create_file(const std::string& disk_path, const std::string& shown_name);
/// Opens an existing file read-only, after checking its seal (throws when it is damaged or
/// has none), so HDF5 never parses damaged bytes.
File open_file(const std::string& path);

Group create_group(const Object& parent, const std::string& name);
Group open_group(const Object& parent, const std::string& name);
/// True when `parent` has a link called `name` (a single path component).
bool has_link(const Object& parent, const std::string& name);

/// A dataset creation property list without modification times; `chunk` empty means
/// one chunk of the whole dataset (up to 1 MiB), otherwise chunked as given with shuffle
/// and gzip at `gzip_level`.
PropertyList dataset_creation(const std::vector<hsize_t>& chunk = {}, unsigned gzip_level = 4);
/// Creates a dataset; every one gets the Fletcher32 checksum filter here, so datasets added
/// later are checked too. Scalar dataspaces cannot be chunked, so they are refused.
Dataset create_dataset(const Object& parent, const std::string& name, hid_t file_type, const Dataspace& space,
                       const PropertyList& creation);
Dataset open_dataset(const Object& parent, const std::string& name);

Dataspace scalar_space();
/// A simple dataspace; `max_dims` empty means fixed size.
Dataspace simple_space(const std::vector<hsize_t>& dims, const std::vector<hsize_t>& max_dims = {});
Dataspace space_of(const Dataset& dataset);
Dataspace space_of(const Attribute& attribute);
std::vector<hsize_t> dims_of(const Dataspace& space);

Datatype type_of(const Dataset& dataset);
Datatype type_of(const Attribute& attribute);
/// Variable-length UTF-8 string type.
Datatype utf8_string_type();
/// Fixed-length UTF-8 string type of `width` bytes, NUL-padded.
Datatype fixed_utf8_string_type(std::size_t width);

Attribute create_attribute(const Object& owner, const std::string& name, hid_t file_type, const Dataspace& space);
Attribute open_attribute(const Object& owner, const std::string& name);
bool has_attribute(const Object& owner, const std::string& name);

}  // namespace ketensim::output::h5
