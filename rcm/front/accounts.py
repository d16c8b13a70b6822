"""Signing in, and where each role lands after it."""

from django.contrib.auth.views import LoginView
from django.shortcuts import resolve_url

from declarations.access import User, can_edit, can_read_circulated


def landing(user: User) -> str:
    """Where `user` can work: the staff dashboard for the Secretariat, the drafts circulated to them for
    delegates, the start page for everyone else."""
    if can_edit(user):
        return resolve_url("staff_dashboard")
    if can_read_circulated(user):
        return resolve_url("circulated_list")
    return resolve_url("home")


class SignInView(LoginView):
    """Django's sign-in page; after it, a safe `next` wins, and each role lands where it can work."""

    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return landing(self.request.user)
