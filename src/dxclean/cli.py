"""The ``dxclean`` command line (click).

Exit codes: 0 every input processed; 1 some inputs went to errors.jsonl; 2 usage
errors and refusals (bad options, unknown steps, steps out of order, OUT not empty
without --force, OUT is IN, IN holds no input, OUT or the index locked by another
run); 3 every input went to errors.jsonl; 4 OUT or the index could not be written;
130 interrupted (Ctrl-C, SIGINT); 143 terminated (SIGTERM). An interrupted run leaves
OUT/.dxclean-partial, which the next run into OUT clears.
"""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from . import __version__
from .config import Config, ConfigError


class UsageError(click.ClickException):
    """A user error: printed without a traceback, exit code 2."""

    exit_code = 2


def _config(config_file: str | None, overrides: dict[str, Any]) -> Config:
    try:
        config = Config.from_toml(config_file) if config_file else Config()
        return config.with_overrides({k: v for k, v in overrides.items() if v is not None})
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc


def _steps_option(value: str | None) -> list[str] | None:
    """``--steps``: names separated by commas; ``none`` runs no step (read and write only)."""
    if value is None:
        return None
    if value.strip().lower() == "none":
        return []
    steps = [s.strip() for s in value.split(",") if s.strip()]
    if not steps:
        from .steps.registry import STEP_PATHS

        raise UsageError(f"--steps is empty: give steps in this order: {','.join(STEP_PATHS)} "
                         "(any of them may be left out), or `none` to only read and write")
    return steps


def _languages_option(value: str | None) -> list[str] | None:
    if value is None:
        return None
    codes = [c.strip().lower() for c in value.split(",") if c.strip()]
    if not codes or not all(c.isalpha() and len(c) == 2 for c in codes):
        raise UsageError(f"--languages takes ISO 639-1 codes separated by commas, such as vi,en (got {value!r})")
    return codes


class Terminated(BaseException):
    """Raised by the SIGTERM handler that :func:`main` installs."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


class _Group(click.Group):
    """Turns an interrupt into exit 130 (SIGINT) or 143 (SIGTERM) with one line, for every command."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (KeyboardInterrupt, Terminated) as exc:
            code = 130 if isinstance(exc, KeyboardInterrupt) else 143
            click.echo(f"\ndxclean: {'interrupted' if code == 130 else 'terminated'}; a run cut short leaves "
                       "OUT/.dxclean-partial, which the next run into the same OUT clears", err=True)
            raise click.exceptions.Exit(code) from None


def _examples(*lines: str) -> str:
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=_examples(
    "dxclean run seeds/ out/", "dxclean explain seeds/003_6fb6fe81f11c8a04.txt", "dxclean report out/",
    "",
    "Shell completion (bash; zsh and fish alike, see README):",
    '  eval "$(_DXCLEAN_COMPLETE=bash_source dxclean)"'))
@click.version_option(__version__, "-V", "--version", prog_name="dxclean")
def cli() -> None:
    """Clean scraped web text into canonical documents and find near-duplicates.

    Exit codes: 0 ok; 1 some inputs failed (errors.jsonl); 2 usage error or refused;
    3 every input failed; 4 output not written (disk full, read-only); 130 interrupted;
    143 terminated.
    """


@cli.command(epilog=_examples(
    "dxclean run seeds/ out/",
    "dxclean run data/ out/ --force --workers 4 --report",
    "dxclean run news.jsonl.gz out/ --cross-doc drop --min-words 20 --languages vi,en",
    "dxclean run data/ out/ --config dx.toml --steps encoding,chrome,metadata"))
@click.argument("in_path", metavar="IN", type=click.Path(exists=True, path_type=Path))
@click.argument("out_path", metavar="OUT", type=click.Path(path_type=Path))
@click.option("--steps", help="Comma-separated steps to run, in their order (see `dxclean steps`); `none`: no step.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), help="TOML config file.")
@click.option("--workers", type=click.IntRange(min=0), help="Worker processes (default: one per core).")
@click.option("--engine", type=click.Choice(["local", "ray"]), help="Execution engine (default: local).")
@click.option("--ray-address", help="Ray cluster address (default: $RAY_ADDRESS or a local Ray).")
@click.option("--format", "input_format", type=click.Choice(["auto", "text", "jsonl", "html"]), help="Input format (default: by file extension).")
@click.option("--cross-doc", type=click.Choice(["annotate", "drop"]), help="Cross-document duplicates: annotate (default) or drop copies.")
@click.option("--index", "index_dir", type=click.Path(file_okay=False), help="Persistent dedup index folder (dedup against earlier runs).")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0, min_open=True), help="Dedup Jaccard threshold, in (0,1] (default 0.8).")
@click.option("--min-words", type=click.IntRange(min=0), help="Leave out documents whose body has fewer words (default 0: no floor).")
@click.option("--min-chars", type=click.IntRange(min=0), help="Leave out documents whose body has fewer characters (default 0: no floor).")
@click.option("--languages", help="Keep only documents in these languages (ISO 639-1, e.g. vi,en).")
@click.option("--text-mirror/--no-text-mirror", default=None,
              help="Write OUT/text/, a file per document (default: for inputs that are files, not for JSONL records).")
@click.option("--follow-symlinks", is_flag=True, help="Read files reached through symbolic links that leave IN (refused by default).")
@click.option("--report", is_flag=True, help="Also write OUT/report/index.html.")
@click.option("--force", is_flag=True, help="Replace the output of an earlier run in OUT.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def run(in_path: Path, out_path: Path, steps: str | None, config_file: str | None, workers: int | None, engine: str | None,
        ray_address: str | None, input_format: str | None, cross_doc: str | None, index_dir: str | None,
        threshold: float | None, min_words: int | None, min_chars: int | None, languages: str | None,
        text_mirror: bool | None, follow_symlinks: bool, report: bool, force: bool, quiet: bool) -> None:
    """Clean every document under IN (a folder or a file) into OUT."""
    from .progress import RunProgress
    from .runner import RunFailed, run as run_corpus
    from .steps.base import MissingDependency
    from .steps.registry import UnknownStep
    from .writers import OutputExists

    config = _config(config_file, {
        "steps": _steps_option(steps), "workers": workers, "engine": engine, "ray_address": ray_address,
        "input_format": input_format, "dedup.cross_doc": cross_doc, "dedup.index": index_dir,
        "dedup.threshold": threshold, "text_mirror": text_mirror,
        "follow_symlinks": True if follow_symlinks else None,
        "filter.min_words": min_words, "filter.min_chars": min_chars, "filter.languages": _languages_option(languages),
    })
    try:
        with _writing(), RunProgress(quiet) as progress:
            summary = run_corpus(in_path, out_path, config, force=force, progress=progress)
    except (UnknownStep, MissingDependency, OutputExists, ValueError, FileNotFoundError) as exc:
        raise UsageError(str(exc)) from exc
    except RunFailed as exc:
        click.echo(f"dxclean: {exc}", err=True)
        sys.exit(exc.summary.exit_code)
    if report:
        from .report import build_report

        with _writing():
            build_report(out_path)
    if not quiet:
        click.echo(f"dxclean: {summary.one_line()} -> {out_path}", err=True)
    sys.exit(summary.exit_code)


@cli.command(epilog=_examples("dxclean steps"))
def steps() -> None:
    """List the available steps with a one-line description each."""
    from .config import DEFAULT_STEPS
    from .steps.registry import STEP_PATHS, UnknownStep, step_class

    for name in STEP_PATHS:
        try:
            cls = step_class(name)
            kind = "corpus" if cls.corpus_level else "document"
            description = cls.description
        except UnknownStep as exc:
            kind, description = "unavailable", f"cannot be imported: {exc}"
        default = "default" if name in DEFAULT_STEPS else ""
        click.echo(f"{name:<10} {kind:<9} {default:<8} {description}")


@cli.command(epilog=_examples(
    "dxclean explain seeds/003_6fb6fe81f11c8a04.txt",
    "dxclean explain news.jsonl --record 12 --json",
    "dxclean explain news.jsonl --id article-0042"))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--steps", help="Comma-separated steps to run (default pipeline otherwise).")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), help="TOML config file.")
@click.option("--record", type=click.IntRange(min=1), help="For JSONL: which record (1-based; default 1).")
@click.option("--id", "doc_id", help="For JSONL: the record with this id (its `id` in documents.jsonl).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
def explain(file: Path, steps: str | None, config_file: str | None, record: int | None, doc_id: str | None, as_json: bool) -> None:
    """Show every block of one document with its label, step and reason."""
    from .explain import NoSuchRecord, explain_file, print_explanation

    if record is not None and doc_id is not None:
        raise UsageError("give --record or --id, not both")
    config = _config(config_file, {"steps": _steps_option(steps), "workers": 1})
    try:
        doc = explain_file(file, config, record=record or 1, doc_id=doc_id)
    except NoSuchRecord as exc:
        raise UsageError(str(exc)) from exc
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    print_explanation(doc, as_json=as_json)


@cli.command(epilog=_examples("dxclean report out/", "dxclean report out/ --page-size 200"))
@click.argument("out_path", metavar="OUT", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--page-size", type=click.IntRange(min=1), default=500, show_default=True, help="Documents per ranking page.")
def report(out_path: Path, page_size: int) -> None:
    """Write OUT/report/index.html for the output of an earlier run."""
    from .report import build_report

    if not (out_path / "documents.jsonl").exists():
        raise UsageError(f"{out_path} holds no documents.jsonl: run `dxclean run IN {out_path}` first")
    with _writing():
        index = build_report(out_path, page_size=page_size)
    click.echo(str(index))


@contextmanager
def _writing() -> Iterator[None]:
    """Around work that locks and writes OUT (or the index): a lock held by another run is a
    usage error (exit 2); a folder that cannot be written (disk full, read-only) is one
    line and exit 4."""
    from .writers.guard import OutputNotWritten
    from .writers.lock import LockHeld

    try:
        yield
    except LockHeld as exc:
        raise UsageError(str(exc)) from exc
    except OutputNotWritten as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)


@cli.command(epilog=_examples("dxclean schema > document.schema.json"))
def schema() -> None:
    """Print the JSON Schema of a documents.jsonl record."""
    from .schema import document_schema

    click.echo(json.dumps(document_schema(), indent=2, ensure_ascii=False))


def main() -> None:
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started with SIGINT ignored
    signal.signal(signal.SIGTERM, _terminate)
    cli()
