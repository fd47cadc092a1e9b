"""URL map: the admin for editors, the language switch, the web pages; the API joins here."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("practicehub.web.urls")),
]
