from django.urls import path

from rcm.front import side_by_side, views

urlpatterns = [
    path("", views.home, name="home"),
    path("<meeting:key>/", views.conference_detail, name="conference_detail"),
    path("<meeting:key>/<outcome:document>/", views.declaration_detail, name="declaration_detail"),
    path(
        "<meeting:key>/<outcome:document>/<lang:language>/",
        views.declaration_detail,
        name="declaration_detail_language",
    ),
    path(
        "<meeting:key>/<outcome:document>/side-by-side/",
        side_by_side.declaration_side_by_side,
        name="declaration_side_by_side",
    ),
    path(
        "<meeting:key>/<outcome:document>/side-by-side.pdf",
        side_by_side.declaration_side_by_side_pdf,
        name="declaration_side_by_side_pdf",
    ),
    path("<meeting:key>/<outcome:document>.pdf", views.declaration_pdf, name="declaration_pdf"),
    path(
        "<meeting:key>/<outcome:document>.<lang:language>.pdf",
        views.declaration_pdf,
        name="declaration_pdf_language",
    ),
    path("<meeting:key>/briefing.pdf", views.briefing_pdf, name="briefing_pdf"),
    path("<meeting:key>/decisions.pdf", views.register_pdf, name="register_pdf"),
    path("<meeting:key>/decisions/<decision:number>/", views.decision_detail, name="decision_detail"),
    path("<meeting:key>/<outcome:document>/<decision:number>/", views.decision_detail, name="item_detail"),
    path("states/", views.state_list, name="state_list"),
    path("states/<code:code>/", views.state_detail, name="state_detail"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/<code:acronym>/", views.organization_detail, name="organization_detail"),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/<slug:slug>/", views.body_detail, name="body_detail"),
    path("documents/<slug:slug>/", views.document_detail, name="document_detail"),
    path("search/", views.search, name="search"),
    path("language/", views.set_language, name="set_language"),
    path("health/", views.health, name="health"),
    path("ready/", views.ready, name="ready"),
]
