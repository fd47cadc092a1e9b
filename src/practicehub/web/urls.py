from django.urls import path

from practicehub.web import views

app_name = "web"

urlpatterns = [
    path("", views.search, name="search"),
    path("records/<str:record_id>", views.record_detail, name="record"),
    path("records/<str:record_id>/original", views.record_original, name="record_original"),
    path("organisations/<str:organisation_id>", views.organisation_detail, name="organisation"),
    path("about", views.about, name="about"),
    path("export", views.export, name="export"),
]
