"""``practicehub serve``: the site and the API behind a production WSGI server.

Waitress (pure Python, runs the same on Linux, macOS and Windows) serves the Django application;
static files are collected first and served by WhiteNoise from the data folder, compressed and
with far-future cache headers. Behind a reverse proxy, set ``ALLOWED_HOSTS`` and
``CSRF_TRUSTED_ORIGINS``.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Run the web site and the API with a production WSGI server (waitress); static files "
        "are collected first and served by WhiteNoise.\n\n"
        "Example: practicehub serve --host 0.0.0.0 --port 8000"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on")
        parser.add_argument("--threads", type=int, default=8, help="requests served at once")

    def handle(self, *args, host: str, port: int, threads: int, **options) -> None:
        from waitress.server import create_server

        call_command("collectstatic", interactive=False, verbosity=0)
        # Only now: WhiteNoise lists the collected files when the application is made.
        from practicehub.wsgi import application

        shown = "localhost" if host in {"0.0.0.0", "::"} else host
        shown = f"[{shown}]" if ":" in shown else shown
        address = f"http://{shown}:{port}/"
        if shown.strip("[]") not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
            self.stderr.write(
                f"warning: {shown} is not in ALLOWED_HOSTS ({', '.join(settings.ALLOWED_HOSTS)});"
                " requests for it will be refused"
            )
        self.stderr.write("Loading the search index ...")  # stdout's first line: the address
        from practicehub.search.services import search_warm

        search_warm()
        # The server is listening once it is created: the address printed is ready for use.
        server = create_server(application, host=host, port=port, threads=threads)
        self.stdout.write(
            f"Practice Hub is running at {address} (API docs at {address}api/docs); "
            "press Ctrl+C to stop."
        )
        sys.stdout.flush()
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            server.close()
