"""Security headers on every response: a strict Content-Security-Policy and its companions.

The pages use no inline script or style, so the policy allows scripts and styles from our own
origin only. A view that needs another policy (the API's interactive docs, an original
document served for download) sets its own header and this middleware leaves it alone.
Django's own middleware already sends nosniff, X-Frame-Options and Referrer-Policy; they are
set here too so no setting can turn them off by accident.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

PAGE_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# The admin's templates and the API's Swagger page carry a few style attributes; scripts stay
# as strict as everywhere.
RELAXED_STYLE_POLICY = PAGE_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
RELAXED_STYLE_PATHS = ("/admin/", "/api/docs")


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            relaxed = request.path.startswith(RELAXED_STYLE_PATHS)
            response["Content-Security-Policy"] = RELAXED_STYLE_POLICY if relaxed else PAGE_POLICY
        response.setdefault("X-Content-Type-Options", "nosniff")
        response.setdefault("X-Frame-Options", "DENY")
        response.setdefault("Referrer-Policy", "same-origin")
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
