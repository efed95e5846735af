# SPDX-License-Identifier: MIT
"""Executes notebooks top to bottom with Debian's nbclient, as CI does.

    PYTHONPATH=build/python KETENSIM_BIN=build/ketensim /usr/bin/python3 tests/python/run_notebooks.py notebooks/*.ipynb

With `--executed DIR` the executed copies (with outputs) are written to DIR for a look.

Each notebook runs in its own folder (notebooks/) on a kernel of this interpreter, with this
process's environment (PYTHONPATH, KETENSIM_BIN). A notebook fails when a cell raises (the
notebooks assert on what they show) or when it draws no figure. Nothing is written back: the
committed notebooks stay without outputs.
"""
import json
import os
import shutil
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

KERNEL = "ketensim-test-python"


def kernel_spec_directory():
    """A kernelspec that runs this very interpreter, whatever python3 is first on PATH."""
    root = tempfile.mkdtemp(prefix="ketensim-kernels-")
    spec = os.path.join(root, "kernels", KERNEL)
    os.makedirs(spec)
    with open(os.path.join(spec, "kernel.json"), "w", encoding="utf-8") as f:
        json.dump({"argv": [sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f",
                            "{connection_file}"],
                   "display_name": "ketensim tests", "language": "python"}, f)
    return root


def figures(notebook):
    return sum(1 for cell in notebook.cells if cell.cell_type == "code"
               for output in cell.get("outputs", []) if "image/png" in output.get("data", {}))


def outputs_committed(notebook):
    return [i for i, cell in enumerate(notebook.cells)
            if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count"))]


def run(path, timeout, executed=None):
    notebook = nbformat.read(path, as_version=4)
    committed = outputs_committed(notebook)
    if committed:
        raise SystemExit(f"{path}: cells {committed} have outputs; commit notebooks without outputs")
    client = NotebookClient(notebook, timeout=timeout, kernel_name=KERNEL,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    started = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as error:
        raise SystemExit(f"{path}: a cell failed\n{error}") from None
    drawn = figures(notebook)
    if drawn == 0:
        raise SystemExit(f"{path}: ran, but drew no figure")
    print(f"{path}: ok in {time.monotonic() - started:.1f} s, {drawn} figure(s)")
    if executed:
        os.makedirs(executed, exist_ok=True)
        nbformat.write(notebook, os.path.join(executed, os.path.basename(path)))


def main(argv):
    executed = None
    if len(argv) > 2 and argv[1] == "--executed":
        executed, argv = argv[2], argv[:1] + argv[3:]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    kernels = kernel_spec_directory()
    os.environ["JUPYTER_PATH"] = kernels
    os.environ.pop("MPLBACKEND", None)  # the kernel's inline backend, so figures become outputs
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    try:
        for path in argv[1:]:
            run(path, timeout=600, executed=executed)
    finally:
        shutil.rmtree(kernels, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
