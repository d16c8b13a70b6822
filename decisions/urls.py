from django.urls import path

from decisions import views

urlpatterns = [
    path("conferences/<conference:key>/decisions.pdf", views.register_pdf, name="register_pdf"),
    path("conferences/<conference:key>/decisions/<decision:number>/", views.decision_detail, name="decision_detail"),
]
