from django.urls import path

from followup import views

urlpatterns = [
    path("implementation/", views.implementation_overview, name="implementation_overview"),
    path("conferences/<conference:key>/implementation/", views.implementation_report, name="implementation_report"),
    path("conferences/<conference:key>/implementation.csv", views.implementation_csv, name="implementation_csv"),
    path("conferences/<conference:key>/implementation.xlsx", views.implementation_xlsx, name="implementation_xlsx"),
    path(
        "conferences/<conference:key>/decisions/<decision:number>/evidence/<int:action_id>/",
        views.evidence,
        name="evidence",
    ),
]
