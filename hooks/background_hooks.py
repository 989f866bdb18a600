"""MkDocs adapter for portal.build.background: start the jobs other hooks queue in on_files and on_env,
run those that could not go to another process once the language's pages are written; delivery_hooks
waits for all of them before the build's last step, which scans every file."""
from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from portal.build import background


@event_priority(1000)  # before any hook queues a job
def on_pre_build(config: MkDocsConfig) -> None:
    background.forget_unstarted()


@event_priority(-500)  # after every hook that submits a job in on_files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    background.launch()
    return files


@event_priority(-500)  # after every hook that submits a job in on_env
def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    background.launch()
    return env


@event_priority(50)  # before mkdocs-static-i18n (-100) builds the next language with another configuration
def on_post_build(config: MkDocsConfig) -> None:
    """The jobs that did not go to another process run now, once this language's pages are written; the
    others are waited for at the end of the build (delivery_hooks)."""
    background.run_deferred()
