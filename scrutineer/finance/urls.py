from django.urls import path

from . import views

app_name = "finance"

urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.import_file, name="import"),
    path("<slug:portfolio>/<str:period>/budget/", views.budget, name="budget"),
    path("<slug:portfolio>/<str:period>/budget/lines/", views.budget_lines, name="budget_lines"),
    path("<slug:portfolio>/<str:period>/capital/", views.capital, name="capital"),
    path("<slug:portfolio>/<str:period>/data-quality/", views.data_quality, name="data_quality"),
]
