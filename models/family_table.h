// SPDX-License-Identifier: MIT
#pragma once
#include <cstddef>
#include <cstdint>

#include "models/family.h"

namespace ketensim::model {

/// The family records, indexed by slot, in one memory mapping that grows in place.
///
/// A collapsing chain keeps more than a million families at once. In a std::vector each
/// doubling copied every record into new memory, held old and new at once (the peak memory)
/// and touched every new page; here the kernel moves the pages (mremap), nothing is copied
/// and pages no record has used are never touched. Slots are stable: a record's address
/// changes only when the table grows, as in a vector.
class FamilyTable {
 public:
  FamilyTable() = default;
  FamilyTable(const FamilyTable&) = delete;
  FamilyTable& operator=(const FamilyTable&) = delete;
  ~FamilyTable();

  /// Room for `records` without growing (address space only: no page is touched).
  void reserve(std::size_t records);
  /// A new record at the end, default-initialised.
  Family& emplace_back();

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] Family* data() { return records_; }
  [[nodiscard]] const Family* data() const { return records_; }
  Family& operator[](std::size_t slot) { return records_[slot]; }
  const Family& operator[](std::size_t slot) const { return records_[slot]; }
  [[nodiscard]] const Family* begin() const { return records_; }
  [[nodiscard]] const Family* end() const { return records_ + size_; }

 private:
  Family* records_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace ketensim::model
