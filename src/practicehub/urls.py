"""URL map: the admin for editors; the web pages and the API join here as they land."""

from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("admin/", admin.site.urls),
]
