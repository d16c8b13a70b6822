from django.urls import path

from rcm.interchange import views

urlpatterns = [
    path("<meeting:key>/<outcome:document>.json", views.declaration_json, name="declaration_json"),
    path(
        "<meeting:key>/<outcome:document>.<lang:language>.json",
        views.declaration_json,
        name="declaration_json_language",
    ),
]
