"""The layers import one way: text ← articles ← claims ← the front (coverage_site).

Each product module's imports are read with ``ast`` (function bodies too),
so a cycle cannot hide in a function-level import or an ``except ImportError``.
"""
import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("articles", "claims", "coverage_site")
TEXT = ("articles.text", "claims.text")
# Django's settings and entry points (the web servers', the Celery workers') are
# the project's, not the front's.
PROJECT_MODULES = ("coverage_site.settings", "coverage_site.wsgi", "coverage_site.asgi", "coverage_site.celery")


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            yield name, path


MODULES = dict(_modules())


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".")
    package = package[: len(package) - node.level + (1 if MODULES[module].name == "__init__.py" else 0)]
    return ".".join(package + ([node.module] if node.module else []))


def _imports(module: str):
    """(imported module, line, in a function?) for each import statement."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    nested = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
              for n in ast.walk(f) if n is not f}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno, id(node) in nested, tree
        elif isinstance(node, ast.ImportFrom):
            yield _resolve(module, node), node.lineno, id(node) in nested, tree


def _under(name: str, prefixes) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _layer(module: str) -> str:
    if _under(module, TEXT):
        return "text"
    if _under(module, PROJECT_MODULES) or module == "coverage_site":
        return "project"
    return module.split(".")[0]


# Which layers each layer may import (besides itself).
ALLOWED = {
    "text": {"text"},
    "articles": {"text", "articles"},
    "claims": {"text", "articles", "claims"},
    "coverage_site": {"text", "articles", "claims", "coverage_site", "project"},
    "project": {"project"},
}


def _product_imports():
    for module in MODULES:
        for name, line, in_function, _ in _imports(module):
            yield module, name, line, in_function


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_module_imports_only_the_layers_below_it(module):
    layer = _layer(module)
    wrong = []
    for name, line, _, _ in _imports(module):
        if not _under(name, PACKAGES):
            if layer == "text" and _under(name, ("django",)):
                wrong.append(f"{module}:{line} imports {name} (text must not import Django)")
            continue
        if _layer(name) not in ALLOWED[layer]:
            wrong.append(f"{module}:{line} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_no_import_hides_in_a_function_except_app_ready():
    """Apps connect their receivers in ``AppConfig.ready``, as Django asks;
    any other function-level import of our own code dodges a cycle."""
    wrong = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) or function.name == "ready":
                continue
            for node in ast.walk(function):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                    [_resolve(module, node)] if isinstance(node, ast.ImportFrom) else [])
                wrong += [f"{module}:{node.lineno} imports {n} inside {function.name}()"
                          for n in names if _under(n, PACKAGES)]
    assert not wrong, "\n".join(wrong)


def test_nothing_catches_import_error():
    wrong = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                caught = ast.unparse(node.type)
                if "ImportError" in caught or "ModuleNotFoundError" in caught:
                    wrong.append(f"{module}:{node.lineno} catches {caught}")
    assert not wrong, "\n".join(wrong)


def test_migrations_import_no_app_module():
    wrong = [
        f"{module}:{line} imports {name}"
        for module, name, line, _ in _product_imports()
        if ".migrations." in module and _under(name, PACKAGES)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_walk_catches_a_wrong_arrow(tmp_path, monkeypatch):
    """The rules above can fail: a text module importing Django, and
    articles importing claims, are both reported."""
    fake = tmp_path / "articles" / "text" / "bad.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("from django.db import models\nfrom claims.models import Claim\n")
    monkeypatch.setitem(MODULES, "articles.text.bad", fake)
    with pytest.raises(AssertionError, match="text must not import Django"):
        test_each_module_imports_only_the_layers_below_it("articles.text.bad")


@pytest.mark.parametrize("folder", [ROOT, ROOT / "benchmarks"], ids=["project", "benchmarks"])
def test_no_script_folder_shadows_the_standard_library(folder):
    # A script run as ``python benchmarks/x.py`` (or ``manage.py``) has its own
    # folder first on sys.path, so a sibling named like a standard module
    # replaces that module for everything the script imports.
    names = {p.stem for p in folder.glob("*.py")} | {p.name for p in folder.iterdir() if (p / "__init__.py").exists()}
    assert not names & sys.stdlib_module_names
