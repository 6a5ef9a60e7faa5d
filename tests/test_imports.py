"""The package has no import circles (module-level imports, TYPE_CHECKING blocks excepted),
and what needs no parse does not load spaCy."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import dateline

SRC = Path(dateline.__file__).resolve().parent.parent


def _modules() -> dict[str, tuple[Path, bool]]:
    mods: dict[str, tuple[Path, bool]] = {}
    for path in (SRC / "dateline").rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        if is_pkg:
            parts = parts[:-1]
        mods[".".join(parts)] = (path, is_pkg)
    return mods


def _imported(name: str, path: Path, is_pkg: bool, mods: dict[str, tuple[Path, bool]]) -> set[str]:
    package = name if is_pkg else name.rpartition(".")[0]
    found: set[str] = set()

    def walk(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                found.add(module)
                found.update(f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in mods)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            else:
                for field in ("body", "orelse", "finalbody", "handlers"):
                    walk(getattr(node, field, []))

    walk(ast.parse(path.read_text(encoding="utf-8")).body)
    edges: set[str] = set()
    for module in found:
        parts = module.split(".")
        if parts[0] != "dateline":
            continue
        # importing a.b.c runs a.b's __init__ too; the top package is always being imported
        for i in range(2, len(parts) + 1):
            target = ".".join(parts[:i])
            if target in mods and target != name and not name.startswith(target + "."):
                edges.add(target)
    return edges


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_circles() -> None:
    mods = _modules()
    graph = {name: _imported(name, path, is_pkg, mods) for name, (path, is_pkg) in mods.items()}
    assert _cycles(graph) == []


def test_a_circle_is_found() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_commands_that_need_no_model_do_not_import_spacy(sample_db):
    # The CLI module (every command's options) and a search, a quote list and a
    # timeline over a store read no parse: spaCy stays unloaded.
    code = (
        "import sys\n"
        "import dateline.cli\n"
        "from dateline import api\n"
        "from dateline.config import Config\n"
        f"cfg = Config(db={str(sample_db)!r})\n"
        "assert 'spacy' not in sys.modules, 'imported by dateline.cli'\n"
        "api.search('treaty', config=cfg)\n"
        "api.quotes(speaker='Abe', config=cfg)\n"
        "api.timeline('peace treaty', config=cfg)\n"
        "print('spacy' in sys.modules)\n"
    )
    from tests.cli.helpers import cli_env

    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=300, env=cli_env())  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"


def test_the_cli_loads_no_reader_client_or_numpy():
    # `dateline --help` must start in well under half a second: the HTML stack, the
    # HTTP client, NumPy (fingerprints) and the feed parser load only when ingesting.
    heavy = ("spacy", "numpy", "httpx", "trafilatura", "lxml", "feedparser", "dateline.ingest.web")
    code = (
        "import sys\n"
        "import dateline.cli\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_the_ingest_names_are_still_there():
    import dateline.api

    assert dateline.ingest is dateline.api.ingest and callable(dateline.api.story_options)
    assert dateline.IngestReport.__name__ == "IngestReport"


def test_the_stop_words_are_spacys():
    from spacy.lang.en.stop_words import STOP_WORDS

    from dateline.stopwords import STOP_WORDS as ours

    assert ours == frozenset(STOP_WORDS) and "’s" in ours
