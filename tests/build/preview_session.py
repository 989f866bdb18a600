"""A `make serve` session without the web server, for tests/build/test_incremental.py.

    python tests/build/preview_session.py PROJECT SITE STEPS.json

Builds PROJECT (a copy of the portal) into SITE as `mkdocs serve --dirty` does in preview mode (one
process, the same hooks, a thread beside the build as the server has), then for each step writes or
deletes the files it names and builds again. A step {"snapshot": NAME} copies the site to SITE-NAME and
the project's docs/ and data/ to PROJECT-NAME, for a fresh build of the same files. Prints one JSON
line per build: the seconds it took and the pages it wrote.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import threading
import time
from pathlib import Path


def main() -> int:
    project, site, steps_file = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    os.chdir(project)
    # mkdocs-static-i18n builds the other languages dirty only when it sees --dirty on the command line.
    sys.argv.append("--dirty")
    sys.path.insert(0, str(project / "hooks"))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # mkdocs serve runs a server thread beside its builds (the build then does not fork).
    threading.Thread(target=time.sleep, args=(3600,), daemon=True).start()
    serve_url = "http://127.0.0.1:8000/"

    def build_once() -> None:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.site_url = serve_url
        started = time.perf_counter()
        from portal.build.incremental import SESSION
        try:
            build(config, serve_url=serve_url, dirty=True)
        except Exception as error:  # noqa: BLE001 - mkdocs serve, too, reports a failed build and goes on
            print(json.dumps({"failed": f"{type(error).__name__}: {error}"}), flush=True)
            return
        print(json.dumps({"seconds": round(time.perf_counter() - started, 3),
                          "written": sorted(os.path.relpath(p, site) for p in SESSION.renders.rendered)}), flush=True)

    first = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    first.plugins.on_startup(command="serve", dirty=True)
    build_once()
    for step in json.loads(steps_file.read_text(encoding="utf-8")):
        if isinstance(step, dict):
            shutil.copytree(site, f"{site}-{step['snapshot']}")
            shutil.copytree(project, f"{project}-{step['snapshot']}", ignore=shutil.ignore_patterns("__pycache__"))
            continue
        for change in step:
            path = project / change["path"]
            if change.get("delete"):
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(change["text"], encoding="utf-8")
        build_once()
    return 0


if __name__ == "__main__":
    sys.exit(main())
