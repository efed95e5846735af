# SPDX-License-Identifier: MIT
"""The public Python API is documented (docs/python.md, "API reference"): every public
module, class, function, method and property of the package has a docstring, helpers are
private, and the package's own code does not reach into another object's private members."""
import ast
import importlib
import inspect
import pathlib
import pkgutil

import ketensim

PACKAGE = pathlib.Path(ketensim.__file__).resolve().parent


def public_modules():
    """ketensim and each of its submodules whose name has no leading underscore."""
    names = [info.name for info in pkgutil.iter_modules(ketensim.__path__) if not info.name.startswith("_")]
    return [ketensim] + [importlib.import_module(f"ketensim.{name}") for name in sorted(names)]


def _ours(obj):
    return (getattr(obj, "__module__", "") or "").split(".")[0] == "ketensim"


def _class_members(cls, owner):
    """Public attributes of `cls` defined in it or in a base class of this package."""
    seen = set()
    for base in cls.__mro__:
        if not _ours(base):
            continue
        for name, value in vars(base).items():
            if name.startswith("_") or name in seen:
                continue
            seen.add(name)
            if isinstance(value, (staticmethod, classmethod)):
                value = value.__func__
            # Methods, properties and other descriptors (Scenario.keys); not plain class data.
            if callable(value) or hasattr(type(value), "__get__"):
                yield f"{owner}.{name}", value


def public_members():
    """(qualified name, object) of every public member of the package."""
    members = []
    for module in public_modules():
        members.append((module.__name__, module))
        names = getattr(module, "__all__", None) or [name for name in vars(module) if not name.startswith("_")]
        for name in names:
            obj = getattr(module, name)
            qualified = f"{module.__name__}.{name}"
            if inspect.ismodule(obj) or not _ours(obj):
                continue  # a submodule is visited on its own; imports from elsewhere are not ours
            if module is not ketensim and obj.__module__ != module.__name__:
                continue  # imported from another module of the package: documented there
            if inspect.isclass(obj):
                members.append((qualified, obj))
                members.extend(_class_members(obj, qualified))
            elif callable(obj):
                members.append((qualified, obj))
    return members


def docstring(obj):
    if isinstance(obj, property):
        obj = obj.fget
    return (obj.__doc__ or "").strip()


def test_the_walk_finds_the_api():
    names = {name for name, _ in public_members()}
    for expected in ["ketensim.Scenario", "ketensim.run", "ketensim.Results.kpis", "ketensim.Results.to_xarray",
                     "ketensim.Comparison.summary", "ketensim.plots.plot_waiting", "ketensim.Results.replications",
                     "ketensim.Scenario.keys"]:
        assert expected in names
    assert len(names) > 80


def test_every_public_member_has_a_docstring():
    missing = sorted(name for name, obj in public_members() if not docstring(obj))
    assert not missing, f"public members without a docstring: {', '.join(missing)}"


def test_helpers_are_private():
    names = {name for name, _ in public_members()}
    assert "ketensim.find_program" not in names and not hasattr(ketensim, "find_program")
    assert not any(name.endswith(("default_processes", "_find_program")) for name in names)


def test_public_modules_use_only_the_public_api():
    """In a public module (ketensim.plots, ...) `x._name` only for x = self or cls, a private
    module of the package (`_core`, `_stats`, ...) or a class defined there: the figures use
    what a user could use. (The private modules share the package's internals.)"""
    offending = []
    for module in public_modules()[1:]:
        path = pathlib.Path(module.__file__)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                   for alias in node.names if (alias.asname or alias.name).startswith("_")}
        classes = {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")):
                continue
            base = node.value
            if isinstance(base, ast.Name) and (base.id in {"self", "cls", "super"} | modules | classes):
                continue
            if isinstance(base, ast.Call) and isinstance(base.func, ast.Name) and base.func.id == "super":
                continue
            offending.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    assert not offending, "reaches into private members:\n" + "\n".join(offending)
