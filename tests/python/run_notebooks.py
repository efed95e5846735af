# SPDX-License-Identifier: MIT
"""Executes notebooks top to bottom with Debian's nbclient, as CI does
(tests/python/test_notebooks.py adds each notebook's checks).

    PYTHONPATH=build/python KETENSIM_BIN=build/ketensim /usr/bin/python3 tests/python/run_notebooks.py notebooks/*.ipynb

With `--executed DIR` the executed copies (with outputs) are written to DIR for a look, with
`--html DIR` rendered to HTML (Debian's nbconvert).

Each notebook runs in its own folder (notebooks/) on a kernel of this interpreter, with this
process's environment (PYTHONPATH, KETENSIM_BIN). A notebook fails when a cell raises, when it
draws no figure, or when the checks given to run() fail. Nothing is written back: the
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


def closes_a_file(cell):
    return cell.cell_type == "code" and ".close()" in cell.source


def run(path, timeout, executed=None, checks=None, html=None):
    """Executes the notebook at `path`; `checks` (Python source) runs in its kernel before
    the first cell that closes a file (or after the last cell), and is not part of the
    executed notebook. Raises SystemExit naming the notebook on any failure."""
    path = os.fspath(path)
    notebook = nbformat.read(path, as_version=4)
    committed = outputs_committed(notebook)
    if committed:
        raise SystemExit(f"{path}: cells {committed} have outputs; commit notebooks without outputs")
    client = NotebookClient(notebook, timeout=timeout, kernel_name=KERNEL,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    started = time.monotonic()

    def check():
        # nbclient writes an executed cell back into the notebook: the checks go in as a last
        # cell for the moment and come out again, outputs and all.
        notebook.cells.append(nbformat.v4.new_code_cell(checks))
        try:
            client.execute_cell(notebook.cells[-1], len(notebook.cells) - 1)
        except CellExecutionError as error:
            raise SystemExit(f"{path}: a check failed\n{error}") from None
        finally:
            notebook.cells.pop()

    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            if checks and closes_a_file(cell):
                check()
                checks = None
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as error:
                raise SystemExit(f"{path}: cell {index} failed\n{error}") from None
        if checks:
            check()
    drawn = figures(notebook)
    if drawn == 0:
        raise SystemExit(f"{path}: ran, but drew no figure")
    print(f"{path}: ok in {time.monotonic() - started:.1f} s, {drawn} figure(s)")
    name = os.path.splitext(os.path.basename(path))[0]
    if executed:
        os.makedirs(executed, exist_ok=True)
        nbformat.write(notebook, os.path.join(executed, os.path.basename(path)))
    if html:
        from nbconvert import HTMLExporter
        os.makedirs(html, exist_ok=True)
        body, _ = HTMLExporter().from_notebook_node(notebook)
        with open(os.path.join(html, f"{name}.html"), "w", encoding="utf-8") as f:
            f.write(body)


def with_kernel(action):
    """Runs `action()` with this interpreter's kernelspec installed in a temporary folder
    and the environment a notebook kernel needs (inline figures)."""
    kernels = kernel_spec_directory()
    saved = {key: os.environ.get(key) for key in ("JUPYTER_PATH", "MPLBACKEND", "PYDEVD_DISABLE_FILE_VALIDATION")}
    os.environ["JUPYTER_PATH"] = kernels
    os.environ.pop("MPLBACKEND", None)  # the kernel's inline backend, so figures become outputs
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    try:
        return action()
    finally:
        shutil.rmtree(kernels, ignore_errors=True)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def main(argv):
    options = {"--executed": None, "--html": None}
    while len(argv) > 2 and argv[1] in options:
        options[argv[1]], argv = argv[2], argv[:1] + argv[3:]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2

    def run_all():
        for path in argv[1:]:
            run(path, timeout=600, executed=options["--executed"], html=options["--html"])

    with_kernel(run_all)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
