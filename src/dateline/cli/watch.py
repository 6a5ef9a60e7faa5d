"""``dateline watch``: poll feeds, URLs and folders into a store."""

from __future__ import annotations

import click

from dateline.cli.common import db_option, err, friendly, out, runner_options, runner_settings
from dateline.cli.ingest import print_failures
from dateline.config import Config
from dateline.watch import Watch, on_signals, parse_every


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@db_option
@click.option("--every", default="15m", show_default=True, help="Time between polls: 30s, 15m, 2h.")
@click.option("--once", is_flag=True, help="Poll once and exit (for cron).")
@click.option(
    "--urls", "url_lists", multiple=True, type=click.Path(),
    help="A file of URLs to poll, one a line; repeatable.",
)  # fmt: skip
@click.option("--max-polls", type=click.IntRange(min=1), help="Stop after this many polls.")
@runner_options
@friendly
def watch(
    inputs: tuple[str, ...],
    db: str,
    every: str,
    once: bool,
    url_lists: tuple[str, ...],
    max_polls: int | None,
    workers: int | None,
    runner: str | None,
    scheduler: str | None,
) -> None:
    """Poll feeds, URLs and folders; store what is new or changed; one line per poll.

    Ctrl-C or SIGTERM stops after the batch being stored (nothing is half-stored).
    """
    config = Config(db=db, **runner_settings(workers, runner, scheduler))
    watcher = Watch(inputs, config=config, every=parse_every(every), url_lists=url_lists)
    restore = on_signals(watcher)
    try:
        for poll in watcher.run(once=once, max_polls=max_polls):
            out.print(poll.line(), markup=False)
            print_failures(poll.report.failures, more=poll.report.more_failures)
            for w in poll.report.warnings:
                err.print(f"  warning: {w}", markup=False)
    finally:
        restore()
