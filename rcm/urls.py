from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from decisions.feeds import DecisionSearchFeed
from declarations.feeds import PublishedDeclarationsFeed
from rcm import converters, views

register_converter(converters.ConferenceConverter, "conference")
register_converter(converters.DecisionNumberConverter, "decision")
register_converter(converters.CodeConverter, "code")
register_converter(converters.LanguageConverter, "lang")

urlpatterns = [
    path("", include("declarations.urls")),
    path("", include("decisions.urls")),
    path("", include("followup.urls")),
    path("states/", views.state_list, name="state_list"),
    path("states/<code:code>/", views.state_detail, name="state_detail"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/<code:acronym>/", views.organization_detail, name="organization_detail"),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/<slug:slug>/", views.body_detail, name="body_detail"),
    path("documents/<slug:slug>/", views.document_detail, name="document_detail"),
    path("search/", views.search, name="search"),
    path("feeds/declarations.atom", PublishedDeclarationsFeed(), name="declaration_feed"),
    path("feeds/decisions.atom", DecisionSearchFeed(), name="decision_feed"),
    path("health/", views.health, name="health"),
    path("staff/", include("rcm.staff_urls")),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("admin/", admin.site.urls),
]
