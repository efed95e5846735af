# SPDX-License-Identifier: MIT
"""Writes the API reference of the Python package as HTML with pydoc (the standard
library's, so nothing to install), one page per public module, into DIR, and fails when a
public member (tests/python/test_python_api.py) is missing from the pages.

    PYTHONPATH=build/python /usr/bin/python3 tests/python/write_api_reference.py build/api-reference

CI runs it as the ctest python.api_reference; open DIR/ketensim.html.
"""
import os
import pathlib
import pydoc
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from test_python_api import public_members, public_modules  # noqa: E402


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    directory = pathlib.Path(argv[1])
    directory.mkdir(parents=True, exist_ok=True)
    pages = []
    for module in public_modules():
        page = directory / f"{module.__name__}.html"
        html = pydoc.html.page(pydoc.describe(module), pydoc.html.document(module, module.__name__))
        page.write_text(html, encoding="utf-8")
        pages.append(page)
    text = "\n".join(page.read_text(encoding="utf-8") for page in pages)
    missing = [name for name, _ in public_members() if name.rsplit(".", 1)[-1] not in text]
    if missing:
        print(f"not in the reference: {', '.join(missing)}", file=sys.stderr)
        return 1
    print(f"API reference: {len(pages)} pages, {len(public_members())} public members, in {os.path.abspath(directory)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
