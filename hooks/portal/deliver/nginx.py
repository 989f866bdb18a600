"""The nginx configuration: rendered from deploy/nginx/portal.conf.in for production or loopback.

    python -m portal.deliver.nginx --server-name kunskapsportal.example.se --root /srv/kunskapsportal/site \\
        --tls-cert /etc/letsencrypt/live/kunskapsportal.example.se/fullchain.pem \\
        --tls-key /etc/letsencrypt/live/kunskapsportal.example.se/privkey.pem > /etc/nginx/sites-available/kunskapsportal

Tests and the benchmark start the same configuration on 127.0.0.1 with `running()`.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..content.datafiles import ROOT
from .delivery import COMMON_HEADERS
from ..content.ports import free_port

TEMPLATE = ROOT / "deploy" / "nginx" / "portal.conf.in"
EXAMPLE = ROOT / "deploy" / "nginx" / "portal.conf"
EXAMPLE_NAME = "kunskapsportal.example.se"
EXAMPLE_ROOT = "/srv/kunskapsportal/site"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = "/etc/nginx/mime.types"


def security_headers(indent: str = "    ") -> str:
    """The add_header lines every response of every server carries, errors included (`always`):
    the CSP and X-Frame-Options of the kind of page (maps in the template and in the build's
    .deploy/nginx-http.conf), then delivery.COMMON_HEADERS."""
    lines = ["add_header Content-Security-Policy $portal_csp always;",
             "add_header X-Frame-Options $portal_x_frame_options always;"]
    lines += [f'add_header {name} "{value}" always;' for name, value in COMMON_HEADERS.items()]
    return "\n".join(indent + line for line in lines)


def _fill(template: str, listen: str, server_name: str, root: str) -> str:
    for value in (server_name, root):
        if any(c in value for c in ' ;{}"\'$\n'):
            raise ValueError(f"{value!r} cannot go into the nginx configuration unquoted")
    return (template.replace("@@LISTEN@@", listen.rstrip("\n"))
                    .replace("@@SECURITY_HEADERS@@", security_headers())
                    .replace("@@SERVER_NAME@@", server_name)
                    .replace("@@ROOT@@", root.rstrip("/")))


def render(listen: str, server_name: str, root: str | Path, template: Path = TEMPLATE) -> str:
    """The http-context configuration with the placeholders filled in."""
    return _fill(template.read_text(encoding="utf-8"), listen, server_name, str(root))


def production(server_name: str = EXAMPLE_NAME, root: str = EXAMPLE_ROOT, tls_cert: str | None = None,
               tls_key: str | None = None) -> str:
    """HTTPS on 443 (HTTP/2, HSTS) and a port-80 server that only redirects to it."""
    cert = tls_cert or f"/etc/letsencrypt/live/{server_name}/fullchain.pem"
    key = tls_key or f"/etc/letsencrypt/live/{server_name}/privkey.pem"
    listen = "\n".join([
        "    listen 443 ssl http2;",
        "    listen [::]:443 ssl http2;",
        f"    ssl_certificate {cert};",
        f"    ssl_certificate_key {key};",
        "    ssl_protocols TLSv1.2 TLSv1.3;",
        "    ssl_session_cache shared:portal_tls:10m;",
        "    # Browsers use HTTPS only for the next two years (the header is ignored over plain HTTP).",
        '    add_header Strict-Transport-Security "max-age=63072000" always;',
    ])
    redirect = ("\n# Plain HTTP only sends the reader to HTTPS, with the same headers as every other response.\n"
                "server {\n    listen 80;\n    listen [::]:80;\n"
                f"    server_name {server_name};\n    server_tokens off;\n"
                f"{security_headers()}\n"
                "    return 301 https://$host$request_uri;\n}\n")
    return render(listen, server_name, root) + redirect


def loopback(site_dir: Path, port: int, work_dir: Path, workers: int = 1) -> str:
    """A complete nginx.conf that serves site_dir on 127.0.0.1:port, all state kept in work_dir.

    site_dir is used as given (made absolute, not resolved): when it is the symbolic link `make build`
    switches, nginx follows the switch as it does in production."""
    user = ""
    if os.geteuid() == 0:   # as root nginx would run workers as nobody, who cannot read a private temp dir
        user = f"user {pwd.getpwuid(os.getuid()).pw_name};\n"
    temp = "\n".join(f"    {name}_temp_path {work_dir / name};" for name in
                     ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    server = render(f"    listen 127.0.0.1:{port};", "localhost", site_dir.absolute())
    return (f"{user}worker_processes {workers};\npid {work_dir / 'nginx.pid'};\n"
            f"error_log {work_dir / 'error.log'} warn;\n"
            "events { worker_connections 4096; }\n"
            "http {\n"
            f"    include {MIME_TYPES};\n    default_type application/octet-stream;\n"
            f"    access_log off;\n    sendfile on;\n    tcp_nopush on;\n    keepalive_requests 100000;\n{temp}\n"
            + server + "\n}\n")


@dataclass
class Server:
    url: str
    config: Path
    process: subprocess.Popen


def check(config: Path, work_dir: Path) -> subprocess.CompletedProcess:
    """`nginx -t` on a configuration file."""
    return subprocess.run([NGINX, "-t", "-q", "-c", str(config), "-p", str(work_dir), "-e", str(work_dir / "error.log")],
                          capture_output=True, text=True, timeout=60)


@contextlib.contextmanager
def running(site_dir: Path, work_dir: Path, workers: int = 1, port: int | None = None,
            timeout: float = 15.0) -> Iterator[Server]:
    """nginx in the foreground on 127.0.0.1:port (default: a free port); stopped (by its own pid) on exit."""
    work_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    config = work_dir / "nginx.conf"
    config.write_text(loopback(site_dir, port, work_dir, workers), encoding="utf-8")
    tested = check(config, work_dir)
    if tested.returncode != 0:
        raise RuntimeError(f"nginx -t failed:\n{tested.stderr}")
    process = subprocess.Popen([NGINX, "-c", str(config), "-p", str(work_dir), "-e", str(work_dir / "error.log"),
                                "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"nginx exited: {process.stderr.read().decode(errors='replace') if process.stderr else ''}")
            try:
                urllib.request.urlopen(url + "/", timeout=1).close()
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not answer on {url}")
                time.sleep(0.05)
        yield Server(url, config, process)
    finally:
        if process.poll() is None:
            process.terminate()   # SIGTERM to the master we started: it stops its workers
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.deliver.nginx", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server-name", default=EXAMPLE_NAME)
    parser.add_argument("--root", default=EXAMPLE_ROOT, help="absolute path of the published site/ folder")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--write-example", action="store_true", help=f"rewrite {EXAMPLE.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    if not args.root.startswith("/"):
        parser.error("--root must be an absolute path")
    text = production(args.server_name, args.root, args.tls_cert, args.tls_key)
    if args.write_example:
        EXAMPLE.write_text(example_header() + text, encoding="utf-8")
        print(f"wrote {EXAMPLE.relative_to(ROOT)}")
    else:
        sys.stdout.write(text)
    return 0


def example_header() -> str:
    return ("# Rendered production example — regenerate with `python -m portal.deliver.nginx --write-example`\n"
            "# (a test checks it matches deploy/nginx/portal.conf.in). For your server, render your own:\n"
            "#   python -m portal.deliver.nginx --server-name HOST --root /path/to/site > /etc/nginx/sites-available/kunskapsportal\n\n")


def example() -> str:
    return example_header() + production()


if __name__ == "__main__":
    raise SystemExit(main())
