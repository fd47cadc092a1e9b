"""Cross-origin reading of the open-data API: any site may GET it from a browser.

Only ``/api/`` and only reading (GET, HEAD, OPTIONS); the API has no cookies-based writes, so an
open origin exposes nothing a plain HTTP client could not fetch already.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

_PREFIX = "/api/"
_METHODS = "GET, HEAD, OPTIONS"


class ApiCorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            # A preflight: answer it here, the views only know GET.
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = _METHODS
            response["Access-Control-Allow-Headers"] = request.headers.get(
                "Access-Control-Request-Headers", "Accept"
            )
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "Content-Disposition"
        return response
