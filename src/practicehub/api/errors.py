"""Errors as JSON: ``{"status": ..., "detail": "..."}`` with the status a client can act on.

A parameter that does not validate (a page that is not a number, an unknown sort) is the
client's mistake like an unknown filter value, so it is a 400 with the parameter named, not
django-ninja's default 422 with a pydantic error list.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError


def error_response(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"status": status, "detail": detail}, status=status)


def _describe(error: dict) -> str:
    # loc is ("query", "page") for a query parameter; the first part says where, not what.
    where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"
    return f"{where}: {error.get('msg', 'invalid value')}"


def errors_install(api: NinjaAPI) -> None:
    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return error_response(400, "; ".join(_describe(e) for e in exc.errors))

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error_response(exc.status_code, str(exc))

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(404, str(exc) or "not found")

    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)


def api_not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/: a JSON 404 rather than the site's HTML page."""
    return error_response(404, f"no such API endpoint: {request.path}")
