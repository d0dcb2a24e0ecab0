"""The ``dxclean`` command line (click).

Exit codes: 0 every input processed; 1 some inputs went to errors.jsonl;
2 usage errors (bad options, unknown steps, OUT not empty without --force).
"""

from __future__ import annotations

import json
import sys
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
    if value is None:
        return None
    return [s.strip() for s in value.split(",") if s.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dxclean")
def cli() -> None:
    """Clean scraped web text into canonical documents and find near-duplicates."""


@cli.command()
@click.argument("in_path", metavar="IN", type=click.Path(exists=True, path_type=Path))
@click.argument("out_path", metavar="OUT", type=click.Path(path_type=Path))
@click.option("--steps", help="Comma-separated steps to run, in order (see `dxclean steps`).")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), help="TOML config file.")
@click.option("--workers", type=click.IntRange(min=0), help="Worker processes (default: one per core).")
@click.option("--engine", type=click.Choice(["local", "ray"]), help="Execution engine (default: local).")
@click.option("--ray-address", help="Ray cluster address (default: $RAY_ADDRESS or a local Ray).")
@click.option("--format", "input_format", type=click.Choice(["auto", "text", "jsonl", "html"]), help="Input format (default: by file extension).")
@click.option("--cross-doc", type=click.Choice(["annotate", "drop"]), help="Cross-document duplicates: annotate (default) or drop copies.")
@click.option("--index", "index_dir", type=click.Path(file_okay=False), help="Persistent dedup index folder (dedup against earlier runs).")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0), help="Dedup Jaccard threshold (default 0.8).")
@click.option("--text-mirror/--no-text-mirror", default=None,
              help="Write OUT/text/, a file per document (default: for inputs that are files, not for JSONL records).")
@click.option("--report", is_flag=True, help="Also write OUT/report/index.html.")
@click.option("--force", is_flag=True, help="Replace the output of an earlier run in OUT.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def run(in_path: Path, out_path: Path, steps: str | None, config_file: str | None, workers: int | None, engine: str | None,
        ray_address: str | None, input_format: str | None, cross_doc: str | None, index_dir: str | None,
        threshold: float | None, text_mirror: bool | None, report: bool, force: bool, quiet: bool) -> None:
    """Clean every document under IN (a folder or a file) into OUT."""
    from .progress import RunProgress
    from .runner import run as run_corpus
    from .steps.base import MissingDependency
    from .steps.registry import UnknownStep
    from .writers import OutputExists

    config = _config(config_file, {
        "steps": _steps_option(steps), "workers": workers, "engine": engine, "ray_address": ray_address,
        "input_format": input_format, "dedup.cross_doc": cross_doc, "dedup.index": index_dir,
        "dedup.threshold": threshold, "text_mirror": text_mirror,
    })
    try:
        with RunProgress(quiet) as progress:
            summary = run_corpus(in_path, out_path, config, force=force, progress=progress)
    except (UnknownStep, MissingDependency, OutputExists, ValueError, FileNotFoundError) as exc:
        raise UsageError(str(exc)) from exc
    if report:
        from .report import build_report

        build_report(out_path)
    if not quiet:
        click.echo(f"dxclean: {summary.one_line()} -> {out_path}", err=True)
    sys.exit(summary.exit_code)


@cli.command()
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


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--steps", help="Comma-separated steps to run (default pipeline otherwise).")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), help="TOML config file.")
@click.option("--record", type=click.IntRange(min=1), default=1, show_default=True, help="For JSONL: which record (1-based).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
def explain(file: Path, steps: str | None, config_file: str | None, record: int, as_json: bool) -> None:
    """Show every block of one document with its label, step and reason."""
    from .explain import explain_file, print_explanation

    config = _config(config_file, {"steps": _steps_option(steps), "workers": 1})
    try:
        doc = explain_file(file, config, record=record)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    print_explanation(doc, as_json=as_json)


@cli.command()
@click.argument("out_path", metavar="OUT", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--page-size", type=click.IntRange(min=1), default=500, show_default=True, help="Documents per ranking page.")
def report(out_path: Path, page_size: int) -> None:
    """Write OUT/report/index.html for the output of an earlier run."""
    from .report import build_report

    if not (out_path / "documents.jsonl").exists():
        raise UsageError(f"{out_path} holds no documents.jsonl: run `dxclean run IN {out_path}` first")
    index = build_report(out_path, page_size=page_size)
    click.echo(str(index))


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a documents.jsonl record."""
    from .schema import document_schema

    click.echo(json.dumps(document_schema(), indent=2, ensure_ascii=False))


def main() -> None:
    cli()
