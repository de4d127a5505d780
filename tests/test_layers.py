"""Imports point down: the public site (coverage_site) sits above the
articles and claims apps, which never import it; a migration imports no
module of the project, so refactoring one cannot break ``migrate``."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PACKAGES = {"articles", "claims", "coverage_site"}


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it (function bodies too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules(package: str, *, migrations: bool):
    for path in sorted((ROOT / package).rglob("*.py")):
        if ("migrations" in path.parts) == migrations:
            yield path


@pytest.mark.parametrize("package", ["articles", "claims"])
def test_the_apps_never_import_the_public_site(package):
    offenders = {
        str(path.relative_to(ROOT)): sorted(n for n in imported(path) if n.split(".")[0] == "coverage_site")
        for path in modules(package, migrations=False)
    }
    assert not {k: v for k, v in offenders.items() if v}


@pytest.mark.parametrize("package", ["articles", "claims"])
def test_migrations_import_no_module_of_the_project(package):
    offenders = {
        str(path.relative_to(ROOT)): sorted(n for n in imported(path) if n.split(".")[0] in PROJECT_PACKAGES)
        for path in modules(package, migrations=True)
    }
    assert not {k: v for k, v in offenders.items() if v}


def test_the_layer_test_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from coverage_site import views\n", encoding="utf-8")
    assert "coverage_site" in imported(module)
