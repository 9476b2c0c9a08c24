from django.urls import path

from . import views

app_name = "importers"

urlpatterns = [
    path("plans/", views.plan_upload, name="plan_upload"),
    path("plans/<int:pk>/", views.plan_preview, name="plan_preview"),
]
