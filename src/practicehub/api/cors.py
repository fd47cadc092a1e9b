"""Reading the open-data API from anywhere: CORS for any origin, and HEAD beside GET.

Only ``/api/`` and only reading (GET, HEAD, OPTIONS); the API has no cookie-based writes, so an
open origin exposes nothing a plain HTTP client could not fetch already. django-ninja answers
GET only, so a HEAD request is run as a GET and sent without its body.
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
        elif request.method == "HEAD":
            request.method = "GET"
            response = _without_body(self.get_response(request))
        else:
            response = self.get_response(request)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "Content-Disposition"
        return response


def _without_body(response: HttpResponse) -> HttpResponse:
    if not response.streaming:
        response["Content-Length"] = str(len(response.content))
        response.content = b""
        return response
    # A file download: the same headers, no bytes.
    headless = HttpResponse(status=response.status_code)
    for name, value in response.items():
        headless[name] = value
    response.close()
    return headless
