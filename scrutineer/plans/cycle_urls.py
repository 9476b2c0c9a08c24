from django.urls import path

from . import cycle_views

app_name = "cycle"

urlpatterns = [
    path("my-actions/", cycle_views.my_actions, name="my_actions"),
    path("<str:period>/sub-actions/<int:pk>/", cycle_views.update_edit, name="update_edit"),
    path("periods/", cycle_views.periods, name="periods"),
    path("<str:period>/", cycle_views.dashboard, name="dashboard"),
    path("<str:period>/close/", cycle_views.period_close, name="period_close"),
    path("<str:period>/review/<int:pk>/", cycle_views.review, name="review"),
]
