// SPDX-License-Identifier: MIT
#pragma once
#include <functional>
#include <string>

namespace ketensim::output {

/// Writes a file so that readers never see it half-written: `write` fills a temporary file
/// (`temporary_path_for(path)`) in the same directory, which is flushed to disk and renamed
/// onto `path`. On any failure the temporary file is removed, a file already at `path` is
/// left as it was, and the error is rethrown. Creates missing parent directories, and
/// first removes the temporary files of earlier writers to `path` that were killed.
/// `before_rename` (a test hook) runs with the complete temporary file just before the rename.
void write_atomically(const std::string& path, const std::function<void(const std::string& temporary)>& write,
                      const std::function<void(const std::string& temporary)>& before_rename = {});

/// Removes `PATH.tmp-<pid>` files whose writer process no longer exists (killed during a
/// write); `write_atomically` calls it first, so the next write to a path cleans up.
void remove_stale_temporaries(const std::string& path);

/// Where `write_atomically` puts the file while writing it.
std::string temporary_path_for(const std::string& path);

/// The current time as ISO 8601 UTC ("2026-11-23T16:05:24Z"), for `created` attributes.
std::string now_utc_iso8601();

}  // namespace ketensim::output
