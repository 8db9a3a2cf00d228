"""Run every benchmark: each `benchmarks/*.py` module that defines `main()`, one after another.

    python -m benchmarks.run_all [NAME ...]     (e.g. `python -m benchmarks.run_all soak`)

Each prints its own table; copy the figures into docs/benchmarks.md with the date and machine.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import time
from pathlib import Path

# Helper modules, not benchmarks; and this runner itself.
_NOT_BENCHMARKS = {"run_all", "local_servers", "workload"}


def benchmark_modules() -> list[str]:
    here = Path(__file__).resolve().parent
    names = []
    for info in sorted(pkgutil.iter_modules([str(here)]), key=lambda m: m.name):
        if info.name.startswith("_") or info.name in _NOT_BENCHMARKS:
            continue
        module = importlib.import_module(f"benchmarks.{info.name}")
        if callable(getattr(module, "main", None)):
            names.append(info.name)
    return names


def run_one(module) -> None:
    """Call `module.main` with its defaults, whether or not it takes an argument list."""
    saved = sys.argv
    sys.argv = [module.__name__]  # a main() that parses sys.argv sees no arguments
    try:
        if inspect.signature(module.main).parameters:
            module.main([])
        else:
            module.main()
    finally:
        sys.argv = saved


def main(argv: list[str] | None = None) -> int:
    wanted = list(sys.argv[1:] if argv is None else argv)
    names = benchmark_modules()
    unknown = [n for n in wanted if n not in names]
    if unknown:
        print(f"Error: no benchmark named {', '.join(unknown)} (have: {', '.join(names)})", file=sys.stderr)
        return 1
    for name in wanted or names:
        print(f"\n=== benchmarks.{name} ===", flush=True)
        started = time.monotonic()
        run_one(importlib.import_module(f"benchmarks.{name}"))
        print(f"(benchmarks.{name} took {time.monotonic() - started:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
