"""URL map: the admin for editors; the web pages and the API join here as they land."""

from django.contrib import admin
from django.urls import path, re_path

from practicehub.api.api import api
from practicehub.api.errors import api_not_found

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
]
