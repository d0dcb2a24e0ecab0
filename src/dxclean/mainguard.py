"""Is ``dxclean.run`` called from the top level of a script without a main guard?

The local engine starts its worker processes with ``forkserver``, which imports the
script that started the run (``__main__``) again in each worker. Called without an
``if __name__ == "__main__":`` guard, the call runs again there, and every worker dies
while starting. :func:`unguarded_main_call` finds that case in the parent, before any
worker exists, so the run can stay in-process; :func:`in_worker_bootstrap` is the
safety net inside a worker that is importing the script anyway.

>>> unguarded_main_call()  # doctests do not run as a script's top level
False
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from types import FrameType


def unguarded_main_call() -> bool:
    """True when the caller runs, directly or through functions, from the top-level code
    of the ``__main__`` script, outside an ``if __name__ == "__main__":`` block."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or not path:
        return False  # an interactive session, ``python -c``, stdin: nothing is re-imported
    spec_name = getattr(getattr(main, "__spec__", None), "name", "") or ""
    if spec_name == "__main__" or spec_name.endswith(".__main__"):
        return False  # ``python -m package``: multiprocessing never re-imports a __main__ module
    line = _top_level_line(sys._getframe(1), main.__dict__)
    if line is None:
        return False  # the script has finished its top level (a callback, a thread...)
    try:
        tree = ast.parse(Path(path).read_bytes())
    except (OSError, SyntaxError, ValueError):
        return True  # cannot tell: the safe answer
    return not any(
        node.body[0].lineno <= line <= (node.body[-1].end_lineno or line)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _is_main_test(node.test)
    )


def in_worker_bootstrap() -> bool:
    """True while a process of ``multiprocessing`` (a worker, the forkserver) runs the top
    level of the parent's script, which it imports as ``__mp_main__``."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "<module>" and frame.f_globals.get("__name__") == "__mp_main__":
            return True
        frame = frame.f_back
    return False


def _top_level_line(frame: FrameType | None, main_globals: dict) -> int | None:
    line = None
    while frame is not None:
        if frame.f_globals is main_globals and frame.f_code.co_name == "<module>":
            line = frame.f_lineno
        frame = frame.f_back
    return line


def _is_main_test(test: ast.expr) -> bool:
    """``__name__ == "__main__"`` (either way round)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s.id for s in sides if isinstance(s, ast.Name)]
    values = [s.value for s in sides if isinstance(s, ast.Constant)]
    return names == ["__name__"] and values == ["__main__"]
