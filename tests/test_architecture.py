"""Core knows nothing of Textual; the CLI parses before importing it."""

import subprocess
import sys

from tests.conftest import ROOT


def test_core_does_not_import_textual():
    code = (
        "import pkgutil, importlib, sys, reader.core\n"
        "mods = [m.name for m in pkgutil.walk_packages(reader.core.__path__, 'reader.core.')]\n"
        "for name in mods:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "print(len(mods), bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(ROOT))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    count = int(proc.stdout.split()[0])
    assert count >= 15  # every core module was imported


def test_help_does_not_import_textual():
    code = (
        "import sys\nfrom reader.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "sys.exit(1 if 'textual' in sys.modules else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(ROOT))
    assert proc.returncode == 0, proc.stderr
    assert "annotate" in proc.stdout and "suggest" in proc.stdout


def test_the_repository_holds_only_the_projects_own_top_level_files():
    """Two files a manual try left at the top ("doc\\376.txt", "doc\\377.txt") were committed."""
    root = ROOT
    if not (root / ".git").exists():
        return  # an unpacked copy: nothing committed to check
    listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=True).stdout
    top = {name.split(b"/")[0].decode("utf-8", "replace") for name in listed.split(b"\0") if name}
    assert top <= {".ci", ".gitignore", "README.md", "pyproject.toml", "reader", "articles", "tests", "bench", "docs"}, top
