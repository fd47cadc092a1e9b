"""URL map: the admin for editors, the language switch, the open-data API and the web pages."""

from django.contrib import admin
from django.urls import include, path, re_path

from practicehub.api.api import api
from practicehub.api.errors import api_not_found

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("practicehub.web.urls")),
]
