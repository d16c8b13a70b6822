from django.urls import path

from decisions import views

urlpatterns = [
    path("decisions/", views.decision_list, name="decision_list"),
    path("decisions.csv", views.decision_list_csv, name="decision_list_csv"),
    path("decisions.json", views.decision_list_json, name="decision_list_json"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
]
