from django.urls import path

from declarations import views

urlpatterns = [
    path("", views.home, name="home"),
    path("conferences/", views.conference_list, name="conference_list"),
    path("paragraphs/", views.paragraph_list, name="paragraph_list"),
    path("paragraphs.csv", views.paragraph_list_csv, name="paragraph_list_csv"),
    path("paragraphs.json", views.paragraph_list_json, name="paragraph_list_json"),
    path("conferences/<conference:key>/", views.conference_detail, name="conference_detail"),
    path("conferences/<conference:key>/declaration/", views.declaration_detail, name="declaration_detail"),
    path(
        "conferences/<conference:key>/declaration/<lang:language>/",
        views.declaration_detail,
        name="declaration_detail_language",
    ),
    path("conferences/<conference:key>/declaration.json", views.declaration_json, name="declaration_json"),
    path(
        "conferences/<conference:key>/declaration.<lang:language>.json",
        views.declaration_json,
        name="declaration_json_language",
    ),
    path("conferences/<conference:key>/declaration.pdf", views.declaration_pdf, name="declaration_pdf"),
    path(
        "conferences/<conference:key>/declaration.<lang:language>.pdf",
        views.declaration_pdf,
        name="declaration_pdf_language",
    ),
    path("conferences/<conference:key>/briefing.pdf", views.briefing_pdf, name="briefing_pdf"),
]
