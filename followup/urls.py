from django.urls import path

from followup import views

urlpatterns = [
    path("implementation/", views.implementation_overview, name="implementation_overview"),
    path("<meeting:key>/implementation/", views.implementation_report, name="implementation_report"),
    path("<meeting:key>/implementation.csv", views.implementation_csv, name="implementation_csv"),
    path("<meeting:key>/implementation.xlsx", views.implementation_xlsx, name="implementation_xlsx"),
    path(
        "<meeting:key>/decisions/<decision:number>/evidence/<int:action_id>/",
        views.evidence,
        name="evidence",
    ),
    path(
        "<meeting:key>/<outcome:document>/<decision:number>/evidence/<int:action_id>/",
        views.evidence,
        name="item_evidence",
    ),
]
