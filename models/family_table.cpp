// SPDX-License-Identifier: MIT
#include "models/family_table.h"

#include <sys/mman.h>

#include <algorithm>
#include <new>
#include <type_traits>

namespace ketensim::model {

// mremap moves the records' pages as they are: that is a copy of their bytes.
static_assert(std::is_trivially_copyable_v<Family>, "family records are moved by the kernel");
static_assert(alignof(Family) <= 4096, "a mapping is page-aligned");

FamilyTable::~FamilyTable() {
  if (records_ != nullptr) ::munmap(records_, capacity_ * sizeof(Family));
}

void FamilyTable::reserve(std::size_t records) {
  if (records <= capacity_) return;
  const std::size_t page = 4096;
  const std::size_t bytes = (records * sizeof(Family) + page - 1) / page * page;
  void* memory = records_ == nullptr
                     ? ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                     : ::mremap(records_, capacity_ * sizeof(Family), bytes, MREMAP_MAYMOVE);
  if (memory == MAP_FAILED) throw std::bad_alloc();
  // Huge pages where the kernel offers them: events reach families all over the table, and
  // with 4 KiB pages nearly every one also misses the TLB and the first takes a page fault.
  ::madvise(memory, bytes, MADV_HUGEPAGE);
  records_ = static_cast<Family*>(memory);
  capacity_ = bytes / sizeof(Family);
}

Family& FamilyTable::emplace_back() {
  // Growing costs no copy, so the table grows by a quarter at a time (at least 2^16
  // records): less address space held beyond the records in use than doubling would.
  if (size_ == capacity_) reserve(capacity_ + std::max<std::size_t>(capacity_ / 4, std::size_t{1} << 16));
  return *new (records_ + size_++) Family{};
}

}  // namespace ketensim::model
