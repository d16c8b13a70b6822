from django.urls import path

from rcm.interchange import views

urlpatterns = [
    path("conferences/<conference:key>/declaration.json", views.declaration_json, name="declaration_json"),
    path(
        "conferences/<conference:key>/declaration.<lang:language>.json",
        views.declaration_json,
        name="declaration_json_language",
    ),
]
