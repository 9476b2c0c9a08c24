from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("<slug:plan>/", views.plan_detail, name="plan_detail"),
    path("<slug:plan>/actions/", views.sub_action_list, name="sub_action_list"),
    path("<slug:plan>/priorities/<int:pk>/", views.priority_detail, name="priority_detail"),
    path("<slug:plan>/actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("<slug:plan>/changes/", views.plan_changes, name="changes"),
]
