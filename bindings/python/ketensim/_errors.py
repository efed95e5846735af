# SPDX-License-Identifier: MIT
"""The exceptions of the ketensim package."""
from . import _core

#: Bad scenario input: the C++ loader's message, unchanged ("FILE:LINE: key = value: expected ...").
ScenarioError = _core.ScenarioError
ScenarioError.__module__ = "ketensim"
ScenarioError.__doc__ = (
    "A scenario value, key or file is invalid. The message is the simulator's own: it names "
    "the file (or where the value came from, e.g. 'python' or 'ketensim.run'), the line, the "
    "key, the value and what was expected. A subclass of ValueError."
)


class FormatError(ValueError):
    """A file is not what a reader expected: another `filetype`, or a major `format_version`
    this package does not read. The message starts with the file's path and says what was
    found and what was expected; `path` holds the path."""

    def __init__(self, message, *, path=None):
        super().__init__(message)
        self.path = path


class DamagedFileError(FormatError):
    """A ketensim file's contents no longer match the checksum stored when it was written (cut
    short, bytes changed, or edited by another program). Raised on opening, before any of
    its data is read; `path` names the file and the message says what changed."""


class MissingDataError(LookupError):
    """The file has no such data, for example no event log (the run was not asked for one)
    or no staff series (the file's format predates them)."""


class SimulationError(RuntimeError):
    """A `ketensim` child process failed. The message carries the simulator's own message
    (its stderr); `returncode`, `stderr` and `command` hold the details."""

    def __init__(self, message, *, returncode=None, stderr="", command=()):
        super().__init__(message)
        self.returncode = returncode
        self.stderr = stderr
        self.command = list(command)
