"""The open-data API: one django-ninja instance with a router per resource, mounted at /api/.

The interactive docs use the Swagger UI that ships inside django-ninja (``ninja`` is in
INSTALLED_APPS, so its static files are served by us), so they work with no internet.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from practicehub import __version__
from practicehub.api import exports, organisations, records, vocabularies
from practicehub.api.errors import errors_install

# Swagger UI's scripts and styles come from our own static files; it shows inline SVG images.
# The docs carry this policy themselves (the site's security middleware keeps a view's own).
DOCS_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)


def docs_policy(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = DOCS_POLICY
        return response

    return wrapper


api = NinjaAPI(
    title="Practice Hub open-data API",
    version=__version__,
    description=(
        "Read-only access to the published projects and good practices of the catalogue, the "
        "registry of organisations behind them and the controlled vocabularies. Records are "
        "returned in the exchange format of `record.schema.json`. Errors are JSON "
        '(`{"status": 400, "detail": "unknown theme: xyz"}`). Any origin may read (CORS).'
    ),
    urls_namespace="api",
    docs=Swagger(settings={"tryItOutEnabled": True}),
    docs_url="/docs",
    docs_decorator=docs_policy,
    openapi_url="/openapi.json",
)
errors_install(api)
for module in (records, organisations, vocabularies, exports):
    api.add_router("", module.router)
