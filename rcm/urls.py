from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from decisions.feeds import DecisionSearchFeed
from declarations.feeds import PublishedDeclarationsFeed
from rcm.front.accounts import SignInView
from rcm.lib import converters

register_converter(converters.MeetingConverter, "meeting")
register_converter(converters.OutcomeConverter, "outcome")
register_converter(converters.DecisionNumberConverter, "decision")
register_converter(converters.CodeConverter, "code")
register_converter(converters.LanguageConverter, "lang")

urlpatterns = [
    path("", include("declarations.urls")),
    path("", include("decisions.urls")),
    path("", include("followup.urls")),
    path("", include("rcm.interchange.urls")),
    path("", include("rcm.front.urls")),
    path("feeds/declarations.atom", PublishedDeclarationsFeed(), name="declaration_feed"),
    path("feeds/decisions.atom", DecisionSearchFeed(), name="decision_feed"),
    path("staff/", include("rcm.staff_urls")),
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("admin/", admin.site.urls),
]

# A 503 page when the database does not answer, Django's 500 page otherwise.
handler500 = "rcm.front.views.server_error"
# The site's pages, saying why and where to go on.
handler403 = "rcm.front.errors.permission_denied"
handler404 = "rcm.front.errors.page_not_found"
