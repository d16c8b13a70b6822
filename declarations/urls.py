from django.urls import path

from declarations import views

urlpatterns = [
    path("conferences/", views.conference_list, name="conference_list"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("circulated/", views.circulated_list, name="circulated_list"),
    path("paragraphs/", views.paragraph_list, name="paragraph_list"),
    path("paragraphs.csv", views.paragraph_list_csv, name="paragraph_list_csv"),
    path("paragraphs.json", views.paragraph_list_json, name="paragraph_list_json"),
]
