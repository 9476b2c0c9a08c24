from django.urls import path

from scrutineer.indicators import urls as indicator_urls  # noqa: F401  (registers the month converter)

from . import views

app_name = "disclosure"

urlpatterns = [
    path("performance-index/<month:month>/", views.index_publication, name="index_publication"),
    path("performance-index/<month:month>/publish/", views.index_publish, name="index_publish"),
]
